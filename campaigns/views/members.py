"""A member's own pages: join (and move), leave, a meeting they are on, and its report.

A meeting is shown to its attendees and to the campaign's team only; anyone else gets a 404,
as if it did not exist. Attendees see each other by first name; the team sees full names.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..document_selectors import campaign_documents
from ..forms.meetings import MeetingReportForm
from ..forms.members import JoinForm
from ..member_selectors import member_meetings, member_officials, place_from_profile
from ..models import Campaign, CampaignMember, Meeting, Stance
from ..permissions import access_campaign, can_manage, membership
from ..scripts import script_for
from ..services.meetings import (
    first_name,
    meeting_place,
    meeting_report_file,
    meeting_stance,
    report_can_be_filed,
)
from ..services.members import NeedsPrecinct, member_join, member_leave


def _posted(request: HttpRequest):
    """The submitted data on a POST (even an empty one, which must fail validation), else None."""
    return request.POST if request.method == "POST" else None


def _join_context(campaign: Campaign, member: CampaignMember | None, form: JoinForm, **extra):
    return {
        "campaign": campaign,
        "member": member,
        "form": form,
        "my_officials": member_officials(member=member) if member else [],
        "my_meetings": member_meetings(member=member) if member else [],
        "needs_precinct": False,
        "error": "",
        **extra,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join from your town (and precinct in a split town); joined members see their officials,
    what to say to each, and their meetings, and may move or leave."""
    campaign = access_campaign(request.user, slug)
    member = membership(request.user, campaign)
    # A first join starts from the town and ZIP on the person's profile.
    initial = place_from_profile(user=request.user) if member is None else {}
    if member is not None:
        initial = {
            "municipality": member.municipality,
            "ward": member.ward,
            "precinct": member.precinct,
            "zip_code": member.zip_code,
        }
    form = JoinForm(_posted(request), campaign=campaign, initial=initial)
    status, extra = 200, {}
    if request.method == "POST":
        if form.is_valid():
            try:
                joined = member_join(campaign=campaign, user=request.user, place=form.place())
            except NeedsPrecinct as exc:
                # Not an error: the town is split, one more answer is needed.
                form.offer_precincts(
                    campaign=campaign, municipality=form.cleaned_data["municipality"]
                )
                extra = {"needs_precinct": True, "error": str(exc)}
            except ServiceError as exc:
                status, extra = 400, {"error": str(exc)}
            else:
                if member is None:
                    messages.success(
                        request,
                        _(
                            "You have joined %(title)s. Here are your officials and what to "
                            "say to them."
                        )
                        % {"title": campaign.title},
                    )
                else:
                    messages.success(request, _("Your place is updated."))
                return redirect(reverse("campaigns:join", kwargs={"slug": joined.campaign.slug}))
        else:
            status = 400
    elif member is None and campaign.status != Campaign.Status.ACTIVE:
        extra = {"error": _("This campaign is not taking new members.")}
    return render(
        request,
        "campaigns/join_form.html",
        _join_context(campaign, member, form, **extra),
        status=status,
    )


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access_campaign(request.user, slug)
    member = membership(request.user, campaign)
    if member is None:
        messages.info(request, _("You are not a member of this campaign."))
        return redirect(campaign.get_absolute_url())
    member_leave(member=member, actor=request.user)
    messages.success(request, _("You have left %(title)s.") % {"title": campaign.title})
    return redirect(campaign.get_absolute_url())


# --- A meeting ---------------------------------------------------------------------------------


def _meeting_for(request: HttpRequest, slug: str, pk: int) -> tuple[Campaign, Meeting, bool]:
    """The meeting and whether the viewer is on the team; 404 unless they attend or organize."""
    campaign = access_campaign(request.user, slug)
    meeting = reads.meeting_or_404(campaign=campaign, pk=pk, with_body=True)
    if can_manage(request.user, campaign):
        return campaign, meeting, True
    member = membership(request.user, campaign)
    if member is None or not reads.meeting_has_attendee(meeting=meeting, member=member):
        raise Http404
    return campaign, meeting, False


@never_cache
@login_required
@require_http_methods(["GET"])
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign, meeting, team = _meeting_for(request, slug, pk)
    attendees = reads.meeting_attendees(meeting=meeting)
    stance = meeting_stance(meeting)
    report = reads.meeting_report_get(meeting=meeting)
    context = {
        "campaign": campaign,
        "meeting": meeting,
        "official": meeting.official,
        "team": team,
        "people": [
            {
                "name": a.member.leader.name if team else first_name(a.member.leader.name),
                "attended": a.attended,
                "is_me": a.member.leader.user_id == request.user.pk,
            }
            for a in attendees
        ],
        "place": meeting_place(meeting),
        "stance": stance,
        "stance_label": Stance(stance).label,
        "script": script_for(campaign=campaign, stance=stance, official=meeting.official),
        "report": report,
        "report_blocked": report_can_be_filed(meeting),
        "documents": campaign_documents(campaign=campaign, user=request.user),
    }
    return render(request, "campaigns/meeting_detail.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def meeting_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An attendee or the team files the report; the team may edit it afterwards."""
    campaign, meeting, team = _meeting_for(request, slug, pk)
    report = reads.meeting_report_get(meeting=meeting)
    blocked = report_can_be_filed(meeting)
    if report is not None and not team:
        blocked = _(
            "A report on this meeting has already been filed. If something in it is wrong, "
            "please tell the organizing team."
        )
    form = MeetingReportForm(_posted(request), meeting=meeting, full_names=team)
    status = 200
    if request.method == "POST":
        if blocked:
            status = 400
        elif form.is_valid():
            try:
                meeting_report_file(
                    meeting=meeting,
                    actor=request.user,
                    report=form.report_input(),
                    as_team=team,
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! The report is filed; the team will verify the "
                        "official’s answer."
                    ),
                )
                return redirect(
                    reverse("campaigns:meeting", kwargs={"slug": campaign.slug, "pk": meeting.pk})
                )
            status = 400
        else:
            status = 400
    context = {
        "campaign": campaign,
        "meeting": meeting,
        "official": meeting.official,
        "team": team,
        "form": form,
        "report": report,
        "blocked": blocked,
    }
    return render(request, "campaigns/meeting_report.html", context, status=status)
