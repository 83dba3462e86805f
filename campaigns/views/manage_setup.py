"""Organizer pages that set a campaign up: create and edit it, its team, scripts and officials."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError
from actlocal.team_views import TeamAddForm, team_handle_post
from actlocal.text import whole_number

from .. import manage_selectors as reads
from ..document_selectors import issue_kits_offered
from ..forms.local_bodies import LocalMemberForm, LocalMembersUploadForm
from ..forms.setup import (
    NEW_BODY_FIELDS,
    CampaignForm,
    ScriptsForm,
    TargetAddForm,
    TargetRolesForm,
)
from ..models import Campaign, CampaignRole, Stance
from ..permissions import access_campaign, can_create_campaigns, can_lead
from ..scripts import default_script
from ..services import campaigns as services
from ..services.local_bodies import body_takes_members

ROLE_ORDER = {CampaignRole.Role.LEAD: 0, CampaignRole.Role.ORGANIZER: 1}


def _manage(request: HttpRequest, slug: str) -> Campaign:
    return access_campaign(request.user, slug, manage=True)


def _context(request: HttpRequest, campaign: Campaign, **extra) -> dict:
    return {"campaign": campaign, "can_lead": can_lead(request.user, campaign), **extra}


def _pk(request: HttpRequest) -> int | None:
    value = request.POST.get("pk") or ""
    return whole_number(value)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not can_create_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(
        request.POST or None, creating=True, issue_kits=issue_kits_offered(user=request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                campaign = services.campaign_create(
                    actor=request.user,
                    data=form.campaign_data(),
                    topics=form.cleaned_data["topics"],
                    resources=form.cleaned_data["resources"],
                    partners=form.cleaned_data["coalition_partners"],
                    new_body=form.new_body(),
                    playbook=form.cleaned_data.get("playbook"),
                    issue_kit=form.cleaned_data.get("issue_kit"),
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The campaign is created. You lead its team."))
                return redirect("campaigns:manage", slug=campaign.slug)
        status = 400
    context = {"form": form, "creating": True, "new_body_fields": NEW_BODY_FIELDS}
    return render(request, "campaigns/campaign_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    # The form writes into its instance while validating; keep the page's campaign untouched.
    form = CampaignForm(request.POST or None, instance=reads.campaign_fresh_get(campaign=campaign))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                campaign = services.campaign_update(
                    campaign=campaign,
                    actor=request.user,
                    changes=form.campaign_data(),
                    topics=form.cleaned_data["topics"],
                    resources=form.cleaned_data["resources"],
                    partners=form.cleaned_data["coalition_partners"],
                    new_body=form.new_body(),
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("campaigns:edit", slug=campaign.slug)
        status = 400
    context = _context(request, campaign, form=form, new_body_fields=NEW_BODY_FIELDS)
    return render(request, "campaigns/campaign_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    add_form, problem, status = TeamAddForm(team=services.TEAM), None, 200
    if request.method == "POST":
        response, add_form, problem = team_handle_post(
            request, team=services.TEAM, owner=campaign, can_lead=can_lead(request.user, campaign)
        )
        if response is not None:
            return response
        status = 400
    members = sorted(
        reads.campaign_team(campaign=campaign),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), (m.user.name or m.user.email).lower()),
    )
    context = _context(
        request,
        campaign,
        members=members,
        add_form=add_form,
        problem=problem,
        roles=CampaignRole.Role.choices,
    )
    return render(request, "campaigns/team_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scripts(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    own = reads.campaign_own_scripts(campaign=campaign)
    defaults = {s: default_script(campaign=campaign, stance=s) for s in Stance.values}
    form = ScriptsForm(request.POST or None, defaults=defaults, own=own)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = services.scripts_save(
                campaign=campaign,
                actor=request.user,
                bodies=form.bodies(),
                bodies_es=form.bodies_es(),
            )
            messages.success(
                request, _("Scripts saved.") if changed else _("Nothing changed in the scripts.")
            )
            return redirect("campaigns:scripts", slug=campaign.slug)
        status = 400
    context = _context(request, campaign, form=form, own=own)
    return render(request, "campaigns/scripts_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _manage(request, slug)
    add_form, problem, status = TargetAddForm(campaign=campaign), None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add_all":
                added = services.targets_add_all(campaign=campaign, actor=request.user)
                messages.success(
                    request,
                    ngettext("%(count)d official added.", "%(count)d officials added.", added)
                    % {"count": added},
                )
                return redirect("campaigns:targets", slug=campaign.slug)
            if action == "add":
                add_form = TargetAddForm(request.POST, campaign=campaign)
                if add_form.is_valid():
                    target = services.target_add(
                        campaign=campaign,
                        actor=request.user,
                        official=add_form.cleaned_data["official"],
                    )
                    messages.success(request, _("%(name)s added.") % {"name": target.official.name})
                    return redirect("campaigns:targets", slug=campaign.slug)
                problem = _("Choose an official of the target body.")
            elif action in ("roles", "remove"):
                target = reads.campaign_target_or_404(campaign=campaign, pk=_pk(request))
                if action == "remove":
                    services.target_remove(target=target, actor=request.user)
                    messages.success(
                        request,
                        _("%(name)s is no longer targeted.") % {"name": target.official.name},
                    )
                    return redirect("campaigns:targets", slug=campaign.slug)
                roles = TargetRolesForm(request.POST)
                roles.is_valid()  # two optional checkboxes: always valid
                services.target_roles_set(target=target, actor=request.user, **roles.cleaned_data)
                messages.success(request, _("Saved for %(name)s.") % {"name": target.official.name})
                return redirect("campaigns:targets", slug=campaign.slug)
            else:
                problem = _("Unknown action.")
        except ServiceError as exc:
            problem = str(exc)
        status = 400
    return targets_render(request, campaign, add_form=add_form, problem=problem, status=status)


def targets_render(
    request: HttpRequest,
    campaign: Campaign,
    *,
    add_form: TargetAddForm | None = None,
    problem: str | None = None,
    status: int = 200,
    **forms,
) -> HttpResponse:
    """The targets page; the local-body member forms (manage_local_body) re-render it too."""
    takes_members = campaign.kind == Campaign.Kind.ORDINANCE and body_takes_members(
        campaign.target_body
    )
    if takes_members:
        forms.setdefault("member_form", LocalMemberForm())
        forms.setdefault("upload_form", LocalMembersUploadForm())
    context = _context(
        request,
        campaign,
        rows=reads.campaign_targets(campaign=campaign),
        add_form=add_form or TargetAddForm(campaign=campaign),
        problem=problem,
        untargeted=reads.campaign_untargeted_count(campaign=campaign),
        body=campaign.target_body,
        takes_members=takes_members,
        **forms,
    )
    return render(request, "campaigns/targets_manage.html", context, status=status)
