"""Surveys: questions, the people asked (the audience), their one response each, the mails that
ask them, and the rollup counts the results pages read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.models import ChoiceLabelsMixin, Delivery
from actlocal.translated import spanish_char, spanish_text
from campaigns.models import Campaign
from directory.models import AreaLean, AreaType, Leader
from events.models import Event


class Survey(ChoiceLabelsMixin, models.Model):
    """A set of questions put to one audience between its opening and closing."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        EVENT_CHECKED_IN = "event_checked_in", _("People checked in at the event")
        EVENT_GOING = "event_going", _("Everyone going to the event")
        CAMPAIGN_MEMBERS = "campaign_members", _("Members of the campaign")
        LEADERS = "leaders", _("Network leaders matching a filter")

    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    intro_es = spanish_text(_("introduction in Spanish"))
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.LEADERS
    )
    # The event (or event kit) or campaign whose team owns the survey; none: a network survey.
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The filter of a LEADERS audience: {"state": "MA", "topic": slug, "area_type": ...,
    # "lean": ..., "role": slug}; empty keys match everyone.
    audience_filter = models.JSONField(_("audience filter"), default=dict, blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Nobody, not even staff exports, sees who gave which answer."),
    )
    # The invitation goes this long after the event ends (after opening, without an event),
    # the one reminder this many days after the invitation.
    send_after_hours = models.PositiveIntegerField(_("send hours after the event"), default=2)
    reminder_after_days = models.PositiveIntegerField(_("reminder after days"), default=3)
    published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    rollups_computed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped by every change the results show (counts, questions, settings, publishing): the
    # cached public report is keyed by it, so a change shows at once without invalidation.
    results_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(event__isnull=False) & Q(campaign__isnull=False)),
                name="survey_one_owner_team",
            ),
            # An event carries at most one survey: /events/<slug>/survey/ names it.
            models.UniqueConstraint(
                fields=["event"], condition=Q(event__isnull=False), name="survey_one_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and self.opens_at <= now
            and (self.closes_at is None or now < self.closes_at)
        )


class Question(models.Model):
    """One question; `page` groups questions for long surveys, `show_if_*` is the skip logic."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yes_no", _("Yes / no")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NEEDS = "needs", _("Which topics or resources do you need")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    page = models.PositiveSmallIntegerField(_("page"), default=1)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    label_es = spanish_char(_("question in Spanish"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    help_text_es = spanish_char(_("help text in Spanish"), max_length=300)
    required = models.BooleanField(_("required"), default=False)
    # Choices of SINGLE / MULTIPLE as [{"value": "housing", "label": "Housing"}, ...]; a choice
    # may carry "label_es", its label for Spanish readers (see Question.choices_shown).
    choices = models.JSONField(_("choices"), default=list, blank=True)
    allow_other = models.BooleanField(_("allow “other”"), default=False)
    scale_low_label = models.CharField(_("label of 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("label of 5"), max_length=60, blank=True)
    number_min = models.IntegerField(_("smallest number"), default=0)
    number_max = models.IntegerField(_("largest number"), default=1_000_000)
    # Shown only when that earlier question's answer is (or includes) show_if_value.
    show_if_question = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    show_if_value = models.CharField(_("show when the answer is"), max_length=100, blank=True)
    # A question reused across surveys (e.g. "top priority this year") shares a key: trends.
    trend_key = models.SlugField(_("trend key"), max_length=60, blank=True)

    class Meta:
        ordering = ["survey", "page", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def is_text(self) -> bool:
        return self.kind in (self.Kind.SHORT_TEXT, self.Kind.LONG_TEXT)


class SegmentCombination(models.Model):
    """One combination of coarse segments (area type, lean, state, role) some response is filed
    under. Responses share a few hundred of them, so the rebuild counts answers per combination
    and spreads each count over the combination's segments (services/rollups.py)."""

    area_type = models.CharField(max_length=10, choices=AreaType.choices, blank=True)
    area_lean = models.CharField(max_length=10, choices=AreaLean.choices, blank=True)
    state = models.CharField(max_length=2, blank=True)
    role = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("segment combination")
        verbose_name_plural = _("segment combinations")
        constraints = [
            models.UniqueConstraint(
                fields=["area_type", "area_lean", "state", "role"], name="segment_combination_once"
            ),
        ]

    def __str__(self) -> str:
        return "/".join([self.area_type, self.area_lean, self.state, self.role])


class SegmentCity(models.Model):
    """A city (or "" when not known) some response is filed under, counted like a combination."""

    name = models.CharField(max_length=110, blank=True, unique=True)

    class Meta:
        verbose_name = _("segment city")
        verbose_name_plural = _("segment cities")

    def __str__(self) -> str:
        return self.name


class Response(models.Model):
    """One person's answers to one survey, filed under their segments when they first answered.

    The leader is kept for anonymous surveys too (it is what makes one response per person),
    but no page or export shows it for them.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="survey_responses")
    area_type = models.CharField(max_length=10, choices=AreaType.choices, blank=True)
    area_lean = models.CharField(max_length=10, choices=AreaLean.choices, blank=True)
    state = models.CharField(max_length=2, blank=True)
    city = models.CharField(max_length=110, blank=True)
    role = models.CharField(max_length=60, blank=True)
    # The same filing as the columns above, as the rows the rebuild groups by (services/filing.py).
    combination = models.ForeignKey(SegmentCombination, on_delete=models.PROTECT, related_name="+")
    segment_city = models.ForeignKey(SegmentCity, on_delete=models.PROTECT, related_name="+")
    last_page = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # Whether the rollups count this response as a respondent (see services/rollups.py).
    counted = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "leader"], name="response_one_per_person"),
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.pk}"


# The answer rows the rollups count: live, of a submitted (so filed) response.
FILED = Q(superseded_at=None, combination__isnull=False)


class Answer(models.Model):
    """One answer value: one row per chosen option (several for multiple choice).

    Rows are never edited: a changed answer supersedes the old row, which the rollup task
    subtracts (if it had counted it) and deletes. `counted` says the rollups include this row.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # The option (choice value, "1".."5", "yes"/"no", a topic slug, "other"); "" for number/text.
    choice = models.CharField(max_length=100, blank=True)
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=5000)
    superseded_at = models.DateTimeField(null=True, blank=True)
    counted = models.BooleanField(default=False, editable=False)
    # The response's filing, copied here once it is submitted (None while it is a draft), and
    # True on one live row per response and question: the rebuild counts cells and a question's
    # respondents from this table alone, without joining 100,000 responses (services/filing.py).
    combination = models.ForeignKey(
        SegmentCombination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        editable=False,
    )
    segment_city = models.ForeignKey(
        SegmentCity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        editable=False,
    )
    respondent_row = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(superseded_at=None),
                name="answer_once_per_choice",
            ),
        ]
        indexes = [
            models.Index(fields=["question", "choice"]),
            # The rebuild's marks touch only rows not yet counted or superseded: small partial
            # indexes find them without reading every answer of the survey.
            models.Index(
                fields=["response"], condition=Q(counted=False), name="answer_not_counted"
            ),
            models.Index(
                fields=["response"],
                condition=Q(superseded_at__isnull=False),
                name="answer_superseded",
            ),
            # The rebuild reads the counted rows of a survey's questions in these orders and
            # counts them as they come, from the index alone (services/rollups.py).
            models.Index(
                fields=["question", "combination", "choice", "respondent_row"],
                condition=FILED,
                name="answer_by_combination",
            ),
            models.Index(
                fields=["question", "segment_city", "choice", "respondent_row"],
                condition=FILED,
                name="answer_by_city",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.choice or self.number or '…'}"


class SurveyRollup(models.Model):
    """A count of one cell: survey × question × choice × segment.

    question_key 0 with choice "" counts the survey's respondents; a question's key with
    choice "" counts that question's respondents (the denominator of its shares).
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="rollups")
    question_key = models.PositiveIntegerField()
    choice = models.CharField(max_length=100, blank=True)
    segment_kind = models.CharField(max_length=12)
    segment_value = models.CharField(max_length=110, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("survey rollup")
        verbose_name_plural = _("survey rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question_key", "choice", "segment_kind", "segment_value"],
                name="rollup_one_per_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_key}/{self.choice}/{self.segment_kind}={self.segment_value}"


class LeanOverride(models.Model):
    """An organizer's correction of a leader's area lean where the profile gives none."""

    leader = models.OneToOneField(Leader, on_delete=models.CASCADE, related_name="lean_override")
    area_lean = models.CharField(_("area lean"), max_length=10, choices=AreaLean.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lean override")
        verbose_name_plural = _("lean overrides")

    def __str__(self) -> str:
        return f"{self.leader_id}: {self.area_lean}"


class SurveyDelivery(Delivery):
    """One survey mail (the invitation or the one reminder) to one person: unique, so once."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="deliveries")
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("survey mail")
        verbose_name_plural = _("survey mails")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "leader", "kind"], name="survey_mail_once_per_kind"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at=None, cancelled_at=None),
                name="surveydelivery_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.survey_id} → {self.leader_id}"
