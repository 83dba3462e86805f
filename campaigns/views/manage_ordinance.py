"""Organizer pages of local ordinance campaigns: the playbook, the opposition, the leadership.
Team only; a legislative campaign has none of them (404)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError
from actlocal.text import whole_number
from directory.selectors import leader_choices

from .. import manage_selectors as reads
from ..document_selectors import issue_kit_get, issue_kits_choosable, step_documents
from ..forms.ordinance import LeadershipAddForm, LeadershipFlagForm, OpponentForm, StepForm
from ..models import Campaign, CampaignStep
from ..permissions import access_campaign, can_lead
from ..services import ordinance as services
from ..services.issue_kits import campaign_issue_kit_apply

LEADER_LIST_LIMIT = 300
FINISHED = (CampaignStep.Status.DONE, CampaignStep.Status.SKIPPED)


def _ordinance(request: HttpRequest, slug: str) -> Campaign:
    campaign = access_campaign(request.user, slug, manage=True)
    if campaign.kind != Campaign.Kind.ORDINANCE:
        raise Http404
    return campaign


def _context(request: HttpRequest, campaign: Campaign, **extra) -> dict:
    return {"campaign": campaign, "can_lead": can_lead(request.user, campaign), **extra}


def _pk(request: HttpRequest, name: str = "pk") -> int | None:
    value = request.POST.get(name) or request.GET.get(name) or ""
    return whole_number(value)


def near_me_url(campaign: Campaign, topic_slug: str | None) -> str:
    """The directory's "who already works on this near me" search, on the campaign's issue."""
    query = urlencode({"topic": topic_slug}) if topic_slug else ""
    return reverse("directory:near") + (f"?{query}" if query else "")


def is_near_me_step(step: CampaignStep) -> bool:
    """The playbook step about finding who already works on the issue locally."""
    text = f"{step.title} {step.guidance}".lower()
    return "already works" in text or "near me" in text


@login_required
@require_http_methods(["GET", "POST"])
def steps(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _ordinance(request, slug)
    form, problem, status = StepForm(campaign=campaign), None, 200
    if request.method == "POST":
        action = request.POST.get("action", "add")
        try:
            if action in ("up", "down"):
                step = reads.campaign_step_or_404(campaign=campaign, pk=_pk(request))
                services.step_move(step=step, actor=request.user, up=action == "up")
                return redirect("campaigns:steps", slug=campaign.slug)
            if action == "template":
                template = reads.playbook_template_get(pk=_pk(request, "template"))
                if template is None:
                    problem = _("Choose a playbook template.")
                else:
                    copied = services.steps_from_template(
                        campaign=campaign, template=template, actor=request.user
                    )
                    messages.success(request, _("%(count)d steps added.") % {"count": len(copied)})
                    return redirect("campaigns:steps", slug=campaign.slug)
            elif action == "kit":
                kit = issue_kit_get(user=request.user, slug=request.POST.get("kit", ""))
                if kit is None:
                    problem = _("Choose one of the published issue kits you can read.")
                else:
                    linked = campaign_issue_kit_apply(
                        campaign=campaign, toolkit=kit, actor=request.user
                    )
                    messages.success(
                        request,
                        _("The kit's documents are added; %(count)d steps link to them.")
                        % {"count": linked},
                    )
                    return redirect("campaigns:steps", slug=campaign.slug)
            elif action == "add":
                form = StepForm(request.POST, campaign=campaign)
                if form.is_valid():
                    services.step_add(campaign=campaign, actor=request.user, data=form.step_data())
                    messages.success(request, _("Step added."))
                    return redirect("campaigns:steps", slug=campaign.slug)
            else:
                problem = _("Unknown action.")
        except ServiceError as exc:
            problem = str(exc)
        status = 400
    step_list = reads.campaign_steps(campaign=campaign)
    topic = reads.campaign_first_topic_slug(campaign=campaign)
    near = near_me_url(campaign, topic)
    today = timezone.localdate()
    linked = step_documents(campaign=campaign, user=request.user)
    for step in step_list:
        step.linked_documents = linked.get(step.pk, [])
        step.near_me_url = near if is_near_me_step(step) else None
        step.overdue = bool(step.due_on and step.due_on < today and step.status not in FINISHED)
    context = _context(
        request,
        campaign,
        steps=step_list,
        form=form,
        problem=problem,
        done=sum(1 for s in step_list if s.status in FINISHED),
        templates=reads.playbook_templates(),
        issue_kits=issue_kits_choosable(user=request.user),
    )
    return render(request, "campaigns/steps_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _ordinance(request, slug)
    step = reads.campaign_step_or_404(campaign=campaign, pk=pk)
    form = StepForm(
        request.POST or None, instance=reads.campaign_step_fresh_get(step=step), campaign=campaign
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.step_delete(step=step, actor=request.user)
            messages.success(request, _("Step removed from the playbook."))
            return redirect("campaigns:steps", slug=campaign.slug)
        if form.is_valid():
            try:
                services.step_update(step=step, actor=request.user, changes=form.step_data())
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Step saved."))
                return redirect("campaigns:steps", slug=campaign.slug)
        status = 400
    topic = reads.campaign_first_topic_slug(campaign=campaign)
    context = _context(
        request,
        campaign,
        step=step,
        form=form,
        near_me_url=near_me_url(campaign, topic) if is_near_me_step(step) else None,
    )
    return render(request, "campaigns/step_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def opposition(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _ordinance(request, slug)
    editing = None
    if request.method == "GET" and _pk(request, "edit"):
        editing = reads.campaign_opponent_or_404(campaign=campaign, pk=_pk(request, "edit"))
    form, status = OpponentForm(instance=editing, campaign=campaign), 200
    if request.method == "POST":
        opponent = (
            reads.campaign_opponent_or_404(campaign=campaign, pk=_pk(request))
            if _pk(request)
            else None
        )
        if request.POST.get("action") == "delete" and opponent is not None:
            services.opponent_delete(opponent=opponent, actor=request.user)
            messages.success(request, _("Removed from the opposition."))
            return redirect("campaigns:opposition", slug=campaign.slug)
        editing = opponent
        instance = reads.campaign_opponent_fresh_get(opponent=opponent) if opponent else None
        form = OpponentForm(request.POST, instance=instance, campaign=campaign)
        if form.is_valid():
            try:
                services.opponent_save(
                    campaign=campaign,
                    actor=request.user,
                    data=form.opponent_data(),
                    opponent=opponent,
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Opposition saved."))
                return redirect("campaigns:opposition", slug=campaign.slug)
        status = 400
    opponents = reads.campaign_opponents(campaign=campaign)
    context = _context(request, campaign, opponents=opponents, form=form, editing=editing)
    return render(request, "campaigns/opposition_manage.html", context, status=status)


def _leader_choices(request: HttpRequest, campaign: Campaign, selected: str):
    """Leaders the team may choose (all it can see) and those the select lists: a name search,
    else the campaign's state, capped so a large directory stays a usable page."""
    visible = reads.leadership_choosable(user=request.user, campaign=campaign)
    find = " ".join(request.GET.get("find", "").split())[:100]
    chosen = whole_number(selected)
    listed, truncated = leader_choices(
        choosable=visible,
        find=find,
        state=campaign.target_body.state,
        limit=LEADER_LIST_LIMIT,
        wanted=[chosen] if chosen is not None else [],
        fields=("id", "name", "city", "state"),
    )
    return visible, listed, find, truncated


@login_required
@require_http_methods(["GET", "POST"])
def leadership(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _ordinance(request, slug)
    selected = request.POST.get("leader", "") if request.method == "POST" else ""
    leaders, listed, find, truncated = _leader_choices(request, campaign, selected)
    form = LeadershipAddForm(leaders=leaders, listed=listed)
    problem, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "add")
        try:
            if action in ("flag", "remove"):
                member = reads.leadership_member_or_404(campaign=campaign, pk=_pk(request))
                if action == "remove":
                    services.leadership_remove(member=member, actor=request.user)
                    messages.success(request, _("Removed from the leadership."))
                else:
                    flag = LeadershipFlagForm(request.POST)
                    flag.is_valid()  # one optional checkbox: always valid
                    services.leadership_update(
                        member=member,
                        actor=request.user,
                        affected_community=flag.cleaned_data["affected_community"],
                    )
                    messages.success(request, _("Saved."))
                return redirect("campaigns:leadership", slug=campaign.slug)
            if action == "add":
                form = LeadershipAddForm(request.POST, leaders=leaders, listed=listed)
                if form.is_valid():
                    member = services.leadership_add(
                        campaign=campaign, actor=request.user, **form.cleaned_data
                    )
                    messages.success(
                        request,
                        _("%(name)s joined the leadership.") % {"name": member.leader.name},
                    )
                    return redirect("campaigns:leadership", slug=campaign.slug)
            else:
                problem = _("Unknown action.")
        except ServiceError as exc:
            problem = str(exc)
        status = 400
    members = reads.leadership_members(campaign=campaign)
    context = _context(
        request,
        campaign,
        members=members,
        form=form,
        problem=problem,
        find=find,
        truncated=truncated,
        limit=LEADER_LIST_LIMIT,
    )
    return render(request, "campaigns/leadership_manage.html", context, status=status)
