"""Events: convenings and their agendas, teams, invitations, RSVPs, reminders and kits."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.geo import State
from actlocal.models import ChoiceLabelsMixin, Delivery, Topic
from actlocal.translated import localized_lines, spanish_char, spanish_text
from directory.models import Leader, Organization


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}
        ) from exc


class EventQuerySet(models.QuerySet):
    def events(self) -> EventQuerySet:
        """Real events, not kits."""
        return self.filter(is_template=False)

    def listed(self) -> EventQuerySet:
        """What the public events page may show: published, public, not a kit."""
        return self.filter(
            is_template=False, status=Event.Status.PUBLISHED, visibility=Event.Visibility.PUBLIC
        )

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now())


class Event(ChoiceLabelsMixin, models.Model):
    """A convening, training, meetup or dinner; with is_template set, a reusable event kit."""

    class Kind(models.TextChoices):
        CONVENING = "convening", _("Convening")
        TRAINING = "training", _("Training")
        MEETUP = "meetup", _("Meetup")
        DINNER = "dinner", _("Dinner")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: listed, anyone can RSVP")
        INVITE_ONLY = "invite_only", _("Invite-only: hidden except to invitees")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONVENING)
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))
    # A kit's own note for organizers choosing a kit; never copied to an event made from it, so
    # the event's public description stays the team's words for the public.
    kit_contents = models.TextField(_("what this kit contains"), blank=True)
    kit_contents_es = spanish_text(_("what this kit contains, in Spanish"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=State.choices, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats; leave empty for no limit.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.INVITE_ONLY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    host_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        verbose_name=_("host organization"),
    )
    co_hosts = models.ManyToManyField(
        Organization, blank=True, related_name="co_hosted_events", verbose_name=_("co-hosts")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=_("follow-up of"),
    )
    is_template = models.BooleanField(_("event kit"), default=False)
    # Texts the team writes once and a kit carries to the next city.
    invitation_text = models.TextField(_("invitation message"), blank=True)
    invitation_text_es = spanish_text(_("invitation message in Spanish"))
    confirmation_text = models.TextField(_("confirmation message"), blank=True)
    confirmation_text_es = spanish_text(_("confirmation message in Spanish"))
    reminder_text = models.TextField(_("reminder message"), blank=True)
    reminder_text_es = spanish_text(_("reminder message in Spanish"))
    # Toolkit templates (documents with merge fields) filled per recipient when the mail is
    # sent; none chosen keeps the texts above. A deleted document falls back to them too.
    invitation_template = models.ForeignKey(
        "toolkits.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invitation template"),
    )
    reminder_template = models.ForeignKey(
        "toolkits.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reminder template"),
    )
    # Storage names of the cover picture, re-encoded by actlocal.images (never the upload
    # itself); served through events:cover, which checks who may see the event.
    cover_image = models.CharField(max_length=200, blank=True, editable=False)
    cover_thumbnail = models.CharField(max_length=200, blank=True, editable=False)
    cover_alt = models.CharField(_("cover picture description"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    finalized_at = models.DateTimeField(
        _("attendance final at"), null=True, blank=True, editable=False
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "visibility", "starts_at"], name="event_listing_idx"),
            models.Index(fields=["state", "city"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.tzinfo)

    @property
    def is_invite_only(self) -> bool:
        return self.visibility == self.Visibility.INVITE_ONLY

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def accepts_rsvps(self) -> bool:
        return (
            not self.is_template
            and self.status == self.Status.PUBLISHED
            and self.starts_at > timezone.now()
        )


class EventRole(models.Model):
    """A member of an event's organizing team."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead organizer")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        CHECKIN = "checkin", _("Check-in volunteer")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["event", "role", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("organizing team")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="eventrole_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Session(ChoiceLabelsMixin, models.Model):
    """One item of an event's agenda."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        NETWORKING = "networking", _("Networking")
        PLENARY = "plenary", _("Plenary")
        MEAL = "meal", _("Meal")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    facilitators = models.ManyToManyField(
        Leader, blank=True, related_name="facilitated_sessions", verbose_name=_("facilitators")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    signup_required = models.BooleanField(_("sign-up required"), default=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A custom question the team asks on the RSVP form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes / no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    label_es = spanish_char(_("question in Spanish"), max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    # Labels only: answers are stored as the original choice, whatever language they were
    # given in, so the team's counts and exports never split by language.
    choices_es = models.TextField(
        _("choices in Spanish"),
        blank=True,
        help_text=_(
            "One a line, in the same order as the choices; leave empty to show the original."
        ),
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("RSVP question")
        verbose_name_plural = _("RSVP questions")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def answer_key(self) -> str:
        return str(self.pk)

    def choice_options(self, *, language: str | None = None) -> list[tuple[str, str]]:
        """(stored value, label in the reader's language) for each choice."""
        labels = localized_lines(self, "choices", language=language)
        return list(zip(self.choice_list, labels, strict=True))


class ReminderOffset(models.Model):
    """When, relative to the start, attendees get a reminder (default 7 days and 1 day)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminder_offsets")
    hours_before = models.PositiveIntegerField(
        _("hours before the start"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )

    class Meta:
        ordering = ["-hours_before"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminder schedule")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "hours_before"], name="reminder_offset_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("%(hours)s hours before") % {"hours": self.hours_before}


class Invitation(ChoiceLabelsMixin, models.Model):
    """A personal invitation to one email address; the token in its link is the key."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")
        BOUNCED = "bounced", _("Bounced")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    leader = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    # Looked up by the indexed selector, then compared in full in constant time.
    token_selector = models.CharField(max_length=12, db_index=True, editable=False)
    token = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Stamped by the invitation's delivery (events/deliveries.py) for the team's list; the
    # delivery rows are what keeps the mail exactly-once.
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, editable=False)
    responded_at = models.DateTimeField(null=True, blank=True)
    # The inviter typed this address (a pasted list, a CSV): they knew it already, so it may be
    # shown back to them. Addresses that came from the directory or a link answer are not.
    address_typed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="invitation_one_per_email"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:invitation", kwargs={"token": self.token})


class InviteLink(models.Model):
    """A shareable invitation link, good for a number of uses until it expires."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invite_links")
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_selector = models.CharField(max_length=12, db_index=True, editable=False)
    token = models.CharField(max_length=64, editable=False)
    max_uses = models.PositiveIntegerField(_("uses allowed"), validators=[MinValueValidator(1)])
    uses = models.PositiveIntegerField(default=0, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invite link")
        verbose_name_plural = _("invite links")
        constraints = [
            models.CheckConstraint(
                condition=Q(uses__lte=models.F("max_uses")), name="invitelink_uses_within_limit"
            ),
        ]

    def __str__(self) -> str:
        return self.label or _("Invite link %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("events:invitation", kwargs={"token": self.token})

    @property
    def is_usable(self) -> bool:
        return (
            self.revoked_at is None
            and self.uses < self.max_uses
            and self.expires_at > timezone.now()
        )


class Nomination(ChoiceLabelsMixin, models.Model):
    """Someone who is going suggests another person; the team approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="nominations")
    nominated_by = models.ForeignKey(
        Leader, null=True, on_delete=models.SET_NULL, related_name="nominations_made"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    reason = models.TextField(_("why them"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="nomination_one_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.event}"


class RSVP(ChoiceLabelsMixin, models.Model):
    """One person's answer to one event, with their seat or waitlist place and attendance."""

    class Status(models.TextChoices):
        GOING = "going", _("Going")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not final yet")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="rsvps")
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="rsvps"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Short code printed in the confirmation email; the check-in desk types it to find someone.
    checkin_code = models.CharField(_("check-in code"), max_length=8, editable=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_walk_in = models.BooleanField(_("walk-in"), default=False)
    # The team took this person off the event (revoked the invitation or cancelled the RSVP):
    # no link or form seats them again until the team invites them anew.
    removed_at = models.DateTimeField(_("removed by the team"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default="", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["event", "leader"], name="rsvp_one_per_leader"),
            models.UniqueConstraint(
                fields=["event", "checkin_code"], name="rsvp_checkin_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="rsvp_waitlist_position_iff_waitlisted",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["event", "waitlist_position"]),
        ]

    def __str__(self) -> str:
        return f"{self.leader} – {self.event} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.GOING, self.Status.WAITLISTED)


class SessionSignup(models.Model):
    """A seat in an agenda session that needs sign-up."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    rsvp = models.ForeignKey(RSVP, on_delete=models.CASCADE, related_name="session_signups")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("session sign-up")
        verbose_name_plural = _("session sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["session", "rsvp"], name="sessionsignup_once"),
        ]

    def __str__(self) -> str:
        return f"{self.rsvp.leader} → {self.session}"


class EventMessage(models.Model):
    """A message from the team to attendees of one status, mailed in batches."""

    class Audience(models.TextChoices):
        GOING = "going", _("Going")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CHECKED_IN = "checked_in", _("Checked in")
        NO_SHOW = "no_show", _("No-show (going, not checked in)")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("send to"), max_length=12, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    subject_es = spanish_char(_("subject in Spanish"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    body_es = spanish_text(_("message in Spanish"), max_length=10000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    recipient_count = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message to attendees")
        verbose_name_plural = _("messages to attendees")

    def __str__(self) -> str:
        return self.subject


class LinkAnswer(Delivery):
    """An answer typed by someone who is not signed in: into a shareable invite link, or (with
    no link) into the one-step RSVP of a public event's page.

    Typing an address proves nothing, so the answer waits here, touching no profile, until the
    mail this row sends (it is its own outbox row) is followed: only then is it attached to the
    address's profile and the RSVP taken.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="link_answers")
    # None for an answer typed on a public event's page.
    link = models.ForeignKey(
        InviteLink, on_delete=models.CASCADE, related_name="answers", null=True, blank=True
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    # Only used when the confirmation creates a profile; an existing profile is never changed.
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    token_selector = models.CharField(max_length=12, db_index=True, editable=False)
    token = models.CharField(max_length=64, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("answer waiting for its mail")
        verbose_name_plural = _("answers waiting for their mail")
        indexes = [
            models.Index(fields=["event", "email"]),
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at=None, cancelled_at=None),
                name="linkanswer_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:link_answer_confirm", kwargs={"token": self.token})


# The mail rows (the outbox) live in their own module; imported here so Django finds them.
from .models_deliveries import (  # noqa: E402, F401
    InvitationDelivery,
    MessageDelivery,
    NominationNotice,
    ReminderDelivery,
    RSVPMail,
)
from .models_documents import EventDocument  # noqa: E402, F401
