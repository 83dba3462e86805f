"""The lobby-meeting brief: one printable page for a constituent meeting's attendees and team.

Same access as the meeting page (attendees and the team; 404 for anyone else). The team assigns
the meeting roles on it; attendees see them. Attendees see each other by first name.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from actlocal.dates import when
from actlocal.errors import ServiceError
from toolkits.merge import merge_render

from .. import selectors
from ..brief import ROLE_FIELDS, MeetingRolesForm
from ..brief_selectors import meeting_roles_get
from ..document_selectors import campaign_documents
from ..models import Stance
from ..scripts import script_for, script_values
from ..services.brief import meeting_roles_set
from ..services.meetings import first_name, meeting_place, meeting_zone, report_can_be_filed
from .members import _meeting_for


def _role_people(roles, team: bool) -> list[tuple[str, str]]:
    labels = dict(zip(ROLE_FIELDS, MeetingRolesForm.role_labels(), strict=True))
    people = []
    for name in ROLE_FIELDS:
        attendee = getattr(roles, name) if roles else None
        who = ""
        if attendee is not None:
            who = attendee.member.leader.name if team else first_name(attendee.member.leader.name)
        people.append((labels[name], who))
    return people


def _thank_you(campaign, meeting, documents, user, stance: str) -> str:
    """The first thank-you template the team chose, filled for this meeting, or ""."""
    template = next((d for d in documents if d.template_for == "thank_you"), None)
    if template is None:
        return ""
    values = script_values(campaign=campaign, official=meeting.official, stance=stance)
    if meeting.scheduled_at:
        values["meeting.date"] = when(meeting.scheduled_at, "date", meeting_zone(meeting))
    values["sender.name"] = user.name or ""
    return merge_render(text=template.body, place="thank_you", values=values)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def meeting_brief(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign, meeting, team = _meeting_for(request, slug, pk)
    roles = meeting_roles_get(meeting=meeting)
    form = None
    status = 200
    if team:
        initial = {name: getattr(roles, f"{name}_id") for name in ROLE_FIELDS} if roles else {}
        form = MeetingRolesForm(
            request.POST if request.method == "POST" else None,
            meeting=meeting,
            initial=initial,
        )
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                meeting_roles_set(meeting=meeting, actor=request.user, roles=form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The meeting roles are saved."))
                return redirect("campaigns:meeting_brief", slug=campaign.slug, pk=meeting.pk)
        status = 400
    documents = campaign_documents(campaign=campaign, user=request.user)
    record = selectors.official_record(campaign=campaign, official=meeting.official)
    stance = record.stance
    context = {
        "campaign": campaign,
        "meeting": meeting,
        "official": meeting.official,
        "team": team,
        "record": record,
        "stance_label": Stance(stance).label,
        "script": script_for(campaign=campaign, stance=stance, official=meeting.official),
        "place": meeting_place(meeting),
        "roles": _role_people(roles, team),
        "form": form,
        "documents": documents,
        "thank_you": _thank_you(campaign, meeting, documents, request.user, record.stance),
        "report_blocked": report_can_be_filed(meeting),
    }
    return render(request, "campaigns/meeting_brief.html", context, status=status)
