"""Organizer pages: verify stance reports, record stances, record pressure actions.

Team and staff only (access_campaign(..., manage=True)): anonymous people are sent to sign in,
people who may see the campaign but not run it get 403, drafts are 404 to outsiders. These pages
may show who reported a stance; the public pages never do.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.errors import ServiceError

from ..forms.stances import HistoryForm, PressureActionForm, StanceReportForm
from ..models import Campaign, Official, PressureAction, Stance, StanceReport
from ..permissions import access_campaign
from ..services.actions import pressure_action_create
from ..services.stances import stance_report_create, stance_report_review

DECISIONS = {"verify": True, "reject": False}
RECENT_REVIEWED = 30
ACTIONS_PAGE_SIZE = 50


def _reports(campaign: Campaign):
    return StanceReport.objects.filter(campaign=campaign).select_related(
        "official__district", "reporter", "reviewed_by", "meeting"
    )


def _stale_officials(campaign: Campaign) -> list[dict]:
    """Current officials whose stance has not changed in stale_after_weeks (or ever)."""
    cutoff = timezone.now() - timedelta(weeks=campaign.stale_after_weeks)
    return list(
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .annotate(
            target=FilteredRelation(
                "campaign_targets", condition=Q(campaign_targets__campaign_id=campaign.pk)
            ),
            current_stance=Coalesce(F("target__stance"), Value(Stance.NO_RESPONSE)),
            changed_at=F("target__stance_changed_at"),
        )
        .filter(Q(changed_at__isnull=True) | Q(changed_at__lt=cutoff))
        .order_by(F("changed_at").asc(nulls_first=True), "family_name", "name")
        .values("name", "slug", "district__name", "current_stance", "changed_at")
    )


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
            history = list(
                _reports(campaign)
                .filter(official=history_form.cleaned_data["official"])
                .order_by("-reported_at", "-id")
            )
        else:
            status = 400
    stale = _stale_officials(campaign)
    for row in stale:
        row["stance_label"] = Stance(row["current_stance"]).label
    context = {
        "campaign": campaign,
        "pending": list(
            _reports(campaign)
            .filter(review=StanceReport.Review.PENDING)
            .order_by("reported_at", "id")
        ),
        "reviewed": list(
            _reports(campaign)
            .exclude(review=StanceReport.Review.PENDING)
            .order_by("-reviewed_at", "-id")[:RECENT_REVIEWED]
        ),
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
    report = get_object_or_404(
        StanceReport.objects.select_related("official", "campaign"), pk=pk, campaign=campaign
    )
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


def _action_totals(campaign: Campaign) -> list[dict]:
    """Per official (and district-only actions per district): actions and their summed counts."""
    return list(
        PressureAction.objects.filter(campaign=campaign)
        .values("official__name", "official__slug", "district__name")
        .annotate(actions=Count("pk"), total=Sum("count"))
        .order_by("-total", "official__name", "district__name")
    )


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
    recent = (
        PressureAction.objects.filter(campaign=campaign)
        .select_related("official", "district", "created_by")
        .order_by("-happened_on", "-id")
    )
    context = {
        "campaign": campaign,
        "form": form,
        "totals": _action_totals(campaign),
        "page_obj": Paginator(recent, ACTIONS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "campaigns/actions_manage.html", context, status=status)
