"""Setting a campaign up: create and edit it, its team, its scripts and its targeted officials."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.models import Topic
from actlocal.teams import Team
from actlocal.text import unique_slug
from directory.cache import public_cache_bump
from directory.models import Organization, Resource
from toolkits.models import Toolkit

from ..models import (
    Body,
    Campaign,
    CampaignOfficial,
    CampaignRole,
    CampaignScript,
    Official,
    PlaybookTemplate,
    Stance,
    StanceReport,
)
from ..page_cache import SCOPE

# The fields the team edits on the campaign form.
EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "target_body",
    "ask",
    "title_es",
    "summary_es",
    "ask_es",
    "reference",
    "draft_text_url",
    "meeting_goal",
    "votes_needed",
    "starts_on",
    "ends_on",
    "status",
    "stale_after_weeks",
)
BODY_FIELDS = ("name", "kind", "state", "municipality", "form_of_government")


class CampaignError(ServiceError):
    """A change that cannot be made; the message is safe to show to the team."""


# Words a period may follow inside one sentence ("Rep. Diaz", "St. Paul", "No. 12").
ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "hon", "jr", "sr", "no", "vs"),
        *("etc", "inc", "co", "mt", "ft", "gen", "lt", "sgt", "ave", "rd", "blvd", "approx"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("dept", "univ"),
    }
)
ASK_MAX_LENGTH = 300


def ask_problem(text: str) -> str | None:
    """Why `text` is not one hard ask (one sentence, one line, at most 300 characters), or None."""
    text = (text or "").strip()
    if not text:
        return _("Write the hard ask.")
    if "\n" in text or "\r" in text:
        return _("The hard ask is one sentence on one line.")
    if len(text) > ASK_MAX_LENGTH:
        return _("The hard ask is at most %(max)d characters.") % {"max": ASK_MAX_LENGTH}
    for match in re.finditer(r"(\S+)([.!?]+)\s+[\"“'‘(]?[A-Z]", text):
        word = match.group(1).strip("\"“”'‘’()").lower()
        # "H.1234" and "U.S." have a period inside; single letters are initials.
        if match.group(2) == "." and (word in ABBREVIATIONS or len(word) <= 1 or "." in word):
            continue
        return _("The hard ask is one sentence: a single question officials answer yes or no.")
    return None


def _check(campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on <= campaign.starts_on:
        raise CampaignError(_("The campaign must end after it starts."))
    if campaign.kind == Campaign.Kind.ORDINANCE and not campaign.target_body.municipality:
        raise CampaignError(
            _("A local ordinance campaign targets a local body: a city council, select board…")
        )
    problem = ask_problem(campaign.ask)
    if problem:
        raise CampaignError(problem)


def _save_with_unique_slug(campaign: Campaign) -> None:
    """Insert under a free slug, drawing again if a parallel insert took it first."""
    for _attempt in range(5):
        campaign.slug = unique_slug(Campaign, campaign.title)
        try:
            with transaction.atomic():
                campaign.save()
            return
        except IntegrityError:
            if not Campaign.objects.filter(slug=campaign.slug).exists():
                raise
    raise CampaignError(_("Could not save the campaign; please try again."))


@transaction.atomic
def body_create_local(*, actor: Any, data: dict) -> Body:
    """A city or town's body (a council, a select board, a town meeting), refusing a duplicate."""
    unknown = set(data) - set(BODY_FIELDS)
    if unknown:
        raise ValueError(f"not body fields: {sorted(unknown)}")
    name = " ".join((data.get("name") or "").split())
    municipality = " ".join((data.get("municipality") or "").split())
    if not name or not municipality or not data.get("state") or not data.get("kind"):
        raise CampaignError(_("A local body needs a name, a city or town, a state and a kind."))
    existing = Body.objects.filter(
        state=data["state"], kind=data["kind"], municipality__iexact=municipality
    ).first()
    if existing is not None:
        raise CampaignError(
            _("%(name)s already exists: choose it in the list of bodies.") % {"name": existing}
        )
    body = Body(
        name=name,
        kind=data["kind"],
        state=data["state"],
        municipality=municipality,
        form_of_government=data.get("form_of_government") or "",
    )
    body.slug = unique_slug(Body, f"{municipality} {data['state']} {name}")
    body.save()
    audit_log(actor=actor, obj=body, action="body.create", data={"municipality": municipality})
    return body


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    data: dict,
    topics: Iterable[Topic] = (),
    resources: Iterable[Resource] = (),
    partners: Iterable[Organization] = (),
    new_body: dict | None = None,
    playbook: PlaybookTemplate | None = None,
    issue_kit: Toolkit | None = None,
) -> Campaign:
    """Create a campaign; the creator leads its team. An ordinance campaign may start from a
    playbook template (its steps are copied) and may name a new local body to target.

    `issue_kit` (a published issue kit the actor may read) is applied in the same transaction,
    after the playbook's steps exist, so its documents are linked to them; if it cannot be,
    nothing is created."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not campaign fields: {sorted(unknown)}")
    campaign = Campaign(**data)
    if new_body is not None:
        campaign.target_body = body_create_local(actor=actor, data=new_body)
    if campaign.target_body_id is None:
        raise CampaignError(_("Choose the body the campaign targets."))
    campaign.created_by = actor if getattr(actor, "is_authenticated", False) else None
    _check(campaign)
    _save_with_unique_slug(campaign)
    campaign.topics.set(topics)
    campaign.resources.set(resources)
    campaign.coalition_partners.set(partners)
    if campaign.created_by is not None:
        CampaignRole.objects.create(campaign=campaign, user=actor, role=CampaignRole.Role.LEAD)
    audit_log(actor=actor, obj=campaign, action="campaign.create", data={"title": campaign.title})
    if playbook is not None and campaign.kind == Campaign.Kind.ORDINANCE:
        from .ordinance import steps_from_template

        steps_from_template(campaign=campaign, template=playbook, actor=actor)
    if issue_kit is not None:
        from .issue_kits import campaign_issue_kit_apply

        campaign_issue_kit_apply(campaign=campaign, toolkit=issue_kit, actor=actor)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: Any,
    changes: dict,
    topics: Iterable[Topic] | None = None,
    resources: Iterable[Resource] | None = None,
    partners: Iterable[Organization] | None = None,
    new_body: dict | None = None,
) -> Campaign:
    """Apply the team's edits to the campaign's details."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not campaign fields: {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    changes = dict(changes)
    if new_body is not None:
        changes["target_body"] = body_create_local(actor=actor, data=new_body)
    changed = sorted(name for name, value in changes.items() if getattr(campaign, name) != value)
    for name in changed:
        setattr(campaign, name, changes[name])
    _check(campaign)
    if changed:
        campaign.save(update_fields=[*changed, "updated_at"])
    for relation, values in (
        ("topics", topics),
        ("resources", resources),
        ("coalition_partners", partners),
    ):
        if values is not None:
            getattr(campaign, relation).set(values)
    audit_log(actor=actor, obj=campaign, action="campaign.update", data={"fields": changed})
    return campaign


# --- The organizing team ------------------------------------------------------------------------

TEAM = Team(
    role_model=CampaignRole,
    owner_field="campaign",
    lead_role=CampaignRole.Role.LEAD,
    error=CampaignError,
)


def team_member_add(*, campaign: Campaign, actor: Any, email: str, role: str) -> CampaignRole:
    """Put the account that signs in with `email` on the team in `role`."""
    return cast(CampaignRole, TEAM.add(owner=campaign, actor=actor, email=email, role=role))


def team_member_role_change(*, member: CampaignRole, actor: Any, role: str) -> CampaignRole:
    """Give a team member another role; the last lead cannot step down."""
    return cast(CampaignRole, TEAM.change_role(member=member, actor=actor, role=role))


def team_member_remove(*, member: CampaignRole, actor: Any) -> None:
    """Take someone off the team; the last lead cannot be removed."""
    TEAM.remove(member=member, actor=actor)


# --- Scripts ------------------------------------------------------------------------------------


@transaction.atomic
def scripts_save(
    *,
    campaign: Campaign,
    actor: Any,
    bodies: dict[str, str],
    bodies_es: dict[str, str] | None = None,
) -> list[str]:
    """Save the campaign's own script per stance, and its Spanish version (`bodies_es`; None
    leaves the Spanish versions as they are); a stance with neither goes back to the default.
    Returns the stances whose script changed."""
    unknown = (set(bodies) | set(bodies_es or {})) - set(Stance.values)
    if unknown:
        raise ValueError(f"not stances: {sorted(unknown)}")
    current = {s.stance: s for s in CampaignScript.objects.filter(campaign=campaign)}
    changed = []
    for stance in dict.fromkeys([*bodies, *(bodies_es or {})]):
        script = current.get(stance)
        text = (bodies.get(stance, script.body if script else "") or "").strip()
        if bodies_es is None or stance not in bodies_es:
            text_es = script.body_es if script else ""
        else:
            text_es = (bodies_es[stance] or "").strip()
        if not (text or text_es):
            if script is not None:
                script.delete()
                changed.append(stance)
        elif script is None:
            CampaignScript.objects.create(
                campaign=campaign, stance=stance, body=text, body_es=text_es
            )
            changed.append(stance)
        elif (script.body, script.body_es) != (text, text_es):
            script.body, script.body_es = text, text_es
            script.save(update_fields=["body", "body_es"])
            changed.append(stance)
    if changed:
        audit_log(actor=actor, obj=campaign, action="campaign.scripts", data={"stances": changed})
    return changed


# --- Targeted officials -------------------------------------------------------------------------


def _refresh_from_reports(campaign: Campaign, official_ids: Iterable[int]) -> None:
    """A re-added official gets back the stance of their latest verified report, if any."""
    from .stances import _refresh_current

    verified = set(
        StanceReport.objects.filter(
            campaign=campaign, official_id__in=list(official_ids), review="verified"
        ).values_list("official_id", flat=True)
    )
    for official_id in verified:
        _refresh_current(campaign_id=campaign.pk, official_id=official_id)


@transaction.atomic
def targets_add_all(*, campaign: Campaign, actor: Any) -> int:
    """Target every current official of the campaign's body; returns how many were added."""
    already = set(campaign.targets.values_list("official_id", flat=True))
    new_ids = [
        pk
        for pk in Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .values_list("pk", flat=True)
        if pk not in already
    ]
    CampaignOfficial.objects.bulk_create(
        [CampaignOfficial(campaign=campaign, official_id=pk) for pk in new_ids],
        ignore_conflicts=True,
    )
    public_cache_bump(SCOPE)  # bulk writes send no signals
    _refresh_from_reports(campaign, new_ids)
    if new_ids:
        audit_log(
            actor=actor, obj=campaign, action="campaign.targets.add", data={"count": len(new_ids)}
        )
    return len(new_ids)


@transaction.atomic
def target_add(*, campaign: Campaign, actor: Any, official: Official) -> CampaignOfficial:
    """Target one official, who must sit on the campaign's body."""
    if official.body_id != campaign.target_body_id:
        raise CampaignError(_("This official does not sit on the campaign's target body."))
    target, created = CampaignOfficial.objects.get_or_create(campaign=campaign, official=official)
    if created:
        _refresh_from_reports(campaign, [official.pk])
        target.refresh_from_db()
        audit_log(
            actor=actor,
            obj=campaign,
            action="campaign.targets.add",
            data={"official": official.pk},
        )
    return target


@transaction.atomic
def target_remove(*, target: CampaignOfficial, actor: Any) -> None:
    """Stop targeting an official. Their meetings and stance reports stay in the record."""
    audit_log(
        actor=actor,
        obj=target.campaign,
        action="campaign.targets.remove",
        data={"official": target.official_id},
    )
    target.delete()


@transaction.atomic
def target_roles_set(
    *, target: CampaignOfficial, actor: Any, is_sponsor: bool, is_champion: bool
) -> CampaignOfficial:
    """Mark an official as a sponsor (introduces the measure) and/or a champion (argues for it)."""
    target = CampaignOfficial.objects.select_for_update().get(pk=target.pk)
    if (target.is_sponsor, target.is_champion) == (is_sponsor, is_champion):
        return target
    target.is_sponsor, target.is_champion = is_sponsor, is_champion
    target.save(update_fields=["is_sponsor", "is_champion"])
    audit_log(
        actor=actor,
        obj=target.campaign,
        action="campaign.targets.roles",
        data={"official": target.official_id, "sponsor": is_sponsor, "champion": is_champion},
    )
    return target
