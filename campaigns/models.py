"""Campaigns: bodies, districts and officials; campaigns, meetings, stances, pressure, playbooks."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import State
from actlocal.models import ChoiceLabelsMixin, Delivery, Topic
from actlocal.translated import localized, spanish_char, spanish_text
from directory.models import Leader, Organization, Resource


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    LEANING_YES = "leaning_yes", _("Leaning yes")
    UNDECIDED = "undecided", _("Undecided")
    LEANING_NO = "leaning_no", _("Leaning no")
    OPPOSES = "opposes", _("Opposes")
    NO_RESPONSE = "no_response", _("No response")


# --- Government: bodies, districts, officials ---------------------------------------------------


class Body(ChoiceLabelsMixin, models.Model):
    """A legislative body: a state House or Senate, a city council, a select board..."""

    class Kind(models.TextChoices):
        STATE_LOWER = "state_lower", _("State House (lower chamber)")
        STATE_UPPER = "state_upper", _("State Senate (upper chamber)")
        US_HOUSE = "us_house", _("U.S. House")
        EXECUTIVE_COUNCIL = "executive_council", _("Executive council")
        CITY_COUNCIL = "city_council", _("City council")
        SELECT_BOARD = "select_board", _("Select board")
        TOWN_MEETING = "town_meeting", _("Town meeting")
        COUNTY = "county", _("County board")
        OTHER = "other", _("Other")

    class Government(models.TextChoices):
        """The form of local government: who introduces and passes an ordinance."""

        NOT_LOCAL = "", _("Not a local body")
        MAYOR_COUNCIL = "mayor_council", _("Mayor–council")
        COUNCIL_MANAGER = "council_manager", _("Council–manager")
        COMMISSION = "commission", _("Commission")
        TOWN_MEETING = "town_meeting", _("Town meeting")
        REPRESENTATIVE_TOWN_MEETING = "rep_town_meeting", _("Representative town meeting")
        SELECT_BOARD = "select_board", _("Select board")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    municipality = models.CharField(
        _("municipality"), max_length=100, blank=True, help_text=_("For local bodies.")
    )
    form_of_government = models.CharField(
        _("form of government"), max_length=20, choices=Government.choices, blank=True
    )
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name = _("legislative body")
        verbose_name_plural = _("legislative bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind"],
                condition=Q(municipality=""),
                name="body_one_state_chamber",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A seat's district. `name_key` is the normalized name both data sources agree on."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    ocd_id = models.CharField(
        _("OCD division id"), max_length=200, null=True, blank=True, unique=True
    )
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("E.g. a county, for filtering.")
    )

    class Meta:
        ordering = ["body", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["body", "name_key"], name="district_unique_in_body"),
        ]

    def __str__(self) -> str:
        return self.name


class DistrictArea(models.Model):
    """One precinct of a city or town and one district it lies in (a row per body)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="areas")
    state = models.CharField(max_length=2, choices=State.choices)
    municipality = models.CharField(_("city or town"), max_length=100)
    municipality_key = models.CharField(max_length=100, editable=False, db_index=True)
    # Empty in towns without wards (the crosswalk writes "-").
    ward = models.CharField(_("ward"), max_length=10, blank=True)
    precinct = models.CharField(_("precinct"), max_length=10)

    class Meta:
        ordering = ["municipality_key", "ward", "precinct"]
        verbose_name = _("precinct")
        verbose_name_plural = _("precincts")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "state", "municipality_key", "ward", "precinct"],
                name="district_area_unique",
            ),
        ]
        indexes = [models.Index(fields=["state", "municipality_key", "ward", "precinct"])]

    def __str__(self) -> str:
        ward = f" ward {self.ward}" if self.ward else ""
        return f"{self.municipality}{ward} precinct {self.precinct} → {self.district}"


class ZipDistrict(models.Model):
    """Fallback: the share of a ZIP code's people who live in a district."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="zip_codes")
    zip_code = models.CharField(_("ZIP code"), max_length=5, db_index=True)
    share = models.FloatField(_("share"), default=1.0)

    class Meta:
        ordering = ["zip_code", "-share"]
        verbose_name = _("ZIP code district")
        verbose_name_plural = _("ZIP code districts")
        constraints = [
            models.UniqueConstraint(fields=["district", "zip_code"], name="zip_district_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.zip_code} → {self.district} ({self.share:.0%})"


class OfficialQuerySet(models.QuerySet):
    def current(self, on=None) -> OfficialQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day))


class Official(models.Model):
    """A person holding (or who held) a seat. Open States people keep their Open States id."""

    name = models.CharField(_("name"), max_length=150)
    given_name = models.CharField(_("given name"), max_length=80, blank=True)
    family_name = models.CharField(_("family name"), max_length=80, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    party = models.CharField(_("party"), max_length=60, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="officials")
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="officials"
    )
    # Official contact details are public information, unlike a leader's.
    email = models.EmailField(_("office email"), blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    office_address = models.CharField(_("office address"), max_length=300, blank=True)
    district_phone = models.CharField(_("district office phone"), max_length=40, blank=True)
    district_address = models.CharField(_("district office address"), max_length=300, blank=True)
    photo_url = models.URLField(_("photo URL"), max_length=500, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    openstates_id = models.CharField(
        _("Open States id"), max_length=80, null=True, blank=True, unique=True
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "name", "id"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        indexes = [models.Index(fields=["body", "district"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.term_end is None or self.term_end >= timezone.localdate()


# --- Campaigns -----------------------------------------------------------------------------------


class Campaign(ChoiceLabelsMixin, models.Model):
    """A push for one hard ask of one body: legislative, or a local ordinance."""

    class Kind(models.TextChoices):
        LEGISLATIVE = "legislative", _("Legislative")
        ORDINANCE = "ordinance", _("Local ordinance")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_es = spanish_text(_("summary in Spanish"))
    target_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("target body")
    )
    ask = models.CharField(_("the hard ask"), max_length=300, help_text=_("One sentence."))
    ask_es = spanish_char(_("the hard ask in Spanish"), max_length=300)
    reference = models.CharField(
        _("bill or ordinance"), max_length=120, blank=True, help_text=_("E.g. H.1234.")
    )
    draft_text_url = models.URLField(
        _("draft ordinance text"), blank=True, help_text=_("Link to the toolkit or document.")
    )
    meeting_goal = models.PositiveIntegerField(_("constituent meetings goal"), default=0)
    votes_needed = models.PositiveIntegerField(_("votes needed"), default=0)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="campaigns")
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="campaigns", verbose_name=_("toolkits and resources")
    )
    coalition_partners = models.ManyToManyField(
        Organization, blank=True, related_name="campaigns", verbose_name=_("coalition partners")
    )
    stale_after_weeks = models.PositiveSmallIntegerField(
        _("stances are stale after (weeks)"), default=4, validators=[MinValueValidator(1)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class CampaignRole(models.Model):
    """A member of a campaign's organizing team."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead organizer")
        ORGANIZER = "organizer", _("Organizer")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("campaign team member")
        verbose_name_plural = _("campaign team")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="campaignrole_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class CampaignScript(models.Model):
    """What constituents say to an official with a given stance ("please commit", "thank you")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="scripts")
    stance = models.CharField(_("for officials who"), max_length=12, choices=Stance.choices)
    # Empty: the default script. The Spanish text may stand alone (the default in English, the
    # team's own words in Spanish); see campaigns.scripts.
    body = models.TextField(_("script"), max_length=4000, blank=True)
    body_es = spanish_text(_("script in Spanish"), max_length=4000)

    class Meta:
        ordering = ["campaign", "stance"]
        verbose_name = _("script")
        verbose_name_plural = _("scripts")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "stance"], name="script_one_per_stance"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.get_stance_display()}"


class CampaignMember(ChoiceLabelsMixin, models.Model):
    """A leader who joined a campaign, with the place that decides their own officials."""

    class Role(models.TextChoices):
        CONSTITUENT = "constituent", _("Constituent")
        LEADERSHIP = "leadership", _("Campaign leadership")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    leader = models.ForeignKey(
        Leader, on_delete=models.CASCADE, related_name="campaign_memberships"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.CONSTITUENT
    )
    affected_community = models.BooleanField(_("from an affected community"), default=False)
    municipality = models.CharField(_("city or town"), max_length=100, blank=True)
    ward = models.CharField(_("ward"), max_length=10, blank=True)
    precinct = models.CharField(_("precinct"), max_length=10, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    districts = models.ManyToManyField(District, blank=True, related_name="members")
    joined_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("campaign member")
        verbose_name_plural = _("campaign members")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "leader"], name="campaignmember_once"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} in {self.campaign}"


class CampaignOfficial(models.Model):
    """An official targeted by a campaign, with the current stance kept from verified reports."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="campaign_targets"
    )
    stance = models.CharField(
        _("current stance"), max_length=12, choices=Stance.choices, default=Stance.NO_RESPONSE
    )
    stance_report = models.ForeignKey(
        "StanceReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stance_changed_at = models.DateTimeField(null=True, blank=True)
    is_sponsor = models.BooleanField(_("sponsor"), default=False)
    is_champion = models.BooleanField(_("champion"), default=False)

    class Meta:
        ordering = ["campaign", "official"]
        verbose_name = _("targeted official")
        verbose_name_plural = _("targeted officials")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "official"], name="campaignofficial_once"),
        ]
        indexes = [models.Index(fields=["campaign", "stance"])]

    def __str__(self) -> str:
        return f"{self.official} – {self.get_stance_display()}"


class Meeting(ChoiceLabelsMixin, models.Model):
    """Constituents meeting their own official (or asking to)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        REFUSED = "refused", _("Refused by the office")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        DISTRICT_OFFICE = "district_office", _("At the district office")
        VIRTUAL = "virtual", _("Virtual")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="meetings")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    scheduled_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York")
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    notes = models.TextField(_("notes for the team"), blank=True)
    constituents = models.ManyToManyField(
        CampaignMember, through="MeetingAttendee", related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scheduled_at", "id"]
        verbose_name = _("constituent meeting")
        verbose_name_plural = _("constituent meetings")
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["campaign", "official"]),
        ]

    def __str__(self) -> str:
        return f"{self.official} ({self.get_status_display()})"


class MeetingAttendee(models.Model):
    """A constituent on a meeting's team; after the meeting, whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    member = models.ForeignKey(
        CampaignMember, on_delete=models.CASCADE, related_name="meeting_attendances"
    )
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting attendee")
        verbose_name_plural = _("meeting attendees")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="meetingattendee_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.meeting_id}"


class MeetingReminder(Delivery):
    """One reminder to one constituent about one meeting: the unique row makes it once only.

    The reminder scheduler writes the due rows; the one delivery loop sends them
    (campaigns/deliveries.py)."""

    attendee = models.ForeignKey(
        MeetingAttendee, on_delete=models.CASCADE, related_name="reminders"
    )
    scheduled_for = models.DateTimeField(
        help_text="The meeting time this reminder was for; a rescheduled meeting gets a new one."
    )

    class Meta:
        verbose_name = _("meeting reminder")
        verbose_name_plural = _("meeting reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "scheduled_for"], name="meeting_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attendee_id} @ {self.scheduled_for.isoformat(timespec='minutes')}"


class MeetingNotice(Delivery):
    """Telling one constituent that their meeting is set (or moved), or called off.

    Written in the transaction of the change, for the team as it is then; removing someone from
    the team deletes their pending notices with their attendee row. One per person per change.
    """

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled or moved")
        CANCELLED = "cancelled", _("Called off")

    attendee = models.ForeignKey(MeetingAttendee, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The meeting's updated_at in microseconds: names the change the notice is about.
    change = models.BigIntegerField()

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "kind", "change"], name="meeting_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.attendee_id}"


class MeetingReport(models.Model):
    """What happened at a meeting, filed by a constituent or organizer."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    answer = models.CharField(_("their answer to the ask"), max_length=12, choices=Stance.choices)
    quotes = models.TextField(_("what they said"), max_length=4000, blank=True)
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up = models.TextField(_("follow-up"), max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meeting report")
        verbose_name_plural = _("meeting reports")

    def __str__(self) -> str:
        return f"Report on {self.meeting}"


class StanceReport(ChoiceLabelsMixin, models.Model):
    """A claim about an official's stance. Only verified reports move the scoreboard."""

    class Source(models.TextChoices):
        MEETING = "meeting", _("Constituent meeting")
        STATEMENT = "statement", _("Public statement")
        VOTE = "vote", _("Vote")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stance_reports")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="stance_reports")
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    source = models.CharField(_("source"), max_length=14, choices=Source.choices)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="stance_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("stance report")
        verbose_name_plural = _("stance reports")
        indexes = [
            models.Index(fields=["campaign", "official", "review", "reported_at"]),
            models.Index(fields=["campaign", "review"]),
        ]

    def __str__(self) -> str:
        return f"{self.official}: {self.get_stance_display()} ({self.get_review_display()})"


class PressureAction(ChoiceLabelsMixin, models.Model):
    """Public pressure on an official or district: letters, op-eds, calls, rallies."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter to the editor")
        OP_ED = "op_ed", _("Op-ed")
        CALLS = "calls", _("Calls")
        RALLY = "rally", _("Rally")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.SET_NULL, related_name="pressure_actions"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="pressure_actions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    outlet = models.CharField(_("outlet"), max_length=150, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    count = models.PositiveIntegerField(_("how many"), default=1, validators=[MinValueValidator(1)])
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("pressure action")
        verbose_name_plural = _("pressure actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(official__isnull=False) | Q(district__isnull=False),
                name="pressure_action_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.outlet}"


# --- Ordinance playbooks -------------------------------------------------------------------------


class PlaybookTemplate(models.Model):
    """A reusable list of steps for a kind of campaign."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_es = spanish_char(_("name in Spanish"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))

    class Meta:
        # By the name in the reader's language and alphabet (actlocal.collation).
        ordering = [ReaderOrder("name"), "id"]
        verbose_name = _("playbook template")
        verbose_name_plural = _("playbook templates")

    def __str__(self) -> str:
        return str(localized(self, "name"))


class PlaybookTemplateStep(models.Model):
    template = models.ForeignKey(PlaybookTemplate, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_es = spanish_text(_("guidance in Spanish"))

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")

    def __str__(self) -> str:
        return self.title


class CampaignStep(ChoiceLabelsMixin, models.Model):
    """One step of a campaign's playbook."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_es = spanish_text(_("guidance in Spanish"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "position", "id"]
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")

    def __str__(self) -> str:
        return self.title


class Opponent(ChoiceLabelsMixin, models.Model):
    """Who stands against the campaign, what they argue, and how we answer."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="opponents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arguments = models.TextField(_("their arguments"), blank=True)
    responses = models.TextField(_("our responses"), blank=True)

    class Meta:
        ordering = ["campaign", "name"]
        verbose_name = _("opponent")
        verbose_name_plural = _("opposition")

    def __str__(self) -> str:
        return self.name


from .models_documents import CampaignDocument, MeetingRoles, StepDocument  # noqa: E402, F401
from .models_letters import Letter  # noqa: E402, F401
