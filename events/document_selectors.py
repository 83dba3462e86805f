"""Reads of the toolkit documents an event or kit carries, filtered by who is looking."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from actlocal.translated import localized
from toolkits.models import Document, Toolkit

from .models import Event


def documents_choosable(*, user) -> QuerySet[Document]:
    """Documents of the published toolkits `user` may see: what a team member can pick from."""
    return (
        Document.objects.filter(toolkit__in=Toolkit.objects.listed_for(user))
        .select_related("toolkit")
        .only("id", "title", "slug", "toolkit__title", "toolkit__slug")
        .order_by("toolkit__title", "position", "id")
    )


def templates_choosable(*, user, places: tuple[str, ...]) -> QuerySet[Document]:
    """Templates for `places` a team member may pick: from published toolkits `user` can read."""
    return (
        Document.objects.filter(
            toolkit__in=Toolkit.objects.listed_for(user), template_for__in=places
        )
        .select_related("toolkit")
        .only("id", "title", "template_for", "toolkit__title")
        .order_by("toolkit__title", "position", "id")
    )


def event_documents(*, event: Event, user) -> list[Document]:
    """The event's documents `user` may open; others are left out, not hinted at."""
    return list(
        Document.objects.filter(
            event_links__event=event, toolkit__in=Toolkit.objects.visible_to(user)
        )
        .select_related("toolkit")
        .only("id", "title", "slug", "template_for", "body", "toolkit__title", "toolkit__slug")
        .order_by("event_links__position", "event_links__id")
    )


def event_document_ids(*, event: Event, shared: bool = False) -> list[int]:
    links = event.documents.filter(shared_with_attendees=True) if shared else event.documents
    return list(links.values_list("document_id", flat=True))


def attendee_documents(*, event: Event, user) -> list[tuple[str, str]]:
    """(title, full link) of the documents the team shares with people going, that `user` (the
    attendee's account, or an anonymous user) may read: for the RSVP confirmation mail."""
    rows = (
        Document.objects.filter(
            event_links__event=event,
            event_links__shared_with_attendees=True,
            toolkit__in=Toolkit.objects.visible_to(user),
        )
        .select_related("toolkit")
        .only("id", "title", "title_es", "slug", "toolkit__slug")
        .order_by("event_links__position", "event_links__id")
    )
    # Rendered for the mail, in its recipient's language.
    return [(localized(d, "title"), settings.SITE_URL + d.get_absolute_url()) for d in rows]


def mail_templates_chosen(*, event: Event, user) -> dict[str, Document | None]:
    """The event's invitation and reminder templates, each only if `user` may read it; a key
    is missing when a template is chosen that `user` may not read (it is kept, not shown)."""
    chosen = {"invitation": event.invitation_template_id, "reminder": event.reminder_template_id}
    ids = [pk for pk in chosen.values() if pk]
    readable = {
        d.pk: d
        for d in Document.objects.filter(pk__in=ids, toolkit__in=Toolkit.objects.visible_to(user))
        .select_related("toolkit")
        .only(
            "id",
            "title",
            "slug",
            "body",
            "body_es",
            "template_for",
            "toolkit__slug",
            "toolkit__status",
        )
    }
    return {
        key: readable.get(pk) if pk else None
        for key, pk in chosen.items()
        if not pk or pk in readable
    }
