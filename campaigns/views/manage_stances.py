"""Organizer pages: verify stance reports, record stances, record pressure actions.

Team and staff only (access_campaign(..., manage=True)): anonymous people are sent to sign in,
people who may see the campaign but not run it get 403, drafts are 404 to outsiders. These pages
may show who reported a stance; the public pages never do.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..forms.stances import HistoryForm, PressureActionForm, StanceReportForm
from ..models import Stance
from ..permissions import access_campaign
from ..services.actions import pressure_action_create
from ..services.stances import stance_report_create, stance_report_review

DECISIONS = {"verify": True, "reject": False}
RECENT_REVIEWED = 30
ACTIONS_PAGE_SIZE = 50


@login_required
@require_safe
def stance_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Reports waiting for verification first, then recent decisions, stale stances, history."""
    campaign = access_campaign(request.user, slug, manage=True)
    history_form = HistoryForm(
        request.GET if "official" in request.GET else None, campaign=campaign
    )
    history, status = None, 200
    if history_form.is_bound:
        if history_form.is_valid():
            history = reads.stance_reports_history(
                campaign=campaign, official=history_form.cleaned_data["official"]
            )
        else:
            status = 400
    stale = reads.stale_officials(campaign=campaign)
    for row in stale:
        row["stance_label"] = Stance(row["current_stance"]).label
    context = {
        "campaign": campaign,
        "pending": reads.stance_reports_pending(campaign=campaign),
        "reviewed": reads.stance_reports_reviewed(campaign=campaign, limit=RECENT_REVIEWED),
        "stale": stale,
        "history_form": history_form,
        "history": history,
        "history_official": history_form.cleaned_data["official"] if history else None,
    }
    return render(request, "campaigns/stance_list.html", context, status=status)


@login_required
@require_POST
def stance_review(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    """Verify or reject one report; the official's current stance follows the verified ones."""
    if decision not in DECISIONS:
        raise Http404
    campaign = access_campaign(request.user, slug, manage=True)
    report = reads.stance_report_or_404(campaign=campaign, pk=pk)
    stance_report_review(report=report, verified=DECISIONS[decision], actor=request.user)
    if DECISIONS[decision]:
        message = _("Verified: %(official)s — %(stance)s. The scoreboard shows it now.")
    else:
        message = _("Rejected: %(official)s — %(stance)s. It will not reach the scoreboard.")
    messages.success(
        request, message % {"official": report.official.name, "stance": report.get_stance_display()}
    )
    return redirect("campaigns:stances", slug=campaign.slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stance_create(request: HttpRequest, slug: str) -> HttpResponse:
    """An organizer records a stance report (statement, vote, questionnaire or meeting)."""
    campaign = access_campaign(request.user, slug, manage=True)
    form = StanceReportForm(request.POST or None, campaign=campaign)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = stance_report_create(
                    campaign=campaign,
                    official=data["official"],
                    stance=data["stance"],
                    source=data["source"],
                    reporter=request.user,
                    evidence_url=data["evidence_url"],
                    notes=data["notes"],
                    meeting=data["meeting"],
                    reported_at=form.reported_at(),
                    verify=data["verify_now"],
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                if report.review == report.Review.VERIFIED:
                    messages.success(request, _("Stance recorded and verified."))
                else:
                    messages.success(request, _("Stance recorded. It waits for verification."))
                return redirect("campaigns:stances", slug=campaign.slug)
        return render(
            request,
            "campaigns/stance_form.html",
            {"campaign": campaign, "form": form},
            status=400,
        )
    return render(request, "campaigns/stance_form.html", {"campaign": campaign, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def actions(request: HttpRequest, slug: str) -> HttpResponse:
    """Record pressure actions and see them, with totals per official."""
    campaign = access_campaign(request.user, slug, manage=True)
    form = PressureActionForm(request.POST or None, campaign=campaign)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                pressure_action_create(campaign=campaign, actor=request.user, **data)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Pressure action recorded."))
                return redirect("campaigns:actions", slug=campaign.slug)
        status = 400
    recent = reads.pressure_actions_recent(campaign=campaign)
    context = {
        "campaign": campaign,
        "form": form,
        "totals": reads.pressure_action_totals(campaign=campaign),
        "page_obj": Paginator(recent, ACTIONS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "campaigns/actions_manage.html", context, status=status)
