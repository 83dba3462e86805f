"""Toolkit documents an event or kit carries: agenda, facilitator guide, sign-in sheet, invites."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventDocument(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "toolkits.Document", on_delete=models.CASCADE, related_name="event_links"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Linked in the RSVP confirmation too (an invitation letter, not the facilitator's guide).
    shared_with_attendees = models.BooleanField(_("linked in the RSVP confirmation"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        constraints = [
            models.UniqueConstraint(fields=["event", "document"], name="eventdocument_once"),
        ]

    def __str__(self) -> str:
        return str(self.document)
