"""Start a campaign from an issue kit: its documents become the campaign's, steps link them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from toolkits.models import Toolkit

from ..issue_kits import step_matches
from ..models import Campaign, CampaignStep
from ..models_documents import CampaignDocument, StepDocument
from .documents import MAX_DOCUMENTS


@transaction.atomic
def campaign_issue_kit_apply(*, campaign: Campaign, toolkit: Toolkit, actor) -> int:
    """Add the kit's documents to the campaign and link them to matching steps; returns links."""
    if (
        toolkit.kind != Toolkit.Kind.ISSUE_KIT
        or not Toolkit.objects.listed_for(actor).filter(pk=toolkit.pk).exists()
    ):
        raise ServiceError(_("Choose one of the published issue kits you can read."))
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    documents = list(toolkit.documents.order_by("position", "id").only("id", "slug", "title"))
    have = set(campaign.chosen_documents.values_list("document_id", flat=True))
    new = [d for d in documents if d.pk not in have]
    if len(have) + len(new) > MAX_DOCUMENTS:
        raise ServiceError(
            _("A campaign shows at most %(max)d documents; remove some first.")
            % {"max": MAX_DOCUMENTS}
        )
    start = (campaign.chosen_documents.aggregate(n=Max("position"))["n"] or 0) + 1
    CampaignDocument.objects.bulk_create(
        CampaignDocument(campaign=campaign, document=d, position=start + i)
        for i, d in enumerate(new)
    )
    links = [
        StepDocument(step=step, document=document)
        for step in CampaignStep.objects.filter(campaign=campaign).only("id", "title")
        for document in documents
        if step_matches(
            step_title=step.title, document_slug=document.slug, document_title=document.title
        )
    ]
    created = StepDocument.objects.bulk_create(links, ignore_conflicts=True)
    audit_log(
        actor=actor,
        obj=campaign,
        action="campaign.issue_kit.apply",
        data={"toolkit": toolkit.slug, "documents": len(new), "step_links": len(created)},
    )
    return len(created)
