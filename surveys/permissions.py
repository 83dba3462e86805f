"""Who may run a survey and see its results: staff, or the team of the event or campaign that
owns it. 404 for what you may not see, 403 for what you may see but not run."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actlocal.permissions import is_staff
from campaigns.permissions import can_manage as can_manage_campaign
from events.permissions import can_manage as can_manage_event

from .models import Survey
from .selectors import ReportStamp


def can_own(user: Any, survey: Survey) -> bool:
    """Staff own every survey; an event's or campaign's organizers own that one's survey."""
    if is_staff(user):
        return True
    if survey.event_id is not None:
        return can_manage_event(user, survey.event)
    if survey.campaign_id is not None:
        return can_manage_campaign(user, survey.campaign)
    return False


def survey_get(slug: str) -> Survey:
    survey = Survey.objects.select_related("event", "campaign").filter(slug=slug).first()
    if survey is None:
        raise Http404
    return survey


def published_survey_get(slug: str) -> Survey:
    """The survey of a public report: 404 unless it exists and is published. Without the
    event and campaign joins `survey_get` makes for owners: the report shows neither, and the
    joined columns were a third of what a report page that misses the page cache costs."""
    survey = Survey.objects.filter(slug=slug, published_at__isnull=False).first()
    if survey is None:
        raise Http404
    return survey


def published_report_stamp(slug: str) -> ReportStamp:
    """What keys the cached parts of a public report: 404 unless the survey exists and is
    published. Two columns, no row object: most requests need nothing more."""
    row = (
        Survey.objects.filter(slug=slug, published_at__isnull=False)
        .values_list("pk", "results_version")
        .first()
    )
    if row is None:
        raise Http404
    return ReportStamp(*row)


def access_survey_owner(user: Any, slug: str) -> Survey:
    """The survey for its owners: 404 if it does not exist, 403 for everyone else."""
    if is_staff(user):
        # Staff own every survey: no team to read, so none of survey_get's joins (the
        # compiling and the rows of the event and campaign were a fifth of a results page).
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise Http404
        return survey
    survey = survey_get(slug)
    if not can_own(user, survey):
        # Drafts are nobody else's business: hide them; an open survey may be known.
        if survey.status == Survey.Status.DRAFT:
            raise Http404
        raise PermissionDenied
    return survey
