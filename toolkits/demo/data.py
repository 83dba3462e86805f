"""What the demo library holds: six toolkits, their sections and documents (texts in texts/)."""

from __future__ import annotations

# (slug, title, kind, visibility, topic slugs, summary, [(section title, [(doc slug, title)])])
TOOLKITS = [
    (
        "constituent-meeting-action-kit",
        "Constituent meeting action kit",
        "action_guide",
        "public",
        ["voting-elections", "government-transparency"],
        "Everything a group of constituents needs to meet their legislator, make one clear ask "
        "and report the answer: the model, public pressure through letters and op-eds, a "
        "lobby-meeting training and the report checklist.",
        [
            ("The model", [("how-the-model-works", "How constituent meetings work")]),
            ("Public pressure", [("letters-and-op-eds", "Letters to the editor and op-eds")]),
            (
                "The meeting",
                [
                    ("lobby-meeting-training", "Lobby meeting training outline"),
                    ("meeting-report-checklist", "Meeting report checklist"),
                ],
            ),
        ],
    ),
    (
        "sanctuary-policy-issue-kit",
        "Sanctuary policy issue kit",
        "issue_kit",
        "public",
        ["immigration-daca", "policing-surveillance"],
        "For a local welcoming-city ordinance: what it usually contains, the arguments on both "
        "sides, outreach that protects affected residents, and the steps to a council vote.",
        [
            (
                "The issue",
                [("arguments", "Arguments for and against a sanctuary ordinance")],
            ),
            ("Organizing", [("community-outreach", "Reaching affected communities safely")]),
            ("The campaign", [("steps", "Steps to a sanctuary ordinance")]),
        ],
    ),
    (
        "surveillance-oversight-issue-kit",
        "Surveillance oversight issue kit",
        "issue_kit",
        "public",
        ["policing-surveillance", "government-transparency"],
        "Community control over police surveillance: council approval before any new "
        "surveillance technology, public use policies and a yearly report.",
        [
            ("The issue", [("arguments", "Arguments for and against surveillance oversight")]),
            ("Organizing", [("community-outreach", "Reaching the most watched neighbourhoods")]),
            ("The campaign", [("steps", "Steps to an oversight ordinance")]),
        ],
    ),
    (
        "police-body-cameras-issue-kit",
        "Police body cameras issue kit",
        "issue_kit",
        "public",
        ["policing-surveillance", "racial-justice"],
        "Body cameras only build accountability with the right rules: when they record, who "
        "sees the footage, how long it is kept. Arguments, outreach and campaign steps.",
        [
            ("The issue", [("arguments", "Arguments for and against body camera rules")]),
            ("Organizing", [("community-outreach", "Involving the people most affected")]),
            ("The campaign", [("steps", "Steps to a strong body camera policy")]),
        ],
    ),
    (
        "event-organizers-toolkit",
        "Event organizer's toolkit",
        "event_kit",
        "members",
        ["voting-elections"],
        "Templates reused from one convening to the next: a planning timeline, invitation and "
        "reminder messages, an agenda, a sign-in sheet, volunteer roles and a follow-up message.",
        [
            ("Start here", [("using-these-templates", "Using these templates")]),
            (
                "Before the event",
                [
                    ("planning-timeline", "Planning timeline"),
                    ("invitation-email", "Invitation email"),
                    ("reminder-message", "Reminder message"),
                    ("agenda-template", "Agenda template"),
                ],
            ),
            (
                "On the day and after",
                [
                    ("sign-in-sheet", "Sign-in sheet"),
                    ("volunteer-roles", "Volunteer roles"),
                    ("follow-up-message", "Follow-up message"),
                    ("dinner-invitation", "Follow-up dinner invitation"),
                    ("thank-you-note", "Thank-you note after a constituent meeting"),
                ],
            ),
        ],
    ),
    (
        "voting-and-elections-kit",
        "Voting and elections kit",
        "electoral",
        "public",
        ["voting-elections"],
        "Nonpartisan voter registration drives, helping every voter make a plan, and the rules "
        "charities must follow in election season.",
        [
            (
                "Voters",
                [
                    ("registration-drives", "Running a voter registration drive"),
                    ("election-day-plan", "Helping voters make a plan"),
                ],
            ),
            ("Rules", [("nonpartisan-rules", "Staying nonpartisan")]),
        ],
    ),
]

# Documents that are templates, and the place whose merge fields they use (toolkits.merge).
TEMPLATES = {
    ("event-organizers-toolkit", "invitation-email"): "event_invitation",
    ("event-organizers-toolkit", "reminder-message"): "event_reminder",
    ("event-organizers-toolkit", "dinner-invitation"): "dinner_invitation",
    ("event-organizers-toolkit", "thank-you-note"): "thank_you",
}

# (toolkit slug, document slug, file name, description, maker name in files.py)
FILES = [
    (
        "constituent-meeting-action-kit",
        "lobby-meeting-training",
        "meeting-seating-plan.png",
        "Seating plan for a constituent meeting",
        "seating_plan_png",
    ),
    (
        "event-organizers-toolkit",
        "sign-in-sheet",
        "sign-in-sheet.pdf",
        "Printable sign-in sheet",
        "sign_in_sheet_pdf",
    ),
]
