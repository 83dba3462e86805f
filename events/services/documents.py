"""The team's choice of toolkit documents for an event or a kit."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from toolkits.models import Document, Toolkit

from ..models import Event, EventDocument
from ..template_texts import INVITATION_PLACES, REMINDER_PLACES

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


def _template_check(
    *, document: Document | None, current_id: int | None, places: tuple[str, ...], actor
) -> None:
    if document is None:
        return
    if document.template_for not in places:
        raise ServiceError(
            _("“%(title)s” is not a template for this mail.") % {"title": document.title}
        )
    if document.pk == current_id:
        return  # kept as it was, even by a teammate who cannot read it
    if not Document.objects.filter(
        pk=document.pk, toolkit__in=Toolkit.objects.listed_for(actor)
    ).exists():
        raise ServiceError(_("Choose templates from the published toolkits you can read."))


class Keep:
    """Leave this choice as it is (a teammate's choice the actor may not read)."""


KEEP = Keep()


@transaction.atomic
def event_mail_templates_set(
    *,
    event: Event,
    actor,
    invitation: Document | None | Keep = KEEP,
    reminder: Document | None | Keep = KEEP,
) -> Event:
    """Choose the toolkit templates the invitation and reminder mails are written from.

    Each must be a template for that mail, from a published toolkit the actor may read (or the
    one already chosen); None goes back to the event's own texts, KEEP leaves it.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    changes: dict[str, int | None] = {}
    for name, document, places in (
        ("invitation_template", invitation, INVITATION_PLACES),
        ("reminder_template", reminder, REMINDER_PLACES),
    ):
        if isinstance(document, Keep):
            continue
        _template_check(
            document=document,
            current_id=getattr(event, f"{name}_id"),
            places=places,
            actor=actor,
        )
        setattr(event, name, document)
        changes[name] = document.pk if document else None
    event.save(update_fields=[*changes, "updated_at"])
    audit_log(actor=actor, obj=event, action="event.mail_templates.set", data=changes)
    return event
