"""Joining a campaign: a leader's place decides their own officials; the team sees constituents
grouped per official.

A member's districts are every district their place lies in (State House, Senate...); the
campaign's target body decides which of them count. A place that matches no district of the
target body is refused: a member nobody can meet with would only inflate the numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.accounts import account_leader_ensure
from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from directory.cache import public_cache_bump

from .. import geography
from ..models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    District,
    MeetingAttendee,
    Official,
)
from ..page_cache import SCOPE
from .meetings import OPEN_STATUSES


class JoinError(ServiceError):
    """A join that cannot be made; the message is safe to show."""


class NeedsPrecinct(JoinError):
    """The town is split between districts of the target body: ask for ward and precinct."""


@dataclass(frozen=True)
class Place:
    """Where a member lives, as the join form asks it."""

    municipality: str = ""
    ward: str = ""
    precinct: str = ""
    zip_code: str = ""


# --- Where a place lies -----------------------------------------------------------------------


def place_districts(*, campaign: Campaign, place: Place) -> list[District]:
    """The districts the place lies in: exactly one of the target body, plus those of other
    bodies that are unambiguous. Raises JoinError (or NeedsPrecinct) with the reason.

    A town split between districts of the target body needs a ward and precinct; a ZIP code
    that lies in a single one of the town's districts settles it instead.
    """
    body = campaign.target_body
    if not place.municipality:
        if not place.zip_code:
            raise JoinError(_("Enter your city or town, or your ZIP code."))
        return _unambiguous(_zip_districts(campaign=campaign, zip_code=place.zip_code), body)
    try:
        found = geography.districts_for_place(
            state=body.state,
            municipality=place.municipality,
            ward=place.ward if place.precinct else "",
            precinct=place.precinct,
        )
    except geography.PlaceError as exc:
        raise JoinError(str(exc)) from exc
    districts = list(found)
    targets = [d for d in districts if d.body_id == body.pk]
    if not targets:
        raise JoinError(
            _(
                "%(place)s is not in any district of the %(body)s, so this campaign has no "
                "official for you to meet."
            )
            % {"place": place.municipality, "body": body.name}
        )
    if len(targets) > 1 and place.zip_code:
        try:
            by_zip = {d.pk for d in _zip_districts(campaign=campaign, zip_code=place.zip_code)}
        except JoinError:
            by_zip = set()  # the ZIP does not settle it: ask for the precinct below
        narrowed = [d for d in targets if d.pk in by_zip]
        if len(narrowed) == 1:
            return _unambiguous([*narrowed, *(d for d in districts if d.body_id != body.pk)], body)
    if len(targets) > 1:
        raise NeedsPrecinct(
            _("%(place)s is split between districts. Choose your ward and precinct.")
            % {"place": place.municipality}
        )
    return _unambiguous(districts, body)


def _unambiguous(districts: list[District], target_body) -> list[District]:
    """The target body's district, and for other bodies only a district that is the only one
    of its body (a town split for the Senate but not the House says nothing about the Senate)."""
    per_body: dict[int, list[District]] = defaultdict(list)
    for district in districts:
        per_body[district.body_id].append(district)
    return [ds[0] for body_id, ds in per_body.items() if len(ds) == 1 or body_id == target_body.pk]


def _zip_districts(*, campaign: Campaign, zip_code: str) -> list[District]:
    """The fallback: districts by ZIP code, accepted only when the ZIP is in one district of
    the target body (a split ZIP would guess the member's official)."""
    body = campaign.target_body
    districts = list(geography.districts_for_zip(zip_code=zip_code))
    targets = [d for d in districts if d.body_id == body.pk]
    if not targets:
        raise JoinError(
            _("We have no district of the %(body)s for ZIP code %(zip)s. Enter your city or town.")
            % {"zip": zip_code, "body": body.name}
        )
    if len(targets) > 1:
        raise NeedsPrecinct(
            _(
                "ZIP code %(zip)s is split between districts. Enter your city or town, "
                "ward and precinct instead."
            )
            % {"zip": zip_code}
        )
    return districts


# --- Joining and leaving ------------------------------------------------------------------------


@transaction.atomic
def member_join(*, campaign: Campaign, user, place: Place) -> CampaignMember:
    """Join the campaign from `place`, or move an existing membership there.

    Ensures the campaign targets the member's own officials; a member who moved leaves the
    open meeting teams of officials who are no longer theirs.
    """
    if campaign.status != Campaign.Status.ACTIVE:
        raise JoinError(_("This campaign is not taking new members."))
    districts = place_districts(campaign=campaign, place=place)
    leader = account_leader_ensure(user=user)
    if leader is None:
        raise JoinError(
            _("Confirm your email address first: we sent you a link when you signed up.")
        )
    values = {
        "municipality": _town_name(state=campaign.target_body.state, name=place.municipality),
        "ward": place.ward,
        "precinct": place.precinct,
        "zip_code": place.zip_code,
    }
    member, created = CampaignMember.objects.select_for_update().get_or_create(
        campaign=campaign, leader=leader, defaults=values
    )
    before = set() if created else set(member.districts.values_list("pk", flat=True))
    if not created:
        for name, value in values.items():
            setattr(member, name, value)
        member.save(update_fields=list(values))
    after = {d.pk for d in districts}
    if after != before:
        member.districts.set(districts)
    officials = _ensure_targets(campaign=campaign, districts=districts)
    if not created and after != before:
        _leave_other_officials_meetings(member=member, officials=officials)
    audit_log(
        actor=user,
        obj=member,
        action="campaign.join" if created else "campaign.move",
        data={"districts": sorted(after)},
    )
    return member


def _town_name(*, state: str, name: str) -> str:
    """The town as the crosswalk spells it ("north attleborough" -> "North Attleborough")."""
    if not name:
        return ""
    matches = geography.municipality_matches(name=name, state=state)
    return matches[0].name if matches else name


def _ensure_targets(*, campaign: Campaign, districts: list[District]) -> list[Official]:
    """A CampaignOfficial row for each current official of the target body in `districts`."""
    officials = list(
        Official.objects.current().filter(
            body_id=campaign.target_body_id, district__in=[d.pk for d in districts]
        )
    )
    CampaignOfficial.objects.bulk_create(
        [CampaignOfficial(campaign=campaign, official=o) for o in officials],
        ignore_conflicts=True,
    )
    public_cache_bump(SCOPE)  # bulk writes send no signals
    return officials


def _leave_other_officials_meetings(*, member: CampaignMember, officials: list[Official]) -> None:
    MeetingAttendee.objects.filter(member=member, meeting__status__in=OPEN_STATUSES).exclude(
        meeting__official__in=[o.pk for o in officials]
    ).delete()


@transaction.atomic
def member_leave(*, member: CampaignMember, actor) -> None:
    """Leave the campaign: the membership and its meeting places go; meetings stay."""
    audit_log(
        actor=actor, obj=member, action="campaign.leave", data={"campaign": member.campaign_id}
    )
    member.delete()
