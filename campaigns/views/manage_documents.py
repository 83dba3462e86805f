"""The team's page to choose toolkit documents for the campaign."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError

from ..document_selectors import campaign_document_ids, campaign_documents, documents_choosable
from ..forms.documents import CampaignDocumentsForm
from ..permissions import access_campaign
from ..services.documents import campaign_documents_set


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access_campaign(request.user, slug, manage=True)
    choosable = documents_choosable(user=request.user)
    form = CampaignDocumentsForm(
        request.POST or None,
        queryset=choosable,
        initial={"documents": campaign_document_ids(campaign=campaign)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                campaign_documents_set(
                    campaign=campaign, actor=request.user, documents=form.cleaned_data["documents"]
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The campaign's documents are saved."))
                return redirect("campaigns:documents", slug=campaign.slug)
        status = 400
    context = {
        "campaign": campaign,
        "form": form,
        "chosen": campaign_documents(campaign=campaign, user=request.user),
    }
    return render(request, "campaigns/documents_manage.html", context, status=status)
