"""The team's choice of toolkit documents for the campaign's pages and meeting briefs."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from directory.cache import public_cache_bump
from toolkits.models import Document, Toolkit

from ..models import Campaign
from ..models_documents import CampaignDocument
from ..page_cache import SCOPE

MAX_DOCUMENTS = 20


@transaction.atomic
def campaign_documents_set(
    *, campaign: Campaign, actor, documents: Sequence[Document]
) -> list[CampaignDocument]:
    """Replace the chosen documents, in the given order; only ones the actor may read."""
    if len(documents) > MAX_DOCUMENTS:
        raise ServiceError(_("Choose at most %(max)d documents.") % {"max": MAX_DOCUMENTS})
    readable = set(
        Document.objects.filter(
            pk__in=[d.pk for d in documents], toolkit__in=Toolkit.objects.listed_for(actor)
        ).values_list("pk", flat=True)
    )
    if len(readable) != len({d.pk for d in documents}):
        raise ServiceError(_("Choose documents from the published toolkits you can read."))
    CampaignDocument.objects.filter(campaign=campaign).delete()
    chosen = CampaignDocument.objects.bulk_create(
        CampaignDocument(campaign=campaign, document=document, position=index)
        for index, document in enumerate(documents)
    )
    public_cache_bump(SCOPE)  # bulk writes send no signals
    audit_log(
        actor=actor,
        obj=campaign,
        action="campaign.documents.set",
        data={"documents": [d.pk for d in documents]},
    )
    return chosen
