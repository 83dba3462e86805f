"""The team's choice of toolkit documents for an event or a kit."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from toolkits.models import Document, Toolkit

from ..models import Event, EventDocument

MAX_DOCUMENTS = 20


@transaction.atomic
def event_documents_set(
    *, event: Event, actor, documents: Sequence[Document], shared: Sequence[Document] = ()
) -> list[EventDocument]:
    """Replace the event's documents, in the given order; only ones the actor may read.

    `shared` (a part of `documents`) are also linked in the RSVP confirmation.
    """
    if len(documents) > MAX_DOCUMENTS:
        raise ServiceError(_("Choose at most %(max)d documents.") % {"max": MAX_DOCUMENTS})
    wanted = {d.pk for d in documents}
    readable = set(
        Document.objects.filter(
            pk__in=wanted, toolkit__in=Toolkit.objects.listed_for(actor)
        ).values_list("pk", flat=True)
    )
    if readable != wanted:
        raise ServiceError(_("Choose documents from the published toolkits you can read."))
    shared_ids = {d.pk for d in shared}
    if not shared_ids <= wanted:
        raise ServiceError(_("Only a chosen document can be linked in the confirmation."))
    EventDocument.objects.filter(event=event).delete()
    chosen = EventDocument.objects.bulk_create(
        EventDocument(
            event=event,
            document=document,
            position=index,
            shared_with_attendees=document.pk in shared_ids,
        )
        for index, document in enumerate(documents)
    )
    audit_log(
        actor=actor, obj=event, action="event.documents.set", data={"documents": sorted(wanted)}
    )
    return chosen
