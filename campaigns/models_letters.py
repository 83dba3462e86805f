"""Letters to the editor and op-eds that a campaign's leaders draft on the platform."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.models import ChoiceLabelsMixin


class Letter(ChoiceLabelsMixin, models.Model):
    """One piece in four parts (the outline); published, it records a pressure action."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter to the editor")
        OP_ED = "op_ed", _("Op-ed")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="letters"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_letters"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LETTER)
    official = models.ForeignKey(
        "campaigns.Official",
        verbose_name=_("official it names"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("working title"), max_length=200, blank=True)
    hook = models.TextField(_("the hook"), max_length=6000, blank=True)
    story = models.TextField(_("the local story"), max_length=6000, blank=True)
    ask = models.TextField(_("the ask"), max_length=6000, blank=True)
    about = models.TextField(_("who you are"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    outlet = models.CharField(_("outlet"), max_length=150, blank=True)
    url = models.URLField(_("link to the published piece"), max_length=500, blank=True)
    action = models.OneToOneField(
        "campaigns.PressureAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letter",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("letter or op-ed")
        verbose_name_plural = _("letters and op-eds")
        indexes = [models.Index(fields=["campaign", "author"])]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()
