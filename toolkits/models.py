"""The toolkits library: toolkits of ordered sections, Markdown documents, files and revisions.

A document's Markdown is the source; its sanitized HTML and table of contents are stored next to
it by the services (see toolkits.markdown), so pages never render Markdown per request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.models import ChoiceLabelsMixin, Topic
from actlocal.translated import spanish_char, spanish_text

from .merge import place_choices
from .roles import is_toolkit_editor, viewer_visibilities


class ToolkitQuerySet(models.QuerySet):
    def visible_to(self, user) -> ToolkitQuerySet:
        """Toolkits `user` may open: editors see all; others see what is out and meant for them."""
        if is_toolkit_editor(user):
            return self
        return self.filter(
            status__in=[Toolkit.Status.PUBLISHED, Toolkit.Status.ARCHIVED],
            visibility__in=viewer_visibilities(user),
        )

    def listed_for(self, user) -> ToolkitQuerySet:
        """The library's list: published toolkits `user` may see (archived ones drop out)."""
        return self.visible_to(user).filter(status=Toolkit.Status.PUBLISHED)


class Toolkit(ChoiceLabelsMixin, models.Model):
    class Kind(models.TextChoices):
        ACTION_GUIDE = "action_guide", _("Action guide")
        ISSUE_KIT = "issue_kit", _("Issue kit")
        EVENT_KIT = "event_kit", _("Event kit")
        TRAINING = "training", _("Training")
        ELECTORAL = "electoral", _("Electoral")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone")
        MEMBERS = "members", _("Members only: signed-in members of the network")
        ORGANIZERS = "organizers", _("Organizers only: network organizers and staff")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft: editors only")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived: reachable by link, not listed")

    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    summary_es = spanish_text(_("summary in Spanish"), max_length=1000)
    cover = models.FileField(_("cover image"), upload_to="toolkits/covers/", blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="toolkits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owner organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolkits",
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Maintained by a database trigger on PostgreSQL (see migrations); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ToolkitQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")
        indexes = [
            models.Index(fields=["status", "visibility", "title", "id"], name="toolkit_list_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkits:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC and self.status != self.Status.DRAFT


class Section(models.Model):
    """A titled, ordered group of documents inside a toolkit."""

    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    """A Markdown document; `body_html` and `toc` are derived from `body` by the services."""

    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="documents")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    body = models.TextField(_("text (Markdown)"), max_length=200_000, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    toc = models.JSONField(default=list, editable=False, blank=True)
    body_es = spanish_text(_("text (Markdown) in Spanish"), max_length=200_000)
    # Derived from body_es like body_html and toc from body (sanitised the same way).
    body_html_es = models.TextField(editable=False, blank=True)
    toc_es = models.JSONField(default=list, editable=False, blank=True)
    reading_minutes = models.PositiveIntegerField(default=1, editable=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="toolkit_documents")
    position = models.PositiveIntegerField(_("position"), default=0)
    # Set: the document is a template whose merge fields are those of this place (toolkits.merge).
    template_for = models.CharField(
        _("template for"),
        max_length=30,
        choices=place_choices(),
        blank=True,
        help_text=_("Leave empty for a guide; pick where a template is used to fill its fields."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["toolkit", "slug"], name="document_slug_per_toolkit"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "toolkits:document", kwargs={"slug": self.toolkit.slug, "document": self.slug}
        )

    @property
    def is_template(self) -> bool:
        return bool(self.template_for)


class Attachment(models.Model):
    """An uploaded file, its type detected from its content (see toolkits.uploads)."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        SLIDES = "slides", _("Slides")
        DOCUMENT = "document", _("Office document")
        SPREADSHEET = "spreadsheet", _("Spreadsheet")
        IMAGE = "image", _("Image")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=300, upload_to="toolkits/files/")
    thumbnail = models.FileField(max_length=300, upload_to="toolkits/thumbs/", blank=True)
    name = models.CharField(_("file name"), max_length=200)
    title = models.CharField(_("description"), max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "toolkits:attachment",
            kwargs={"slug": self.document.toolkit.slug, "pk": self.pk, "name": self.name},
        )


class Revision(models.Model):
    """One saved state of a document: who, when, why. Restoring one adds a new revision."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} #{self.number}"


class Proposal(ChoiceLabelsMixin, models.Model):
    """An organizer's suggested new text for a document, waiting for an editor's decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an editor")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=200_000, blank=True)
    note = models.CharField(_("what changes and why"), max_length=300)
    base_number = models.PositiveIntegerField(editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("edit proposal")
        verbose_name_plural = _("edit proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_at__isnull=False),
                name="proposal_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.note}"
