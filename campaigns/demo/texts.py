"""Words of the demo campaigns: asks, scripts, meeting notes, opposition; written for the demo."""

from __future__ import annotations

# --- The legislative campaign ----------------------------------------------------------------

LEGISLATIVE = {
    "slug": "open-committee-votes",
    "title": "Open committee votes in the Massachusetts House",
    "summary": (
        "Most bills in the Massachusetts House live or die in committee, and today nobody outside "
        "the room can see how each member voted. We are meeting every representative in their own "
        "district, with their own constituents, to ask for one change to the House rules: publish "
        "every committee member's vote online within two days.\n\n"
        "The scoreboard below shows who has said yes so far. It moves only when an organizer has "
        "checked a report against a meeting, a public statement or a recorded vote."
    ),
    "ask": (
        "Will you vote for a House rule that posts each committee member's vote online within "
        "48 hours of the vote?"
    ),
    "reference": "Proposed House Rule 10A",
    "meeting_goal": 120,
    "votes_needed": 81,
}

SCRIPTS = {
    "supports": (
        "Thank you for standing with us on open committee votes. People in our district noticed. "
        "Will you help us bring one more colleague on board before the rules debate?"
    ),
    "leaning_yes": (
        "You told us you like the idea of publishing committee votes. What would it take for you "
        "to commit publicly? We can bring neighbors to a follow-up meeting at your convenience."
    ),
    "undecided": (
        "I live in your district and I want to know how my representative votes in committee. "
        "Please commit to voting for the rule that posts every committee vote online within 48 "
        "hours."
    ),
    "leaning_no": (
        "We heard you have concerns about publishing committee votes. Could you tell us what they "
        "are? Other legislatures already publish these votes, and we would like to answer your "
        "questions."
    ),
    "opposes": (
        "I am disappointed that you oppose open committee votes. Your constituents deserve to know "
        "how you vote on the bills that never reach the floor. Please reconsider."
    ),
    "no_response": (
        "I am a constituent and I am asking for a short meeting about committee transparency. "
        "When can your office meet a few of us in the district?"
    ),
}

MEETING_PLACES = (
    "District office, second floor conference room",
    "Public library community room",
    "Coffee shop near the town common",
    "State House, member's office",
    "Senior center meeting room",
)

MEETING_NOTES = (
    "Bring the one-page summary and the list of states that already publish committee votes.",
    "Two of us will tell short stories about bills that stalled in committee last session.",
    "Ask for a date to follow up before the rules debate.",
    "The office asked us to keep it to twenty minutes.",
)

# answer -> (what they said, follow-up needed, follow-up)
REPORT_NOTES = {
    "supports": (
        "Said committee votes should have been public years ago and offered to co-sign a letter "
        "to the Speaker.",
        True,
        "Send the draft letter to the chief of staff this week.",
    ),
    "leaning_yes": (
        "Agreed in principle; wants to see how the rule handles votes taken by poll in the "
        "hallway.",
        True,
        "Share the one-page answer on informal polling.",
    ),
    "undecided": (
        "Listened closely, asked how other states do it, did not commit either way.",
        True,
        "Bring examples from two other states to a second meeting.",
    ),
    "leaning_no": (
        "Worried that members would stop speaking frankly in committee if every vote were posted.",
        True,
        "Ask a former committee chair who supports the rule to call the office.",
    ),
    "opposes": (
        "Said the current rules work well and that constituents can ask the office how the member "
        "voted.",
        False,
        "",
    ),
}

STATEMENT_NOTES = {
    "statement": "Said so during a public forum hosted by the local League chapter.",
    "vote": "Recorded vote on the rules amendment offered last session.",
    "questionnaire": "Answer to the campaign's candidate questionnaire, returned by the office.",
}
REJECTED_NOTE = "Heard secondhand from a staffer; no one at the meeting could confirm it."

# kind -> (title, outlet or "")
ACTIONS = (
    ("letter", "Our committees should not vote in the dark", "Pioneer Valley Ledger"),
    ("letter", "Ask your representative one question", "Merrimack Evening Courier"),
    ("op_ed", "Sunlight for the committee room", "Harbor City Gazette"),
    ("op_ed", "What I learned meeting my state representative", "Central Mass Weekly"),
    ("calls", "Call-in day to the State House", ""),
    ("rally", "Rally on the State House steps", ""),
    ("calls", "Calls after the district forum", ""),
    ("letter", "Committee votes are public business", "South Coast Tribune"),
)

# --- The local ordinance campaign ------------------------------------------------------------

ORDINANCE = {
    "slug": "springfield-surveillance-oversight",
    "title": "Community control over police surveillance in Springfield",
    "summary": (
        "Neighbors in Springfield learned about new license plate readers from a news story, after "
        "the contract was signed. This ordinance would require a public hearing and a City Council "
        "vote before any city department buys or uses surveillance technology, and a yearly report "
        "on how each tool is used.\n\n"
        "People from the neighborhoods most watched help lead this campaign, and local groups "
        "working on policing and privacy have joined the coalition."
    ),
    "ask": (
        "Will you sponsor and vote for an ordinance requiring a public hearing and Council "
        "approval before the city acquires or uses any surveillance technology?"
    ),
    "reference": "Proposed ordinance on surveillance technology oversight",
    "draft_text_url": "https://drafts.example.org/springfield/surveillance-oversight-ordinance",
    "meeting_goal": 30,
    "votes_needed": 7,
}

ORDINANCE_SCRIPTS = {
    "supports": "Thank you for backing the oversight ordinance. Will you speak at the hearing?",
    "undecided": (
        "I live in your ward. Before the city buys any more cameras or trackers, I want a public "
        "hearing and a Council vote. Will you support the oversight ordinance?"
    ),
    "no_response": "Could you meet a few residents of your ward about surveillance oversight?",
}

# Notes on the playbook steps, by position (1-based), with their status.
STEP_PROGRESS = {
    1: ("done", "Read the model ordinance and the police department's objections from 2019."),
    2: ("done", "Three local groups already track the camera contracts; all three joined."),
    3: ("done", "Residents of the North End and Mason Square lead the story-sharing sessions."),
    4: ("done", "Ordinances go to the Public Safety Committee first; seven votes pass one."),
    5: ("in_progress", "Public records request for the plate-reader contract is pending."),
    6: ("in_progress", "Two councillors have agreed to sponsor; one more would help."),
    7: ("in_progress", ""),
}

OPPONENTS = (
    (
        "organization",
        "Western Mass Public Safety Alliance",
        "Oversight would slow investigations and tell criminals which tools the police use.",
        "The ordinance allows emergency use without a vote; it asks for a hearing, not a ban, "
        "and a yearly report lists tools, not investigations.",
    ),
    (
        "organization",
        "Sentinel Vision Systems (camera vendor)",
        "Their cameras already meet state privacy law, so local rules add cost for nothing.",
        "State law does not say who may view the footage or for how long; residents should.",
    ),
    (
        "person",
        "",  # filled with the councillor who opposes
        "Says the Council lacks the expertise to judge technology purchases.",
        "The Council approves every other large contract; the ordinance funds an outside review.",
    ),
)

ORDINANCE_ACTIONS = (
    ("op_ed", "Who decides what the city watches?", "Pioneer Valley Ledger"),
    ("rally", "Neighbors at City Hall before the committee hearing", ""),
    ("calls", "Calls to ward councillors", ""),
)
