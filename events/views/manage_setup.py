"""Organizer pages that set an event up: details, cancellation, team, agenda, questions,
reminder schedule and follow-up gatherings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError
from actlocal.team_views import TeamAddForm, team_handle_post
from actlocal.text import whole_number
from directory.selectors import leader_choices, leaders_choosable

from .. import manage_selectors as reads
from ..forms.manage import (
    CancelForm,
    EventForm,
    FollowupForm,
    KitSaveForm,
    QuestionForm,
    ReminderForm,
    SessionForm,
)
from ..models import Event, EventRole, Question
from ..permissions import access_event, can_create_events, can_lead
from ..services import agenda as agenda_services
from ..services import events as event_services
from ..services import team as team_services

FACILITATOR_LIST_LIMIT = 300
ROLE_ORDER = {EventRole.Role.LEAD: 0, EventRole.Role.CO_ORGANIZER: 1, EventRole.Role.CHECKIN: 2}


def _manage(request: HttpRequest, slug: str) -> Event:
    return access_event(request.user, slug, manage=True)


def _context(request: HttpRequest, event: Event, **extra) -> dict:
    return {"event": event, "can_lead": can_lead(request.user, event), **extra}


def _pk(request: HttpRequest, name: str = "pk") -> int | None:
    value = request.POST.get(name) or request.GET.get(name) or ""
    return whole_number(value)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not can_create_events(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = event_services.event_create(
                    actor=request.user,
                    data=form.event_data(),
                    topics=form.cleaned_data["topics"],
                    co_hosts=form.cleaned_data["co_hosts"],
                    publish=request.POST.get("action") == "publish",
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The event is created. You lead its team."))
                return redirect("events:manage", slug=event.slug)
        status = 400
    return render(
        request, "events/event_form.html", {"form": form, "creating": True}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    # The form writes into its instance while validating; keep the page's event untouched.
    form = EventForm(request.POST or None, instance=reads.event_fresh_get(event=event))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = event_services.event_update(
                    event=event,
                    actor=request.user,
                    changes=form.event_data(),
                    topics=form.cleaned_data["topics"],
                    co_hosts=form.cleaned_data["co_hosts"],
                )
                if request.POST.get("action") == "publish":
                    event = event_services.event_publish(event=event, actor=request.user)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                _warn_if_overfull(request, event)
                messages.success(request, _("Saved."))
                return redirect("events:edit", slug=event.slug)
        status = 400
    # Its own ids: the page's event form has a title field too.
    kit_form = KitSaveForm(
        auto_id="kit_%s", initial={"title": _("Kit: %(title)s") % {"title": event.title}}
    )
    context = _context(request, event, form=form, kit_form=kit_form)
    return render(request, "events/event_form.html", context, status=status)


def _warn_if_overfull(request: HttpRequest, event: Event) -> None:
    if event.capacity is None:
        return
    going = reads.event_going_count(event=event)
    if going > event.capacity:
        messages.warning(
            request,
            _(
                "%(going)d people already have a seat, more than the %(capacity)d you set. "
                "Nobody loses their seat; new RSVPs go to the waitlist."
            )
            % {"going": going, "capacity": event.capacity},
        )


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    if not can_lead(request.user, event):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event_services.event_cancel(event=event, actor=request.user)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The event is cancelled. Everyone going is told."))
                return redirect("events:manage", slug=event.slug)
        status = 400
    counts = reads.event_rsvp_counts(event=event)
    context = _context(request, event, form=form, counts=counts)
    return render(request, "events/event_cancel.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    add_form, problem, status = TeamAddForm(team=team_services.TEAM), None, 200
    if request.method == "POST":
        response, add_form, problem = team_handle_post(
            request, team=team_services.TEAM, owner=event, can_lead=can_lead(request.user, event)
        )
        if response is not None:
            return response
        status = 400
    members = sorted(
        reads.event_team(event=event),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), (m.user.name or m.user.email).lower()),
    )
    context = _context(
        request,
        event,
        members=members,
        add_form=add_form,
        problem=problem,
        roles=EventRole.Role.choices,
    )
    return render(request, "events/team_manage.html", context, status=status)


def _facilitator_choices(request: HttpRequest, event: Event, selected: list) -> tuple:
    """Leaders the team may choose (all it can see) and the ones listed in the select: the
    event's state, or a name search, capped so a large directory stays a usable page."""
    visible = leaders_choosable(user=request.user)
    find = " ".join(request.GET.get("find", "").split())[:100]
    listed, truncated = leader_choices(
        choosable=visible,
        find=find,
        state=event.state or None,
        limit=FACILITATOR_LIST_LIMIT,
        wanted=[pk for pk in map(whole_number, selected) if pk is not None],
    )
    return visible, listed, find, truncated


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    sessions = reads.event_sessions(event=event)
    editing = None
    if _pk(request, "edit"):
        editing = reads.event_session_or_404(event=event, pk=_pk(request, "edit"))
    if request.method == "POST" and request.POST.get("action") == "delete":
        session = reads.event_session_or_404(event=event, pk=_pk(request))
        agenda_services.session_delete(session=session, actor=request.user)
        messages.success(request, _("Session removed from the agenda."))
        return redirect("events:agenda", slug=event.slug)
    if request.method == "POST":
        editing = reads.event_session_or_404(event=event, pk=_pk(request)) if _pk(request) else None
        selected = request.POST.getlist("facilitators")
    else:
        selected = reads.session_facilitator_pks(session=editing) if editing else []
    leaders, listed, find, truncated = _facilitator_choices(request, event, selected)
    form = SessionForm(
        request.POST or None,
        instance=editing,
        event=event,
        leaders=leaders,
        leader_choices=listed,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                agenda_services.session_save(
                    event=event,
                    actor=request.user,
                    data=form.session_data(),
                    facilitators=form.cleaned_data["facilitators"],
                    session=editing,
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Agenda saved."))
                return redirect("events:agenda", slug=event.slug)
        status = 400
    context = _context(
        request,
        event,
        sessions=sessions,
        form=form,
        editing=editing,
        find=find,
        truncated=truncated,
        limit=FACILITATOR_LIST_LIMIT,
    )
    return render(request, "events/agenda_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    editing = None
    if _pk(request, "edit"):
        editing = reads.event_question_or_404(event=event, pk=_pk(request, "edit"))
    status = 200
    form = QuestionForm(instance=editing)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        question = (
            reads.event_question_or_404(event=event, pk=_pk(request)) if _pk(request) else None
        )
        if action in ("delete", "up", "down") and question is not None:
            if action == "delete":
                agenda_services.question_delete(question=question, actor=request.user)
                messages.success(request, _("Question removed."))
            else:
                agenda_services.question_move(
                    question=question, actor=request.user, up=action == "up"
                )
            return redirect("events:questions", slug=event.slug)
        editing = question
        form = QuestionForm(request.POST, instance=Question() if question is None else question)
        if action == "save" and form.is_valid():
            try:
                agenda_services.question_save(
                    event=event, actor=request.user, data=form.question_data(), question=question
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Question saved."))
                return redirect("events:questions", slug=event.slug)
        status = 400
    context = _context(
        request, event, questions=reads.event_questions(event=event), form=form, editing=editing
    )
    return render(request, "events/questions_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    offsets = reads.event_reminder_offsets(event=event)
    form, status = ReminderForm(), 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            offset = reads.event_reminder_offset_or_404(event=event, pk=_pk(request))
            agenda_services.reminder_offset_remove(offset=offset, actor=request.user)
            messages.success(request, _("Reminder removed."))
            return redirect("events:reminders", slug=event.slug)
        form = ReminderForm(request.POST, taken={o.hours_before for o in offsets})
        if form.is_valid():
            try:
                agenda_services.reminder_offset_add(
                    event=event, actor=request.user, hours_before=form.cleaned_data["hours_before"]
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Reminder added."))
                return redirect("events:reminders", slug=event.slug)
        status = 400
    for offset in offsets:
        offset.days = offset.hours_before // 24 if offset.hours_before % 24 == 0 else None
    context = _context(request, event, offsets=offsets, form=form)
    return render(request, "events/reminders_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def followup_create(request: HttpRequest, slug: str) -> HttpResponse:
    event = _manage(request, slug)
    form = FollowupForm(request.POST or None, parent=event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                followup = event_services.followup_create(
                    parent=event,
                    actor=request.user,
                    data=form.event_data(),
                    publish=request.POST.get("action") == "publish",
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("%(title)s is created. Invite people from the event's attendees next.")
                    % {"title": followup.title},
                )
                return redirect(reverse("events:followup_create", kwargs={"slug": event.slug}))
        status = 400
    followups = reads.event_followups(event=event)
    context = _context(request, event, form=form, followups=followups)
    return render(request, "events/followup_manage.html", context, status=status)
