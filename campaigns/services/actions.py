"""Pressure actions: letters to the editor, op-eds, calls, rallies, at an official or district."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from ..models import Campaign, District, Official, PressureAction


class PressureActionError(ServiceError):
    """A request that cannot be honoured; the message is safe to show."""


@transaction.atomic
def pressure_action_create(
    *,
    campaign: Campaign,
    kind: str,
    actor,
    official: Official | None = None,
    district: District | None = None,
    title: str = "",
    outlet: str = "",
    url: str = "",
    count: int = 1,
    happened_on: dt.date | None = None,
) -> PressureAction:
    """Record a public pressure action on an official or a district of the campaign's body.

    An official without a district given brings their own district along, so district totals
    count it. Bumps Campaign.updated_at so the cached scoreboard shows it at once.
    """
    if official is None and district is None:
        raise PressureActionError(_("Choose the official or the district this action aimed at."))
    if official is not None and official.body_id != campaign.target_body_id:
        raise PressureActionError(_("This official does not sit on the campaign's target body."))
    if district is not None and district.body_id != campaign.target_body_id:
        raise PressureActionError(_("This district is not one of the target body's districts."))
    if official is not None and district is not None and official.district_id != district.pk:
        raise PressureActionError(
            _("%(official)s does not represent %(district)s.")
            % {"official": official.name, "district": district.name}
        )
    if count < 1:
        raise PressureActionError(_("The count must be at least 1."))
    if kind not in PressureAction.Kind.values:
        raise PressureActionError(_("Choose a kind of action from the list."))
    action = PressureAction.objects.create(
        campaign=campaign,
        kind=kind,
        official=official,
        district=district if district is not None else getattr(official, "district", None),
        title=title,
        outlet=outlet,
        url=url,
        count=count,
        happened_on=happened_on or timezone.localdate(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    Campaign.objects.filter(pk=campaign.pk).update(updated_at=timezone.now())
    audit_log(
        actor=actor,
        obj=action,
        action="pressure_action.create",
        data={"kind": kind, "count": count, "official": official.pk if official else None},
    )
    return action
