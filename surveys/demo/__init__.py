"""Invented surveys for `seed_demo`: a post-event survey of the past demo convening, answered by
most of those who checked in, and the network-wide priorities survey with a few thousand
generated responses (and last year's, for the trend).

The priorities survey's respondents are invented leaders seen only by organizers (no address,
no phone, not listed), spread over area types, leans and states so the results page, the
headline statements and the suppression all have something to show: a few states and the
rural-blue corner hold only a handful of people, so those cells are suppressed. Loading is all
or nothing (matched by the surveys' slugs); the rollups are rebuilt at the end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from actlocal.geo import zip_place
from actlocal.models import Topic, User
from directory.models import Leader, LeaderRole
from events.models import RSVP, Event

from ..lean_table import state_lean
from ..models import Answer, Question, Response, Survey
from ..services.filing import filings_bulk, survey_answers_file
from ..services.rollups import survey_rollups_rebuild

PAST_EVENT_SLUG = "central-massachusetts-convening"
POST_EVENT_SLUG = "central-massachusetts-convening-survey"
PRIORITIES_SLUG = "network-priorities-2026"
LAST_YEAR_SLUG = "network-priorities-2025"
DEMO_SURVEY_SLUGS = (POST_EVENT_SLUG, PRIORITIES_SLUG, LAST_YEAR_SLUG)
RESPONDENTS = 2400
SEED = 1010

# (state, weight): a few large states, and a tail small enough that its cells are suppressed.
STATES = [("TX", 14), ("CA", 12), ("GA", 10), ("OH", 9), ("MA", 9), ("PA", 8), ("MI", 7),
          ("NC", 7), ("AZ", 6), ("WI", 6), ("FL", 5), ("KS", 3), ("NM", 2), ("WY", 0.15),
          ("AK", 0.1)]  # fmt: skip
# Real ZIP codes per state (a city and a rural town), so respondents sit on real centroids.
ZIPS = {"TX": ["78701", "79830"], "CA": ["94110", "95988"], "GA": ["30303", "31501"],
        "OH": ["43215", "45601"], "MA": ["01608", "01370"], "PA": ["19104", "16801"],
        "MI": ["48201", "49783"], "NC": ["27601", "28904"], "AZ": ["85004", "86001"],
        "WI": ["53703", "54501"], "FL": ["33101", "32301"], "KS": ["66604", "67801"],
        "NM": ["87501", "88001"], "WY": ["82001", "82801"], "AK": ["99501", "99701"]}  # fmt: skip
AREA_TYPES = [("urban", 45), ("suburban", 33), ("rural", 22)]
PRIORITIES = [
    {"value": "housing", "label": "Affordable housing"},
    {"value": "health", "label": "Health care access"},
    {"value": "voting", "label": "Voting rights"},
    {"value": "immigration", "label": "Immigrant protections"},
    {"value": "policing", "label": "Public safety and policing"},
]
RESOURCES = [
    {"value": "training", "label": "Training for new leaders"},
    {"value": "legal", "label": "Legal help"},
    {"value": "data", "label": "Local data and research"},
    {"value": "funding", "label": "Small grants"},
    {"value": "media", "label": "Media and messaging support"},
]


@dataclass
class DemoSurveyCounts:
    surveys: int = 0
    responses: int = 0
    respondents_created: int = 0

    @property
    def total(self) -> int:
        return self.surveys + self.responses


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _questions(survey: Survey, specs: list[dict]) -> list[Question]:
    made = []
    for position, spec in enumerate(specs):
        made.append(Question.objects.create(survey=survey, position=position, **spec))
    return made


def _priorities_questions(survey: Survey) -> list[Question]:
    return _questions(
        survey,
        [
            {"kind": "single", "label": "What is your top priority this year?", "required": True,
             "choices": PRIORITIES, "allow_other": True, "trend_key": "top-priority"},
            {"kind": "yes_no", "label": "Are you already executing a plan for it?",
             "required": True},
            {"kind": "multiple", "label": "Which resources would help you win?",
             "choices": RESOURCES, "page": 2},
            {"kind": "needs", "label": "Which topics do you need help with?", "page": 2},
            {"kind": "scale", "label": "How confident are you about the year ahead?",
             "scale_low_label": "Not at all", "scale_high_label": "Very", "page": 2},
            {"kind": "number", "label": "How many people are active in your group?",
             "number_max": 10000, "page": 2},
            {"kind": "long_text", "label": "Anything else the network should know?", "page": 2},
        ],
    )  # fmt: skip


def _respondents(rng: random.Random, count: int) -> list[Leader]:
    """Invented respondents: organizers-only profiles on real ZIP codes, invented addresses."""
    start = Leader.objects.filter(slug__startswith="demo-respondent-").count()
    places = {
        state: [place for code in codes if (place := zip_place(code)) and place.state == state]
        for state, codes in ZIPS.items()
    }
    leaders = []
    for n in range(start, start + count):
        state = _pick(rng, [(s, w) for s, w in STATES if places[s]])
        place = rng.choice(places[state])
        area = _pick(rng, AREA_TYPES)
        # Most profiles leave the lean to the state table; some say it themselves.
        lean = rng.choice(["", "", "", "blue", "red", "purple"])
        if area == "rural" and (lean or state_lean(state)) == "blue" and rng.random() < 0.9:
            lean = "purple"  # keeps the rural-blue corner small, so it is suppressed
        leaders.append(
            Leader(
                name=f"Demo respondent {n + 1}",
                slug=f"demo-respondent-{n + 1}",
                email=f"respondent{n + 1}@example.org",
                state=state,
                city=place.city,
                zip_code=place.zip_code,
                latitude=place.lat,
                longitude=place.lng,
                area_type=area,
                area_lean=lean,
                visibility=Leader.Visibility.ORGANIZERS,
                source=Leader.Source.STAFF,
            )
        )
    return Leader.objects.bulk_create(leaders, batch_size=500)


def _answers(rng: random.Random, survey: Survey, questions: list[Question], leaders, topics, *,
             top_share: float) -> int:  # fmt: skip
    roles = dict(
        Leader.roles.through.objects.filter(leader__in=leaders).values_list(
            "leader_id", "leaderrole__slug"
        )
    )
    now = timezone.now()
    segments = [
        {
            "area_type": leader.area_type,
            "area_lean": leader.area_lean or state_lean(leader.state),
            "state": leader.state,
            "city": f"{leader.city}, {leader.state}" if leader.city else "",
            "role": roles.get(leader.pk, ""),
        }
        for leader in leaders
    ]
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                leader=leader,
                **fields,
                **filed,
                last_page=2,
                submitted_at=now - timedelta(minutes=rng.randint(10, 60 * 24 * 20)),
            )
            for leader, fields, filed in zip(leaders, segments, filings_bulk(segments), strict=True)
        ],
        batch_size=500,
    )
    rows = []
    priority, plan, helps, needs, confidence, size, comment = questions
    for response in responses:
        top = (
            "housing"
            if rng.random() < top_share
            else rng.choice(["health", "voting", "immigration", "policing", "other"])
        )
        rows.append(Answer(response=response, question=priority, choice=top,
                           text="Water quality" if top == "other" else ""))  # fmt: skip
        rows.append(Answer(response=response, question=plan,
                           choice="yes" if rng.random() < 0.96 else "no"))  # fmt: skip
        for option in rng.sample([r["value"] for r in RESOURCES], rng.randint(1, 3)):
            rows.append(Answer(response=response, question=helps, choice=option))
        if topics and rng.random() < 0.8:
            for slug in rng.sample(topics, rng.randint(1, min(2, len(topics)))):
                rows.append(Answer(response=response, question=needs, choice=slug))
        rows.append(Answer(response=response, question=confidence, choice=str(rng.randint(2, 5))))
        if rng.random() < 0.7:
            rows.append(Answer(response=response, question=size, number=rng.randint(3, 400)))
        if rng.random() < 0.1:
            rows.append(Answer(response=response, question=comment, text="More trainings, please."))
    Answer.objects.bulk_create(rows, batch_size=1000)
    survey_answers_file(survey_pk=survey.pk)
    return len(responses)


def _post_event(rng: random.Random, organizer: User | None, counts: DemoSurveyCounts) -> None:
    event = Event.objects.filter(slug=PAST_EVENT_SLUG).first()
    if event is None:
        return
    survey = Survey.objects.create(
        title=f"How was {event.title}?",
        slug=POST_EVENT_SLUG,
        intro="Five minutes to tell the organizers what worked and what you need next.",
        audience=Survey.Audience.EVENT_CHECKED_IN,
        event=event,
        status=Survey.Status.OPEN,
        opens_at=event.ends_at,
        closes_at=timezone.now() + timedelta(days=10),
        created_by=organizer,
    )
    useful, sessions, next_step, needs = _questions(
        survey,
        [
            {"kind": "scale", "label": "How useful was the convening for your work?",
             "required": True, "scale_low_label": "Not useful", "scale_high_label": "Very useful"},
            {"kind": "multiple", "label": "Which parts helped most?",
             "choices": [{"value": "workshops", "label": "Workshops"},
                         {"value": "trainings", "label": "Trainings"},
                         {"value": "networking", "label": "Meeting other leaders"}]},
            {"kind": "long_text", "label": "What will you do next?"},
            {"kind": "needs", "label": "Which topics do you need resources for?"},
        ],
    )  # fmt: skip
    came = list(
        Leader.objects.filter(
            rsvps__event=event, rsvps__status=RSVP.Status.GOING, rsvps__checked_in_at__isnull=False
        )
    )
    topics = list(Topic.objects.values_list("slug", flat=True))
    answering = [leader for leader in came if rng.random() < 0.7]
    segments = [
        {
            "area_type": leader.area_type,
            "area_lean": leader.area_lean or state_lean(leader.state),
            "state": leader.state,
            "city": f"{leader.city}, {leader.state}" if leader.city else "",
            "role": "",
        }
        for leader in answering
    ]
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                leader=leader,
                **fields,
                **filed,
                last_page=1,
                submitted_at=event.ends_at + timedelta(hours=rng.randint(3, 72)),
            )
            for leader, fields, filed in zip(
                answering, segments, filings_bulk(segments), strict=True
            )
        ]
    )
    rows = []
    for response in responses:
        rows.append(Answer(response=response, question=useful, choice=str(rng.randint(3, 5))))
        for part in rng.sample(["workshops", "trainings", "networking"], rng.randint(1, 2)):
            rows.append(Answer(response=response, question=sessions, choice=part))
        if topics:
            rows.append(Answer(response=response, question=needs, choice=rng.choice(topics)))
    Answer.objects.bulk_create(rows)
    survey_answers_file(survey_pk=survey.pk)
    survey_rollups_rebuild(survey_pk=survey.pk)
    counts.surveys += 1
    counts.responses += len(responses)


def demo_surveys_load(
    *, organizer: User | None, seed: int = SEED, respondents: int = RESPONDENTS
) -> DemoSurveyCounts:
    """Create the demo surveys unless they exist, with `respondents` invented people answering
    the network surveys; counts what was created."""
    counts = DemoSurveyCounts()
    if Survey.objects.filter(slug__in=DEMO_SURVEY_SLUGS).exists():
        return counts
    rng = random.Random(seed)
    with transaction.atomic():
        _post_event(rng, organizer, counts)
        topics = list(Topic.objects.values_list("slug", flat=True))
        leaders = _respondents(rng, respondents)
        roles = list(LeaderRole.objects.values_list("pk", flat=True))
        topic_pks = list(Topic.objects.values_list("pk", flat=True))
        if roles:
            Leader.roles.through.objects.bulk_create(
                [Leader.roles.through(leader_id=leader.pk, leaderrole_id=rng.choice(roles))
                 for leader in leaders],
                batch_size=1000,
            )  # fmt: skip
        if topic_pks:
            Leader.topics.through.objects.bulk_create(
                [Leader.topics.through(leader_id=leader.pk, topic_id=rng.choice(topic_pks))
                 for leader in leaders],
                batch_size=1000,
            )  # fmt: skip
        counts.respondents_created = len(leaders)
        now = timezone.now()
        for slug, title, share, people, opened in (
            (LAST_YEAR_SLUG, "Network priorities 2025", 0.64, leaders[:600], 400),
            (PRIORITIES_SLUG, "Network priorities 2026", 0.73, leaders, 30),
        ):
            survey = Survey.objects.create(
                title=title,
                slug=slug,
                intro="What is your top priority this year, and what would help you win?",
                audience=Survey.Audience.LEADERS,
                status=Survey.Status.CLOSED,
                opens_at=now - timedelta(days=opened),
                closes_at=now - timedelta(days=opened - 21),
                anonymous=True,
                published_at=now - timedelta(days=opened - 25) if slug == PRIORITIES_SLUG else None,
                created_by=organizer,
            )
            questions = _priorities_questions(survey)
            counts.responses += _answers(rng, survey, questions, people, topics, top_share=share)
            survey_rollups_rebuild(survey_pk=survey.pk)
            counts.surveys += 1
    return counts
