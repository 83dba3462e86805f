"""Core models shared by every app: the user account, the topic taxonomy, the audit log and the
mail outbox (the abstract Delivery row of every app's mail, and OutboxMail for rendered mail)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .collation import ReaderOrder
from .translated import localized, spanish_char


class ChoiceLabelsMixin:
    """Cheaper get_FOO_display() for models listed many to a page.

    Django's version rebuilds a dict of every choice (hashing each lazy label, which translates
    it) on each call: with the 50-odd states that was most of a directory list page's time.
    The labels stay lazy here, so the active language still applies when they are rendered.
    """

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            labels = dict(field.flatchoices)
            field._choice_labels = labels
        value = getattr(self, field.attname)
        return labels.get(value, value)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People sign in with their email address; there is no username."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The language of the site and of every mail for this person; blank follows the browser.
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails are shown in this language."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Topic(models.Model):
    """An issue area people and groups work on (e.g. DACA, Medicaid expansion, voting)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    name_es = spanish_char(_("name in Spanish"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown as a one-click shortcut in the directory.")
    )

    class Meta:
        # By the name in the reader's language and alphabet (actlocal.collation).
        ordering = [ReaderOrder("name"), "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        # Choice labels of every topic filter and form: the reader's language.
        return str(localized(self, "name"))

    def get_absolute_url(self) -> str:
        return reverse("directory:resource_list") + f"?topic={self.slug}"


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


class Delivery(models.Model):
    """One mail to one person: a row written in the same transaction as the change that causes it.

    This is the outbox. Each app's concrete delivery model inherits these fields and registers a
    channel with actlocal.delivery, whose one loop (deliver_claimed) claims rows, sends them and
    stamps them. A row is done when sent_at or cancelled_at is set; until then the delivery sweep
    keeps trying, so no broker outage or dead worker loses a mail (see docs/architecture.md).
    """

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Set by the claim (SELECT ... FOR UPDATE SKIP LOCKED); a claim older than the channel's lease
    # belongs to a worker that died or failed, and the row may be claimed again.
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    # Closed without mail because what it announced no longer holds (the RSVP was cancelled).
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    last_error = models.CharField(_("last error"), max_length=300, blank=True, editable=False)
    # The language the recipient was using when they caused this mail (blank when someone else
    # did): used when the recipient has saved no preference (see actlocal.languages).
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def delivery_state(self) -> str:
        if self.sent_at:
            return "sent"
        if self.cancelled_at:
            return "cancelled"
        return "pending" if not self.last_error else "retrying"


class OutboxMail(Delivery):
    """A mail rendered when it was caused (allauth's account mails): sent from the outbox like any
    other delivery. Its body is cleared once sent: it may hold a one-time sign-in or reset link."""

    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)

    class Meta:
        verbose_name = _("outbox mail")
        verbose_name_plural = _("outbox mails")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at=None, cancelled_at=None),
                name="outboxmail_unsent",
            )
        ]

    def __str__(self) -> str:
        return self.subject


# Defined with the importing machinery it belongs to; imported here so Django finds the model.
from .importing.models import ImportJob  # noqa: E402, F401
