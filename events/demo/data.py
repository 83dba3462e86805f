"""What the demo events are: invented titles, agendas, questions and texts, and real places.

Every sentence here was written for this demo. Places use real ZIP codes from the directory
demo's cities, so the map, the "near ZIP" search and distances behave as with real events.
"""

from __future__ import annotations

from dataclasses import dataclass

from events.models import Event, Question
from events.models import Session as AgendaItem

CONVENING, TRAINING, MEETUP, DINNER = (
    Event.Kind.CONVENING,
    Event.Kind.TRAINING,
    Event.Kind.MEETUP,
    Event.Kind.DINNER,
)
PUBLIC, INVITE_ONLY = Event.Visibility.PUBLIC, Event.Visibility.INVITE_ONLY
DRAFT, PUBLISHED, CANCELLED, COMPLETED = (
    Event.Status.DRAFT,
    Event.Status.PUBLISHED,
    Event.Status.CANCELLED,
    Event.Status.COMPLETED,
)
DEFAULT_REMINDERS = (168, 24)  # 7 days and 1 day before: the schedule every event starts with
DINNER_REMINDERS = (48, 3)


@dataclass(frozen=True)
class AgendaLine:
    offset: int  # minutes after the event starts
    minutes: int
    kind: str
    title: str
    room: str
    facilitators: int
    description: str
    capacity: int | None = None  # a session people sign up for

    @property
    def signup_required(self) -> bool:
        return self.capacity is not None


@dataclass(frozen=True)
class QuestionLine:
    kind: str
    label: str
    choices: tuple[str, ...] = ()
    required: bool = False


MAPPING, ONE_ON_ONE = "Mapping power in your town", "The one-on-one conversation"

AGENDAS: dict[str, tuple[AgendaLine, ...]] = {
    "convening": (
        AgendaLine(
            0,
            30,
            AgendaItem.Kind.MEAL,
            "Coffee, breakfast and sign-in",
            "Lobby",
            0,
            "Pick up your name tag and the day's plan; breakfast waits on the tables.",
        ),
        AgendaLine(
            30,
            45,
            AgendaItem.Kind.PLENARY,
            "Welcome: what brought each of us here",
            "Main hall",
            2,
            "The hosts open the day, and each table trades the story that pulled its people "
            "into organizing.",
        ),
        AgendaLine(
            90,
            75,
            AgendaItem.Kind.WORKSHOP,
            MAPPING,
            "Room A",
            2,
            "Who decides, who moves the people who decide, and where your group already has "
            "friends. You leave with a one-page power map of your own town.",
            capacity=25,
        ),
        AgendaLine(
            90,
            75,
            AgendaItem.Kind.WORKSHOP,
            ONE_ON_ONE,
            "Room B",
            1,
            "Practice, in pairs, the thirty-minute conversation that turns an acquaintance "
            "into a teammate: listening for self-interest and asking for a next step.",
            capacity=25,
        ),
        AgendaLine(
            180,
            60,
            AgendaItem.Kind.MEAL,
            "Lunch, seated by issue",
            "Main hall",
            0,
            "Tables carry the name of an issue, so you can eat with people fighting the same "
            "fight in other towns.",
        ),
        AgendaLine(
            240,
            90,
            AgendaItem.Kind.TRAINING,
            "From a petition to a passed ordinance",
            "Main hall",
            2,
            "A walk through one local campaign from first meeting to final vote: the "
            "calendar, the count of votes, and the moments it nearly failed.",
        ),
        AgendaLine(
            345,
            60,
            AgendaItem.Kind.NETWORKING,
            "Regional circles",
            "Rooms A and B",
            1,
            "Small circles by county. Swap contacts, compare notes on local officials, and "
            "pick one thing to do together before the next gathering.",
        ),
        AgendaLine(
            420,
            60,
            AgendaItem.Kind.PLENARY,
            "Commitments and next steps",
            "Main hall",
            1,
            "Every circle reports one commitment. We close with dates for the follow-up dinners.",
        ),
    ),
    "dinner": (
        AgendaLine(
            0,
            150,
            AgendaItem.Kind.MEAL,
            "Dinner and conversation",
            "Private room",
            1,
            "A long table, a shared meal and one question per course about the work ahead.",
        ),
    ),
    # Each training gets its own outline: a generic one read oddly on every page it showed on.
    "testimony": (
        AgendaLine(
            0,
            40,
            AgendaItem.Kind.TRAINING,
            "How a hearing runs, and where the public fits in",
            "Meeting room",
            1,
            "Signing up to speak, the order of the agenda, what the clock means and what "
            "happens to written testimony after the meeting.",
        ),
        AgendaLine(
            40,
            50,
            AgendaItem.Kind.WORKSHOP,
            "Three minutes: drafting your testimony",
            "Meeting room",
            1,
            "Open with who you are and where you live, tell one story, make one ask. Everyone "
            "leaves with a first draft on paper.",
        ),
        AgendaLine(
            90,
            30,
            AgendaItem.Kind.WORKSHOP,
            "Practice at the microphone",
            "Meeting room",
            1,
            "Read your draft aloud with a timer running and get two pieces of feedback from the "
            "room.",
        ),
    ),
    "budget": (
        AgendaLine(
            0,
            45,
            AgendaItem.Kind.TRAINING,
            "The shape of a city budget",
            "Community room",
            1,
            "Operating and capital budgets, funds and departments, and the three tables that "
            "tell you most of the story.",
        ),
        AgendaLine(
            45,
            50,
            AgendaItem.Kind.WORKSHOP,
            "Find it yourself: this year's budget",
            "Community room",
            1,
            "In pairs, track one program from the summary down to its line items and compare it "
            "with last year's spending.",
        ),
        AgendaLine(
            95,
            25,
            AgendaItem.Kind.PLENARY,
            "Choosing what to ask for at the budget hearing",
            "Community room",
            1,
            "Which lines are worth a fight, and how to turn a number into a question for the "
            "council.",
        ),
    ),
    "kyr_trainers": (
        AgendaLine(
            0,
            45,
            AgendaItem.Kind.TRAINING,
            "The rights every session covers",
            "Main room",
            1,
            "At the door, on the street and at work: what people may refuse, what to say and "
            "what to write down afterwards.",
        ),
        AgendaLine(
            45,
            60,
            AgendaItem.Kind.WORKSHOP,
            "Leading a session: the trainer's guide",
            "Main room",
            1,
            "Walk through the session outline and the handouts in English and Spanish, and "
            "practise answering the hard questions participants ask.",
        ),
        AgendaLine(
            120,
            60,
            AgendaItem.Kind.WORKSHOP,
            "Teach-back in pairs",
            "Main room",
            1,
            "Each pair runs a ten-minute piece of the session for the group and plans where "
            "they will hold their first one.",
        ),
    ),
    "sick_leave": (
        AgendaLine(
            0,
            45,
            AgendaItem.Kind.TRAINING,
            "What the draft ordinance says",
            "Union hall",
            1,
            "Who earns paid sick time, how much, which employers are covered and who the draft "
            "still leaves out.",
        ),
        AgendaLine(
            45,
            45,
            AgendaItem.Kind.WORKSHOP,
            "Stories that move a council",
            "Union hall",
            1,
            "Small groups shape short stories about working while sick or losing pay to care "
            "for a child, ready for the committee hearing.",
        ),
        AgendaLine(
            90,
            30,
            AgendaItem.Kind.PLENARY,
            "Who we still need to meet",
            "Union hall",
            1,
            "The council members who have not said where they stand, and who in the room lives "
            "in their districts.",
        ),
    ),
}

QUESTIONS: dict[str, tuple[QuestionLine, ...]] = {
    "convening": (
        QuestionLine(
            Question.Kind.CHOICE,
            "Which morning workshop would you like to join?",
            (MAPPING, ONE_ON_ONE, "Undecided"),
            required=True,
        ),
        QuestionLine(Question.Kind.YES_NO, "Would you use free childcare on site?"),
        QuestionLine(Question.Kind.TEXT, "What is one local fight you want help with this year?"),
    ),
    "dinner": (
        QuestionLine(Question.Kind.YES_NO, "May we seat you with people from your own county?"),
    ),
    "testimony": (
        QuestionLine(Question.Kind.TEXT, "Which hearing or meeting are you getting ready for?"),
    ),
    "budget": (
        QuestionLine(Question.Kind.TEXT, "Which budget would you most like to understand?"),
        QuestionLine(Question.Kind.YES_NO, "Will you bring a laptop?"),
    ),
    "kyr_trainers": (
        QuestionLine(
            Question.Kind.CHOICE,
            "Where would you hold your first session?",
            ("A congregation", "A school", "A workplace", "Somewhere else"),
            required=True,
        ),
        QuestionLine(Question.Kind.YES_NO, "Could you lead a session in Spanish?"),
    ),
    "sick_leave": (
        QuestionLine(
            Question.Kind.YES_NO,
            "Would you share a story about working while sick at the committee hearing?",
        ),
    ),
}

LOCAL_FIGHTS = (
    "Keeping our branch library open on Saturdays",
    "A tenant association for our building",
    "A safe crosswalk by the elementary school",
    "A polling place on the community college campus",
    "Public comment at the water board",
    "Paid sick days for city contractors",
    "Bus service that runs past 9 pm",
    "A civilian review board with real subpoena power",
)
BUDGETS = (
    "My city's general fund",
    "The school district's budget",
    "The parks and recreation department",
    "Police overtime",
)
HEARINGS = (
    "The city council's budget hearing",
    "A zoning board meeting about new housing",
    "The school committee's public comment night",
    "A state house committee hearing",
)
ACCESSIBILITY_NEEDS = (
    "Step-free entrance and seating, please.",
    "ASL interpretation for the plenary sessions.",
    "Large-print copies of the handouts.",
    "I use a hearing loop if the room has one.",
    "A quiet room to step away to during breaks.",
)
DIETARY_NEEDS = (
    "Vegetarian",
    "Vegan",
    "Gluten-free",
    "Halal",
    "Kosher",
    "Nut allergy",
    "Dairy-free",
    "No pork",
)

# What a text answer of each question set may say (the demo's RSVPs).
TEXT_ANSWERS = {"convening": LOCAL_FIGHTS, "testimony": HEARINGS, "budget": BUDGETS}


@dataclass(frozen=True)
class Texts:
    invitation: str
    confirmation: str
    reminder: str


# The invitation, confirmation and reminder words of each kind of event: a training is not
# told about lunch, nor a coffee hour about a dinner table.
TEXTS: dict[str, Texts] = {
    CONVENING: Texts(
        invitation="We are bringing together people who organize in their own towns for a day "
        "of learning from each other, and we would love for you to be in the room. Seats are "
        "limited, so please answer soon.",
        confirmation="You are on the list. Bring a question you are stuck on and comfortable "
        "shoes; we provide the rest, lunch included.",
        reminder="A short reminder that the convening is coming up. If your plans have "
        "changed, use the link below to free your seat for someone on the waitlist.",
    ),
    DINNER: Texts(
        invitation="A small dinner for people who met at the convening, to keep the "
        "conversation going. There are only a few seats at the table.",
        confirmation="Your seat at the table is saved. Tell us about any food you cannot eat "
        "and we will let the kitchen know.",
        reminder="Dinner is coming up. If you can no longer come, please free your seat with "
        "the link below so someone else can take it.",
    ),
    TRAINING: Texts(
        invitation="A hands-on training with practice built in, for anyone who wants to put "
        "the skill to work in their own town. Seats are limited.",
        confirmation="You are registered. Bring something to write with; the handouts are on us.",
        reminder="The training is coming up. If your plans have changed, use the link below "
        "to give your seat to someone on the waitlist.",
    ),
    MEETUP: Texts(
        invitation="An informal get-together for people organizing nearby. Come as you are, "
        "bring a friend.",
        confirmation="See you there. No preparation needed; just bring what you are working on.",
        reminder="A reminder that we meet soon. If you cannot make it, let us know with the "
        "link below.",
    ),
}


@dataclass(frozen=True)
class EventSpec:
    slug: str
    kind: str
    title: str
    description: str
    city: str
    state: str
    zip_code: str
    venue: str
    address: str
    time_zone: str
    days: int  # from today, in the event's time zone; negative: in the past
    start: str  # local "HH:MM"
    minutes: int
    capacity: int | None
    visibility: str
    status: str
    topics: tuple[str, ...]
    lead: str  # "organizer" (the demo login) or a team key of DemoEventPlanner.team
    agenda: str = ""
    questions: str = ""
    reminders: tuple[int, ...] = DEFAULT_REMINDERS
    parent: str = ""
    is_template: bool = False
    # A kit's note for organizers (never copied to its events); `description` stays public.
    kit_contents: str = ""


NY, CHI, DET = "America/New_York", "America/Chicago", "America/Detroit"

EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        "greater-boston-convening",
        CONVENING,
        "Greater Boston Organizing Convening",
        "A day for leaders from Boston's neighborhoods and the inner suburbs: workshops on "
        "power mapping and one-on-ones, a training on local ordinances, and time to meet the "
        "people doing the same work two towns over.",
        "Boston",
        "MA",
        "02118",
        "South End Community Hall",
        "120 Union Park Street",
        NY,
        24,
        "09:00",
        480,
        70,
        INVITE_ONLY,
        PUBLISHED,
        ("voting-elections", "housing"),
        "organizer",
        agenda="convening",
        questions="convening",
    ),
    EventSpec(
        "greater-boston-convening-dinner",
        DINNER,
        "Dinner after the Greater Boston Convening",
        "Fourteen seats, one long table: a dinner for convening participants who want to turn "
        "the day's introductions into working relationships.",
        "Boston",
        "MA",
        "02118",
        "The Long Table, private room",
        "18 Shawmut Avenue",
        NY,
        24,
        "18:00",
        150,
        14,
        INVITE_ONLY,
        PUBLISHED,
        ("housing",),
        "organizer",
        agenda="dinner",
        questions="dinner",
        reminders=DINNER_REMINDERS,
        parent="greater-boston-convening",
    ),
    EventSpec(
        "southeastern-pennsylvania-convening",
        CONVENING,
        "Southeastern Pennsylvania Convening",
        "Organizers from Philadelphia and the collar counties compare notes before the "
        "legislative session: what worked last year, who is new, and where to push next.",
        "Philadelphia",
        "PA",
        "19130",
        "Fairmount Neighborhood Center",
        "2301 Green Street",
        NY,
        38,
        "09:00",
        480,
        50,
        INVITE_ONLY,
        PUBLISHED,
        ("medicaid-expansion", "workers-rights"),
        "pa_lead",
        agenda="convening",
        questions="convening",
    ),
    EventSpec(
        "northeast-ohio-convening",
        CONVENING,
        "Northeast Ohio Convening",
        "A first regional gathering for leaders across Cuyahoga County: meet each other, "
        "learn two core skills, and choose a shared campaign for the year.",
        "Cleveland",
        "OH",
        "44106",
        "University Circle Meeting House",
        "11 Ford Drive",
        NY,
        52,
        "09:00",
        480,
        45,
        INVITE_ONLY,
        PUBLISHED,
        ("government-transparency", "racial-justice"),
        "organizer",
        agenda="convening",
        questions="convening",
    ),
    EventSpec(
        "central-massachusetts-convening",
        CONVENING,
        "Central Massachusetts Convening",
        "Leaders from Worcester County and the Pioneer Valley spent a day on power mapping, "
        "one-on-ones and the road from petition to ordinance.",
        "Worcester",
        "MA",
        "01610",
        "Main South Community Center",
        "905 Main Street",
        NY,
        -18,
        "09:00",
        480,
        40,
        INVITE_ONLY,
        COMPLETED,
        ("education", "housing"),
        "organizer",
        agenda="convening",
        questions="convening",
    ),
    EventSpec(
        "central-massachusetts-dinner",
        DINNER,
        "Follow-up dinner: Central Massachusetts",
        "For people who came to the Central Massachusetts Convening: a dinner to pick up the "
        "threads from the regional circles.",
        "Worcester",
        "MA",
        "01610",
        "Canal District Kitchen, back room",
        "40 Green Street",
        NY,
        11,
        "18:30",
        150,
        10,
        INVITE_ONLY,
        PUBLISHED,
        ("education",),
        "organizer",
        agenda="dinner",
        questions="dinner",
        reminders=DINNER_REMINDERS,
        parent="central-massachusetts-convening",
    ),
    EventSpec(
        "pittsburgh-public-testimony-training",
        TRAINING,
        "How to testify at a public hearing",
        "Three minutes at a microphone can move a vote. Learn how to sign up, what to say, "
        "what to leave out, and how to bring neighbors along.",
        "Pittsburgh",
        "PA",
        "15201",
        "Lawrenceville Library, meeting room",
        "279 Fisk Street",
        NY,
        16,
        "18:00",
        120,
        30,
        PUBLIC,
        PUBLISHED,
        ("government-transparency",),
        "organizer",
        agenda="testimony",
        questions="testimony",
    ),
    EventSpec(
        "madison-city-budget-training",
        TRAINING,
        "Reading a city budget in one evening",
        "Where the money goes, where to find it in a 600-page document, and which line items "
        "are worth a fight. Bring a laptop if you have one.",
        "Madison",
        "WI",
        "53703",
        "East Side Commons",
        "953 Jenifer Street",
        CHI,
        29,
        "18:30",
        120,
        25,
        PUBLIC,
        PUBLISHED,
        ("government-transparency", "education"),
        "wi_lead",
        agenda="budget",
        questions="budget",
    ),
    EventSpec(
        "detroit-know-your-rights-trainers",
        TRAINING,
        "Know-your-rights trainer workshop",
        "Become a trainer who can run know-your-rights sessions in your congregation, school "
        "or workplace. Small group, hands-on, materials in English and Spanish.",
        "Detroit",
        "MI",
        "48201",
        "Cass Corridor Community House",
        "3901 Second Avenue",
        DET,
        13,
        "10:00",
        180,
        12,
        PUBLIC,
        PUBLISHED,
        ("immigration-daca",),
        "mi_lead",
        agenda="kyr_trainers",
        questions="kyr_trainers",
    ),
    EventSpec(
        "atlanta-voter-registration-kickoff",
        MEETUP,
        "Voter registration drive kickoff",
        "Pick up clipboards and turf, learn the rules for third-party registration in Georgia, "
        "and head out in pairs. Open to everyone; no experience needed.",
        "Atlanta",
        "GA",
        "30303",
        "Sweet Auburn Neighborhood Hall",
        "248 Auburn Avenue",
        NY,
        9,
        "10:00",
        120,
        None,
        PUBLIC,
        PUBLISHED,
        ("voting-elections",),
        "ga_lead",
    ),
    EventSpec(
        "cambridge-organizers-coffee",
        MEETUP,
        "Organizers' coffee hour",
        "An informal hour for anyone organizing in Cambridge and Somerville. Bring what you are "
        "working on; leave with two new contacts.",
        "Cambridge",
        "MA",
        "02139",
        "Central Square Café, upstairs",
        "600 Massachusetts Avenue",
        NY,
        20,
        "08:30",
        90,
        20,
        PUBLIC,
        PUBLISHED,
        ("housing", "climate-environment"),
        "organizer",
    ),
    EventSpec(
        "buffalo-west-side-tenants-meetup",
        MEETUP,
        "West Side tenants' meetup",
        "Renters from the West Side compare leases, repairs and rent increases, and decide "
        "whether to form an association.",
        "Buffalo",
        "NY",
        "14201",
        "Grant Street Parish Hall",
        "72 Grant Street",
        NY,
        15,
        "18:00",
        90,
        25,
        PUBLIC,
        CANCELLED,
        ("housing",),
        "organizer",
    ),
    EventSpec(
        "columbus-paid-sick-leave-workshop",
        TRAINING,
        "Paid sick leave ordinance workshop",
        "A working session on the draft ordinance: what it covers, who it leaves out, and how "
        "to tell the stories that will carry it through council.",
        "Columbus",
        "OH",
        "43201",
        "Short North Union Hall",
        "50 East Third Avenue",
        NY,
        60,
        "18:00",
        120,
        35,
        PUBLIC,
        DRAFT,
        ("workers-rights",),
        "organizer",
        agenda="sick_leave",
        questions="sick_leave",
    ),
    EventSpec(
        "kit-one-day-convening",
        CONVENING,
        "One-day regional convening",
        "A day of workshops, a training and networking circles with leaders from across the "
        "region, with lunch together at midday and commitments to close.",
        "",
        "",
        "",
        "",
        "",
        NY,
        90,
        "09:00",
        480,
        60,
        INVITE_ONLY,
        DRAFT,
        (),
        "organizer",
        agenda="convening",
        questions="convening",
        is_template=True,
        kit_contents="Everything for a one-day convening: the agenda of workshops, a training "
        "and networking circles, the RSVP questions, the reminder schedule and the invitation "
        "texts. A follow-up dinner comes with it.",
    ),
    EventSpec(
        "kit-follow-up-dinner",
        DINNER,
        "Follow-up dinner",
        "A small dinner with people from the convening who want to keep working together.",
        "",
        "",
        "",
        "",
        "",
        NY,
        90,
        "18:00",
        150,
        12,
        INVITE_ONLY,
        DRAFT,
        (),
        "organizer",
        agenda="dinner",
        questions="dinner",
        reminders=DINNER_REMINDERS,
        parent="kit-one-day-convening",
        is_template=True,
        kit_contents="A small dinner a week or two after a convening, for people who came and "
        "want to keep working together: its agenda, questions and reminders.",
    ),
)

DEMO_EVENT_SLUGS = tuple(spec.slug for spec in EVENTS)
