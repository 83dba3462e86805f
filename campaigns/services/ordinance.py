"""Local ordinance campaigns: the playbook of steps, the opposition, the campaign's leadership."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from directory.cache import public_cache_bump
from directory.models import Leader

from ..models import (
    Campaign,
    CampaignMember,
    CampaignRole,
    CampaignStep,
    Official,
    Opponent,
    PlaybookTemplate,
)
from ..page_cache import SCOPE

STEP_FIELDS = ("title", "title_es", "guidance", "guidance_es", "status", "owner", "due_on", "notes")
OPPONENT_FIELDS = ("kind", "name", "organization", "official", "arguments", "responses")


class OrdinanceError(ServiceError):
    """A change that cannot be made; the message is safe to show to the team."""


def _require_ordinance(campaign: Campaign) -> None:
    if campaign.kind != Campaign.Kind.ORDINANCE:
        raise OrdinanceError(_("Only local ordinance campaigns have a playbook."))


def _next_position(campaign: Campaign) -> int:
    top = CampaignStep.objects.filter(campaign=campaign).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


# --- The playbook -------------------------------------------------------------------------------


@transaction.atomic
def steps_from_template(
    *, campaign: Campaign, template: PlaybookTemplate, actor: Any
) -> list[CampaignStep]:
    """Copy the template's steps, in its order, after any steps the campaign already has."""
    _require_ordinance(campaign)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    start = _next_position(campaign)
    steps = CampaignStep.objects.bulk_create(
        CampaignStep(
            campaign=campaign,
            position=start + i,
            title=step.title,
            title_es=step.title_es,
            guidance=step.guidance,
            guidance_es=step.guidance_es,
        )
        for i, step in enumerate(template.steps.order_by("position", "id"))
    )
    public_cache_bump(SCOPE)  # bulk writes send no signals
    audit_log(
        actor=actor,
        obj=campaign,
        action="campaign.steps.template",
        data={"template": template.pk, "count": len(steps)},
    )
    return steps


def _check_owner(campaign: Campaign, owner) -> None:
    if (
        owner is not None
        and not CampaignRole.objects.filter(campaign=campaign, user=owner).exists()
    ):
        raise OrdinanceError(_("The owner of a step must be on the campaign's team."))


@transaction.atomic
def step_add(*, campaign: Campaign, actor: Any, data: dict) -> CampaignStep:
    """Add a step at the end of the playbook."""
    _require_ordinance(campaign)
    unknown = set(data) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"not step fields: {sorted(unknown)}")
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    _check_owner(campaign, data.get("owner"))
    step = CampaignStep.objects.create(campaign=campaign, position=_next_position(campaign), **data)
    audit_log(actor=actor, obj=step, action="campaign.step.add", data={"title": step.title})
    return step


@transaction.atomic
def step_update(*, step: CampaignStep, actor: Any, changes: dict) -> CampaignStep:
    """Change a step's title, status, owner, due date or notes."""
    unknown = set(changes) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"not step fields: {sorted(unknown)}")
    step = CampaignStep.objects.select_for_update().select_related("campaign").get(pk=step.pk)
    if "owner" in changes and changes["owner"] != step.owner:
        _check_owner(step.campaign, changes["owner"])
    changed = sorted(name for name, value in changes.items() if getattr(step, name) != value)
    for name in changed:
        setattr(step, name, changes[name])
    if changed:
        step.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, obj=step, action="campaign.step.update", data={"fields": changed})
    return step


@transaction.atomic
def step_move(*, step: CampaignStep, actor: Any, up: bool) -> None:
    """Swap a step with the one before (`up`) or after it; positions become 1..n."""
    Campaign.objects.select_for_update().filter(pk=step.campaign_id).first()
    steps = list(
        CampaignStep.objects.filter(campaign_id=step.campaign_id).order_by("position", "id")
    )
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(steps):
        return
    steps[index], steps[other] = steps[other], steps[index]
    for position, item in enumerate(steps, start=1):
        item.position = position
    CampaignStep.objects.bulk_update(steps, ["position"])
    public_cache_bump(SCOPE)  # bulk writes send no signals
    audit_log(actor=actor, obj=step, action="campaign.step.move", data={"up": up})


@transaction.atomic
def step_delete(*, step: CampaignStep, actor: Any) -> None:
    """Remove a step from the playbook."""
    audit_log(actor=actor, obj=step, action="campaign.step.delete", data={"title": step.title})
    step.delete()


# --- Opposition ---------------------------------------------------------------------------------


def _opponent_values(campaign: Campaign, data: dict) -> dict:
    unknown = set(data) - set(OPPONENT_FIELDS)
    if unknown:
        raise ValueError(f"not opponent fields: {sorted(unknown)}")
    values = dict(data)
    official: Official | None = values.get("official")
    organization = values.get("organization")
    if official is not None and official.body_id != campaign.target_body_id:
        raise OrdinanceError(_("This official does not sit on the campaign's target body."))
    name = " ".join((values.get("name") or "").split())
    # A directory organization or an official names the opponent when the team gave no name.
    if not name:
        name = (organization.name if organization else "") or (official.name if official else "")
    if not name:
        raise OrdinanceError(_("Name the opponent, or choose an organization or an official."))
    values["name"] = name
    return values


@transaction.atomic
def opponent_save(
    *, campaign: Campaign, actor: Any, data: dict, opponent: Opponent | None = None
) -> Opponent:
    """Add an opponent (person or organization) with their arguments and our responses, or
    change one."""
    _require_ordinance(campaign)
    values = _opponent_values(campaign, data)
    if opponent is None:
        opponent = Opponent.objects.create(campaign=campaign, **values)
        action = "campaign.opponent.add"
    else:
        for name, value in values.items():
            setattr(opponent, name, value)
        opponent.save()
        action = "campaign.opponent.update"
    audit_log(actor=actor, obj=opponent, action=action, data={"name": opponent.name})
    return opponent


@transaction.atomic
def opponent_delete(*, opponent: Opponent, actor: Any) -> None:
    """Remove an opponent from the map of the opposition."""
    audit_log(
        actor=actor, obj=opponent, action="campaign.opponent.delete", data={"name": opponent.name}
    )
    opponent.delete()


# --- Leadership ---------------------------------------------------------------------------------


@transaction.atomic
def leadership_add(
    *, campaign: Campaign, actor: Any, leader: Leader, affected_community: bool
) -> CampaignMember:
    """Bring a directory leader into the campaign's leadership. A leader who already joined as
    a constituent keeps their membership (and districts) and gains the leadership role."""
    _require_ordinance(campaign)
    member, created = CampaignMember.objects.select_for_update().get_or_create(
        campaign=campaign,
        leader=leader,
        defaults={
            "role": CampaignMember.Role.LEADERSHIP,
            "affected_community": affected_community,
        },
    )
    if not created:
        if member.role == CampaignMember.Role.LEADERSHIP:
            raise OrdinanceError(
                _("%(name)s is already in the leadership.") % {"name": leader.name}
            )
        member.role = CampaignMember.Role.LEADERSHIP
        member.affected_community = affected_community
        member.save(update_fields=["role", "affected_community"])
    audit_log(
        actor=actor,
        obj=member,
        action="campaign.leadership.add",
        data={"leader": leader.pk, "affected_community": affected_community},
    )
    return member


@transaction.atomic
def leadership_update(
    *, member: CampaignMember, actor: Any, affected_community: bool
) -> CampaignMember:
    """Say whether a leadership member comes from an affected community."""
    if member.affected_community != affected_community:
        member.affected_community = affected_community
        member.save(update_fields=["affected_community"])
        audit_log(
            actor=actor,
            obj=member,
            action="campaign.leadership.update",
            data={"affected_community": affected_community},
        )
    return member


@transaction.atomic
def leadership_remove(*, member: CampaignMember, actor: Any) -> None:
    """Take a leader out of the leadership. Someone who also joined as a constituent (a place,
    districts or meetings on record) stays a constituent; anyone else leaves the campaign."""
    member = CampaignMember.objects.select_for_update().get(pk=member.pk)
    joined = (
        member.municipality
        or member.zip_code
        or member.districts.exists()
        or member.meeting_attendances.exists()
    )
    audit_log(
        actor=actor,
        obj=member,
        action="campaign.leadership.remove",
        data={"leader": member.leader_id, "stays_constituent": bool(joined)},
    )
    if joined:
        member.role = CampaignMember.Role.CONSTITUENT
        member.save(update_fields=["role"])
    else:
        member.delete()
