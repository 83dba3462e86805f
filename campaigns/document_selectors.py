"""Reads of the toolkit documents a campaign's team chose, filtered by who is looking."""

from __future__ import annotations

from django.db.models import QuerySet

from toolkits.models import Document, Toolkit

from .models import Campaign
from .models_documents import StepDocument


def documents_choosable(*, user) -> QuerySet[Document]:
    """Documents of the published toolkits `user` may see: what a team member can pick from."""
    return (
        Document.objects.filter(toolkit__in=Toolkit.objects.listed_for(user))
        .select_related("toolkit")
        .only("id", "title", "slug", "toolkit__title", "toolkit__slug")
        .order_by("toolkit__title", "position", "id")
    )


def campaign_documents(*, campaign: Campaign, user) -> list[Document]:
    """The chosen documents `user` may open; one a viewer may not see is left out, not hinted at."""
    return list(
        Document.objects.filter(
            campaign_links__campaign=campaign,
            toolkit__in=Toolkit.objects.visible_to(user),
        )
        .select_related("toolkit")
        .only("id", "title", "slug", "template_for", "body", "toolkit__title", "toolkit__slug")
        .order_by("campaign_links__position", "campaign_links__id")
    )


def campaign_document_ids(*, campaign: Campaign) -> list[int]:
    return list(campaign.chosen_documents.values_list("document_id", flat=True))


def issue_kits_offered(*, user) -> QuerySet[Toolkit]:
    """Published issue kits `user` may read: what a campaign may start from."""
    return (
        Toolkit.objects.listed_for(user)
        .filter(kind=Toolkit.Kind.ISSUE_KIT)
        .only("id", "slug", "title")
        .order_by("title")
    )


def issue_kits_choosable(*, user) -> list[Toolkit]:
    return list(issue_kits_offered(user=user))


def issue_kit_get(*, user, slug: str) -> Toolkit | None:
    return Toolkit.objects.listed_for(user).filter(kind=Toolkit.Kind.ISSUE_KIT, slug=slug).first()


def step_documents(*, campaign: Campaign, user) -> dict[int, list[Document]]:
    """Each step's linked documents that `user` may read, by step id, in one query."""
    found: dict[int, list[Document]] = {}
    links = (
        StepDocument.objects.filter(
            step__campaign=campaign, document__toolkit__in=Toolkit.objects.visible_to(user)
        )
        .select_related("document__toolkit")
        .order_by("id")
    )
    for link in links:
        found.setdefault(link.step_id, []).append(link.document)
    return found
