"""Members of a local body (a city council, a select board), added by the campaign's team.

State and federal legislators come from the staff's Open States imports; nobody publishes data
on the thousands of local bodies, so the team of an ordinance campaign types in the members of
its target body, one by one or as a CSV, and each member becomes a target at once. A CSV goes
through actlocal.importing like every other import: errors (a missing name, a name twice)
refuse the whole file with their row and column, warnings (a bad office email or phone) leave
that value out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.importing import (
    Checker,
    ImportRejected,
    Problem,
    check_header,
    csv_rows,
    row_label,
)
from actlocal.text import unique_slug

from ..models import Body, Campaign, CampaignOfficial, District, Official
from ..normalize import district_key
from .campaigns import _refresh_from_reports

MEMBER_COLUMNS = ["name", "seat", "party", "email", "phone"]


class LocalBodyError(ServiceError):
    """A member that cannot be added; the message is safe to show to the team."""


@dataclass
class MemberData:
    name: str
    seat: str = ""
    party: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class MembersImported:
    created: int = 0
    targeted: int = 0
    warnings: list[Problem] = field(default_factory=list)


def body_takes_members(body: Body | None) -> bool:
    """Only a local body (one with a municipality) gets its members from the team."""
    return body is not None and bool(body.municipality)


def _require_local(campaign: Campaign) -> Body:
    body = campaign.target_body
    if campaign.kind != Campaign.Kind.ORDINANCE or not body_takes_members(body):
        raise LocalBodyError(
            _(
                "Members can be added only to the local body of an ordinance campaign; "
                "legislators come from the staff's imports."
            )
        )
    return body


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _seat(body: Body, name: str, known: dict[str, District]) -> District | None:
    if not name:
        return None
    key = district_key(name) or _name_key(name)
    if key not in known:
        known[key], _created = District.objects.get_or_create(
            body=body, name_key=key, defaults={"name": name}
        )
    return known[key]


def _member_write(
    *,
    campaign: Campaign,
    body: Body,
    data: MemberData,
    seats: dict[str, District],
    existing: dict[str, Official],
) -> tuple[Official, bool, bool]:
    """(official, created, newly targeted): a member already on record is targeted, not copied."""
    official = existing.get(_name_key(data.name))
    created = official is None
    if official is None:
        official = Official.objects.create(
            name=data.name,
            slug=unique_slug(Official, f"{data.name} {body.municipality}"),
            body=body,
            district=_seat(body, data.seat, seats),
            party=data.party,
            email=data.email,
            phone=data.phone,
        )
        existing[_name_key(data.name)] = official
    _target, targeted = CampaignOfficial.objects.get_or_create(campaign=campaign, official=official)
    if targeted:
        _refresh_from_reports(campaign, [official.pk])
    return official, created, targeted


def _current_members(body: Body) -> dict[str, Official]:
    return {_name_key(o.name): o for o in Official.objects.current().filter(body=body)}


def _body_locked(campaign: Campaign) -> Body:
    body = _require_local(campaign)
    # Two organizers adding the same member at once would otherwise both create them.
    return Body.objects.select_for_update().get(pk=body.pk)


@transaction.atomic
def local_member_add(*, campaign: Campaign, actor: Any, data: MemberData) -> Official:
    """Add one member of the campaign's local body and target them."""
    body = _body_locked(campaign)
    if not data.name.strip():
        raise LocalBodyError(_("Enter the member's name."))
    existing = _current_members(body)
    if (
        _name_key(data.name) in existing
        and existing[_name_key(data.name)].campaign_targets.filter(campaign=campaign).exists()
    ):
        raise LocalBodyError(
            _("%(name)s is already a member of %(body)s and targeted.")
            % {"name": data.name, "body": body.name}
        )
    official, created, _targeted = _member_write(
        campaign=campaign, body=body, data=data, seats={}, existing=existing
    )
    audit_log(
        actor=actor,
        obj=campaign,
        action="campaign.local_member.add",
        data={"official": official.pk, "created": created},
    )
    return official


def _members_read(data: bytes, *, where: str) -> tuple[list[MemberData], list[Problem]]:
    """The members of a CSV, or ImportRejected with every error (row and column)."""
    header, rows = csv_rows(data, where=where)
    problems = check_header(header, required=["name"], where=where)
    known = ", ".join(MEMBER_COLUMNS)
    unknown = [name for name in header if name and name not in MEMBER_COLUMNS]
    problems += [
        Problem(
            where,
            name,
            _("this column is not one of: %(known)s.") % {"known": known},
        )
        for name in unknown
    ]
    if problems:
        raise ImportRejected(problems)
    check = Checker()
    members: list[MemberData] = []
    seen: dict[str, str] = {}
    for number, row in rows:
        where_row = row_label(number)
        name = " ".join(
            check.text(
                where_row, "name", row.get("name", ""), max_length=150, required=True
            ).split()
        )
        key = _name_key(name)
        if name and key in seen:
            check.add(
                where_row,
                "name",
                _("%(name)s is already on %(row)s.") % {"name": name, "row": seen[key]},
            )
        seen.setdefault(key, where_row)
        members.append(
            MemberData(
                name=name,
                seat=check.text(where_row, "seat", row.get("seat", ""), max_length=150),
                party=check.text(where_row, "party", row.get("party", ""), max_length=60),
                email=check.email(where_row, "email", row.get("email", "")),
                phone=check.phone(where_row, "phone", row.get("phone", "")),
            )
        )
    if not members:
        check.add(where, "", _("the file has a header but no members."))
    check.raise_if_errors()
    return members, check.warnings


@transaction.atomic
def local_members_import(
    *, campaign: Campaign, actor: Any, data: bytes, filename: str = ""
) -> MembersImported:
    """Add and target every member listed in a CSV, or nothing (ImportRejected) if it has errors."""
    body = _body_locked(campaign)
    members, warnings = _members_read(data, where=filename or _("the file"))
    result = MembersImported(warnings=warnings)
    existing = _current_members(body)
    seats: dict[str, District] = {}
    for member in members:
        _official, created, targeted = _member_write(
            campaign=campaign, body=body, data=member, seats=seats, existing=existing
        )
        result.created += int(created)
        result.targeted += int(targeted)
    audit_log(
        actor=actor,
        obj=campaign,
        action="campaign.local_members.import",
        data={"created": result.created, "targeted": result.targeted},
    )
    return result
