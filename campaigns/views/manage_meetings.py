"""The team's meeting pages: constituents per official, the meeting list, create and edit.

Every page is for the campaign's team and staff only (access_campaign(..., manage=True)):
constituents' names appear here and nowhere public.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from actlocal.errors import ServiceError
from actlocal.permissions import is_organizer
from actlocal.text import whole_number

from .. import manage_selectors as reads
from ..forms.meetings import MeetingFilter, MeetingForm, MeetingTeamForm
from ..member_selectors import constituents_by_official
from ..models import Campaign, Meeting, Official
from ..permissions import access_campaign
from ..services import meetings as meeting_services
from ..services.meetings import (
    MeetingDetails,
    meeting_update,
    meetings_for_team,
)


def _posted(request: HttpRequest):
    """The submitted data on a POST (even an empty one, which must fail validation), else None."""
    return request.POST if request.method == "POST" else None


def _manage(request: HttpRequest, slug: str) -> Campaign:
    return access_campaign(request.user, slug, manage=True)


def _edit_url(meeting: Meeting) -> str:
    return reverse(
        "campaigns:meeting_edit", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def constituents(request: HttpRequest, slug: str) -> HttpResponse:
    """Constituents per official; selected ones become a meeting team (a requested meeting)."""
    campaign = _manage(request, slug)
    form = MeetingTeamForm(_posted(request), campaign=campaign)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = meeting_services.meeting_create(
                    campaign=campaign,
                    official=form.cleaned_data["official"],
                    actor=request.user,
                    members=form.cleaned_data["members"],
                    details=MeetingDetails(status=Meeting.Status.REQUESTED),
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Meeting team formed for %(official)s. Now request or schedule the meeting.")
                    % {"official": meeting.official.name},
                )
                return redirect(_edit_url(meeting))
        status = 400
    overview = constituents_by_official(campaign=campaign)
    # Errors show next to the official's group they are about, else at the top of the page.
    posted_official = form.data.get("official", "") if form.is_bound else ""
    if posted_official not in {str(group.official.pk) for group in overview.groups}:
        posted_official = ""
    context = {
        "campaign": campaign,
        "overview": overview,
        "form": form,
        "posted_official": str(posted_official or ""),
        "posted_members": form.data.getlist("members") if form.is_bound else [],
        # Joining told constituents the team sees their name and where they live; addresses
        # stay private as in the directory (staff and network organizers), whatever the role.
        "show_emails": is_organizer(request.user),
    }
    return render(request, "campaigns/constituents_manage.html", context, status=status)


@never_cache
@login_required
@require_GET
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    filterset = MeetingFilter(
        request.GET, queryset=meetings_for_team(campaign=campaign), campaign=campaign
    )
    valid = filterset.is_valid()
    meetings = list(filterset.qs) if valid else []
    context = {"campaign": campaign, "filter": filterset, "meetings": meetings}
    return render(request, "campaigns/meeting_list.html", context, status=200 if valid else 400)


def _official_from_query(request: HttpRequest, campaign: Campaign) -> Official | None:
    pk = whole_number(request.GET.get("official"))
    if pk is None:
        return None
    return reads.campaign_official_get(campaign=campaign, pk=pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    form = MeetingForm(
        _posted(request), campaign=campaign, official=_official_from_query(request, campaign)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = meeting_services.meeting_create(
                    campaign=campaign,
                    official=form.cleaned_data["official"],
                    actor=request.user,
                    members=form.cleaned_data["attendees"],
                    details=form.details(),
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect(_edit_url(meeting))
        status = 400
    context = {"campaign": campaign, "form": form, "meeting": None}
    return render(request, "campaigns/meeting_form.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _manage(request, slug)
    meeting = reads.meeting_or_404(campaign=campaign, pk=pk)
    form = MeetingForm(_posted(request), campaign=campaign, meeting=meeting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting_update(
                    meeting=meeting,
                    actor=request.user,
                    details=form.details(),
                    members=form.cleaned_data["attendees"],
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect(_edit_url(meeting))
        status = 400
        meeting.refresh_from_db()
    context = {
        "campaign": campaign,
        "form": form,
        "meeting": meeting,
        "report": reads.meeting_report_get(meeting=meeting),
    }
    return render(request, "campaigns/meeting_form.html", context, status=status)
