"""Toolkit documents a campaign's team chose to show on its pages and meeting briefs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignDocument(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="chosen_documents"
    )
    document = models.ForeignKey(
        "toolkits.Document", on_delete=models.CASCADE, related_name="campaign_links"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("campaign document")
        verbose_name_plural = _("campaign documents")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="campaigndocument_once"),
        ]

    def __str__(self) -> str:
        return str(self.document)


class MeetingRoles(models.Model):
    """Who does what in a constituent meeting; each role is one of the meeting's attendees."""

    meeting = models.OneToOneField(
        "campaigns.Meeting", on_delete=models.CASCADE, related_name="roles"
    )
    opener = models.ForeignKey(
        "campaigns.MeetingAttendee",
        verbose_name=_("opens the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    storyteller = models.ForeignKey(
        "campaigns.MeetingAttendee",
        verbose_name=_("tells the story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asker = models.ForeignKey(
        "campaigns.MeetingAttendee",
        verbose_name=_("makes the ask"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notetaker = models.ForeignKey(
        "campaigns.MeetingAttendee",
        verbose_name=_("takes notes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting roles")
        verbose_name_plural = _("meeting roles")

    def __str__(self) -> str:
        return str(self.meeting)


class StepDocument(models.Model):
    """A toolkit document a playbook step points to (e.g. "both sides" → the pro and con)."""

    step = models.ForeignKey(
        "campaigns.CampaignStep", on_delete=models.CASCADE, related_name="document_links"
    )
    document = models.ForeignKey(
        "toolkits.Document", on_delete=models.CASCADE, related_name="step_links"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("step document")
        verbose_name_plural = _("step documents")
        constraints = [
            models.UniqueConstraint(fields=["step", "document"], name="stepdocument_once"),
        ]

    def __str__(self) -> str:
        return str(self.document)
