"""The network directory: leaders, partner organizations, resources and how they connect."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import State
from actlocal.languages import language_supported, user_language
from actlocal.models import ChoiceLabelsMixin, Delivery, Topic
from actlocal.permissions import is_member, is_organizer
from actlocal.translated import localized, spanish_char, spanish_text


class AreaType(models.TextChoices):
    URBAN = "urban", _("Urban")
    SUBURBAN = "suburban", _("Suburban")
    RURAL = "rural", _("Rural")


class AreaLean(models.TextChoices):
    BLUE = "blue", _("Blue")
    RED = "red", _("Red")
    PURPLE = "purple", _("Purple")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    STATE = "state", _("State")
    LOCAL = "local", _("Local")


class LeaderRole(models.Model):
    """What a leader does: community organizer, faith leader, elected official, student, labor..."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    name_es = spanish_char(_("name in Spanish"), max_length=80)

    class Meta:
        # By the name in the reader's language and alphabet (actlocal.collation).
        ordering = [ReaderOrder("name"), "id"]
        verbose_name = _("leader role")
        verbose_name_plural = _("leader roles")

    def __str__(self) -> str:
        return str(localized(self, "name"))


def visibilities_seen_by(user) -> list[str] | None:
    """The leader visibilities `user` may see; None for all of them (organizers, staff).

    The one definition of who sees whom: `visible_to` filters by it and the directory's
    tallies (directory.tallies) add up the same visibilities, so the two never disagree."""
    if is_organizer(user):
        return None
    if is_member(user):
        return [Leader.Visibility.PUBLIC, Leader.Visibility.MEMBERS]
    return [Leader.Visibility.PUBLIC]


class LeaderQuerySet(models.QuerySet):
    def visible_to(self, user) -> LeaderQuerySet:
        """Leaders whose chosen visibility lets `user` see them."""
        visibilities = visibilities_seen_by(user)
        if visibilities is None:
            return self
        if len(visibilities) == 1:
            return self.filter(visibility=visibilities[0])
        return self.filter(visibility__in=visibilities)


class Leader(ChoiceLabelsMixin, models.Model):
    """A local leader. Email and phone are private: only staff and the leader see them."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can see my profile")
        MEMBERS = "members", _("Members only: signed-in members of the network")
        ORGANIZERS = "organizers", _("Organizers only: network organizers and staff")

    class Source(models.TextChoices):
        SELF = "self", _("Self-registered")
        IMPORT = "import", _("Imported")
        STAFF = "staff", _("Added by staff")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader",
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    email = models.EmailField(_("email (private)"), blank=True, db_index=True)
    phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=State.choices, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    area_type = models.CharField(
        _("area type"), max_length=10, choices=AreaType.choices, blank=True
    )
    area_lean = models.CharField(
        _("area lean"), max_length=10, choices=AreaLean.choices, blank=True
    )
    roles = models.ManyToManyField(LeaderRole, blank=True, related_name="leaders")
    topics = models.ManyToManyField(Topic, blank=True, related_name="leaders")
    organizations = models.ManyToManyField(
        "Organization", through="Affiliation", blank=True, related_name="leaders"
    )
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.ORGANIZERS
    )
    # For people without an account of their own (an account's saved language wins): the
    # language they answered in, or one staff recorded.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the mail this person gets while they have no account."),
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # The words the person agreed to (or how an import recorded their agreement), kept with the
    # time: a consent is only as real as what it said.
    consent_text = models.TextField(_("consent wording"), blank=True, editable=False)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.STAFF
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Maintained by a database trigger on PostgreSQL (see migrations); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        indexes = [
            models.Index(fields=["state", "city"]),
            # The list pages' order (name, id), for the public and for organizers who see all.
            models.Index(fields=["visibility", "name", "id"], name="leader_visibility_order_idx"),
            models.Index(fields=["name", "id"], name="leader_order_idx"),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="leader_email_unique"
            ),
            # Nobody is shown to the public without their recorded consent, whatever the path.
            models.CheckConstraint(
                condition=~Q(visibility="public") | Q(consent_at__isnull=False),
                name="leader_public_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:leader_detail", kwargs={"slug": self.slug})

    def mail_language(self) -> str:
        """The language of mail to this person: their account's saved one, else the profile's
        ("" for neither; the delivery loop then uses what they last used, or the default)."""
        return user_language(self.user) or language_supported(self.language)


class Organization(ChoiceLabelsMixin, models.Model):
    """A partner group: anchor and national partners, state organizations, local chapters..."""

    class Kind(models.TextChoices):
        ANCHOR = "anchor", _("Anchor partner")
        NATIONAL = "national", _("National partner")
        STATE_ORG = "state_org", _("State organization")
        CHAPTER = "chapter", _("Local chapter")
        LOCAL_GROUP = "local_group", _("Local group")
        FAITH = "faith", _("Faith community")
        UNION = "union", _("Union")
        NONPROFIT = "nonprofit", _("Nonprofit")
        COALITION = "coalition", _("Coalition")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chapters",
        verbose_name=_("parent organization"),
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=State.choices, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    website_domain = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="organizations")
    public_email = models.EmailField(_("public contact email"), blank=True)
    public_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    # Storage name of the logo, re-encoded by actlocal.images; served by directory:logo.
    logo_image = models.CharField(max_length=200, blank=True, editable=False)
    logo_alt = models.CharField(
        _("logo description"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for screen readers; required with a logo."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [
            models.Index(fields=["state", "city"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["name", "id"], name="organization_order_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization_detail", kwargs={"slug": self.slug})


class Affiliation(models.Model):
    """A leader's role in an organization (e.g. 'Chapter lead')."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations"
    )
    role_title = models.CharField(_("role title"), max_length=120, blank=True)
    # Given by staff or by another manager (directory.profile_services); only a leader with an
    # account can use it.
    manages_profile = models.BooleanField(
        _("manages the public profile"),
        default=False,
        help_text=_(
            "May edit the organization's public profile (logo, description, website, public "
            "contacts, topics) and name other managers among its leaders."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organization__name", "id"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "organization"], name="affiliation_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader} – {self.organization}"


class Resource(ChoiceLabelsMixin, models.Model):
    """Something a group can use: a toolkit, an expert, a service, a training, funding..."""

    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", _("Toolkit")
        EXPERT = "expert", _("Expert")
        SERVICE = "service", _("Service")
        TRAINING = "training", _("Training")
        CAMPAIGN = "campaign", _("Campaign")
        TOOL = "tool", _("Tool")
        FUNDING = "funding", _("Funding")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    provider = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        verbose_name=_("provider organization"),
    )
    scope = models.CharField(_("geographic scope"), max_length=10, choices=Scope.choices)
    state = models.CharField(_("state"), max_length=2, choices=State.choices, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["title", "id"]
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["scope", "state"]),
            models.Index(fields=["title", "id"], name="resource_order_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:resource_detail", kwargs={"slug": self.slug})


class DuplicateCandidate(models.Model):
    """A pair of leaders or organizations that look like the same person or group.

    Detection only flags pairs; staff decide to merge or dismiss. Pairs are stored with the
    lower id first so the same pair is never flagged twice. After a merge the removed side is
    empty (its record is gone) and `removed_label` says what it was, so the review stays on file.
    """

    class Kind(models.TextChoices):
        LEADER = "leader", _("Leaders")
        ORGANIZATION = "organization", _("Organizations")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MERGED = "merged", _("Merged")
        DISMISSED = "dismissed", _("Not a duplicate")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    leader_a = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    leader_b = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_a = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_b = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.FloatField(_("similarity"), default=0)
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    removed_label = models.CharField(_("merged away"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(
                fields=["leader_a", "leader_b"],
                condition=Q(kind="leader"),
                name="duplicate_leader_pair_unique",
            ),
            models.UniqueConstraint(
                fields=["organization_a", "organization_b"],
                condition=Q(kind="organization"),
                name="duplicate_organization_pair_unique",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="leader",
                        leader_a__isnull=False,
                        leader_b__isnull=False,
                        leader_a__lt=models.F("leader_b"),
                    )
                    | Q(
                        kind="organization",
                        organization_a__isnull=False,
                        organization_b__isnull=False,
                        organization_a__lt=models.F("organization_b"),
                    )
                    | Q(status="merged")
                ),
                name="duplicate_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.LEADER:
            a, b = self.leader_a, self.leader_b
        else:
            a, b = self.organization_a, self.organization_b
        return f"{a or self.removed_label} ≈ {b or self.removed_label}"


class ContactMessage(Delivery):
    """A message relayed from a member to a leader; neither address is shown on the site.

    The message is its own delivery row (the outbox): recorded and mailed by the one delivery
    loop (directory/deliveries.py), so a broker outage delays it and loses nothing."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        Leader, null=True, on_delete=models.SET_NULL, related_name="messages_received"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return self.subject


class Tally(models.Model):
    """How many leaders (by visibility) or organizations (by kind) one state has, located on the
    map or not: the directory's counts, kept by database triggers (directory.tallies).

    `count` is the total folded so far; the changes since are rows of TallyChange, and a
    count is the sum of the two."""

    class Subject(models.TextChoices):
        LEADER = "leader", _("leader")
        ORGANIZATION = "organization", _("organization")

    subject = models.CharField(max_length=12, choices=Subject.choices)
    # A leader's visibility or an organization's kind.
    facet = models.CharField(max_length=20)
    state = models.CharField(max_length=2, blank=True)
    located = models.BooleanField()
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "facet", "state", "located"], name="tally_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.facet} {self.state or '-'} {self.located}: {self.count}"


class TallyChange(models.Model):
    """One statement's net change to one tally, appended by the triggers. Appending never
    waits on another transaction (an import holding a tally row for minutes would stall every
    sign-up); the fold adds these into Tally and deletes them."""

    subject = models.CharField(max_length=12, choices=Tally.Subject.choices)
    facet = models.CharField(max_length=20)
    state = models.CharField(max_length=2, blank=True)
    located = models.BooleanField()
    delta = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.subject} {self.facet} {self.state or '-'} {self.located}: {self.delta:+d}"
