"""The team adds the members of its local body (one, or a CSV) from the targets page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actlocal.errors import ServiceError
from actlocal.importing import ImportRejected, report_lines

from ..forms.local_bodies import LocalMemberForm, LocalMembersUploadForm
from ..models import Campaign
from ..permissions import access_campaign
from ..services.local_bodies import body_takes_members, local_member_add, local_members_import
from .manage_setup import targets_render


def _local_campaign(request: HttpRequest, slug: str) -> Campaign:
    campaign = access_campaign(request.user, slug, manage=True)
    if campaign.kind != Campaign.Kind.ORDINANCE or not body_takes_members(campaign.target_body):
        raise Http404
    return campaign


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _local_campaign(request, slug)
    form = LocalMemberForm(request.POST)
    if form.is_valid():
        try:
            official = local_member_add(campaign=campaign, actor=request.user, data=form.member())
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s added and targeted.") % {"name": official.name})
            return redirect("campaigns:targets", slug=campaign.slug)
    return targets_render(request, campaign, member_form=form, status=400)


@login_required
@require_POST
def members_import(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _local_campaign(request, slug)
    form = LocalMembersUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return targets_render(request, campaign, upload_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        result = local_members_import(
            campaign=campaign, actor=request.user, data=upload.read(), filename=upload.name
        )
    except ImportRejected as exc:
        return targets_render(
            request, campaign, upload_form=form, import_errors=exc.report(), status=400
        )
    messages.success(
        request,
        ngettext(
            "%(count)d member targeted (%(new)d new).",
            "%(count)d members targeted (%(new)d new).",
            result.targeted,
        )
        % {"count": result.targeted, "new": result.created},
    )
    for line in report_lines(result.warnings):
        messages.warning(request, line)
    return redirect("campaigns:targets", slug=campaign.slug)
