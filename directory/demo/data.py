"""Word lists and places the demo generator draws from: invented names, real cities and ZIPs."""

from __future__ import annotations

from dataclasses import dataclass

from directory.models import AreaLean, AreaType, Organization, Resource


@dataclass(frozen=True)
class City:
    name: str
    state: str
    area_type: str
    lean: str
    area_code: str
    zips: tuple[str, ...]
    weight: int = 1


U, S, R = AreaType.URBAN, AreaType.SUBURBAN, AreaType.RURAL
B, P, RED = AreaLean.BLUE, AreaLean.PURPLE, AreaLean.RED

# Real cities with real ZIP codes of each city. Massachusetts is weighted up so the benchmark's
# "state=MA" searches have plenty to find.
CITIES: tuple[City, ...] = (
    City("Boston", "MA", U, B, "617", ("02108", "02115", "02116", "02118", "02215"), 6),
    City("Cambridge", "MA", U, B, "617", ("02138", "02139", "02140", "02141"), 3),
    City("Worcester", "MA", U, B, "508", ("01602", "01603", "01605", "01607", "01610"), 3),
    City("Springfield", "MA", U, B, "413", ("01103", "01105", "01108", "01118"), 2),
    City("Lowell", "MA", U, B, "978", ("01850", "01851", "01852", "01854"), 2),
    City("New Bedford", "MA", U, P, "508", ("02740", "02744", "02745", "02746"), 2),
    City("Framingham", "MA", S, B, "508", ("01701", "01702"), 2),
    City("Newton", "MA", S, B, "617", ("02458",), 1),
    City("Pittsfield", "MA", R, B, "413", ("01201",), 1),
    City("Greenfield", "MA", R, B, "413", ("01301",), 1),
    City("Buffalo", "NY", U, B, "716", ("14201", "14206", "14211", "14215"), 2),
    City("Rochester", "NY", U, B, "585", ("14604", "14607", "14611", "14619"), 2),
    City("Albany", "NY", U, B, "518", ("12202", "12204", "12206", "12208"), 2),
    City("Yonkers", "NY", S, B, "914", ("10701", "10703", "10704", "10705"), 1),
    City("Oneonta", "NY", R, P, "607", ("13820",), 1),
    City("Philadelphia", "PA", U, B, "215", ("19102", "19121", "19130", "19138", "19146"), 3),
    City("Pittsburgh", "PA", U, B, "412", ("15201", "15208", "15216", "15233"), 2),
    City("Lancaster", "PA", S, P, "717", ("17601", "17602", "17603"), 1),
    City("Erie", "PA", U, P, "814", ("16501", "16503", "16505", "16507"), 1),
    City("Indiana", "PA", R, RED, "724", ("15701",), 1),
    City("Cleveland", "OH", U, B, "216", ("44102", "44106", "44112", "44119"), 2),
    City("Columbus", "OH", U, B, "614", ("43201", "43205", "43211", "43223"), 2),
    City("Dayton", "OH", U, P, "937", ("45402", "45406", "45416"), 1),
    City("Toledo", "OH", U, P, "419", ("43605", "43608", "43611", "43613"), 1),
    City("Athens", "OH", R, P, "740", ("45701",), 1),
    City("Detroit", "MI", U, B, "313", ("48201", "48206", "48211", "48217", "48224"), 2),
    City("Grand Rapids", "MI", U, P, "616", ("49503", "49505", "49507"), 1),
    City("Flint", "MI", U, B, "810", ("48502", "48503", "48504", "48505"), 1),
    City("Royal Oak", "MI", S, P, "248", ("48067", "48073"), 1),
    City("Marquette", "MI", R, P, "906", ("49855",), 1),
    City("Milwaukee", "WI", U, B, "414", ("53202", "53206", "53211", "53216"), 2),
    City("Madison", "WI", U, B, "608", ("53703", "53705", "53711", "53714"), 2),
    City("Green Bay", "WI", U, P, "920", ("54301", "54302", "54303"), 1),
    City("Waukesha", "WI", S, RED, "262", ("53186", "53188", "53189"), 1),
    City("Wausau", "WI", R, RED, "715", ("54401", "54403"), 1),
    City("Atlanta", "GA", U, B, "404", ("30303", "30309", "30316", "30349"), 3),
    City("Savannah", "GA", U, P, "912", ("31401", "31404", "31406"), 1),
    City("Macon", "GA", U, P, "478", ("31201", "31204", "31206"), 1),
    City("Marietta", "GA", S, P, "770", ("30060", "30062", "30066"), 1),
    City("Tifton", "GA", R, RED, "229", ("31793", "31794"), 1),
    City("Charlotte", "NC", U, P, "704", ("28202", "28207", "28213", "28226"), 2),
    City("Durham", "NC", U, B, "919", ("27701", "27703", "27704", "27707"), 2),
    City("Greensboro", "NC", U, P, "336", ("27401", "27403", "27406"), 1),
    City("Cary", "NC", S, P, "919", ("27511", "27513", "27518"), 1),
    City("Boone", "NC", R, RED, "828", ("28607",), 1),
    City("Phoenix", "AZ", U, P, "602", ("85003", "85013", "85021", "85031", "85040"), 3),
    City("Tucson", "AZ", U, B, "520", ("85701", "85710", "85715"), 2),
    City("Chandler", "AZ", S, P, "480", ("85224", "85225", "85226"), 1),
    City("Flagstaff", "AZ", R, P, "928", ("86001", "86004"), 1),
    City("Yuma", "AZ", R, RED, "928", ("85364", "85365"), 1),
    City("Houston", "TX", U, B, "713", ("77002", "77004", "77009", "77023", "77036"), 3),
    City("San Antonio", "TX", U, P, "210", ("78201", "78211", "78222", "78232"), 2),
    City("El Paso", "TX", U, B, "915", ("79901", "79904", "79915"), 2),
    City("Plano", "TX", S, RED, "972", ("75023", "75024", "75074"), 1),
    City("Alpine", "TX", R, RED, "432", ("79830",), 1),
    City("Denver", "CO", U, B, "303", ("80202", "80210", "80220", "80228"), 2),
    City("Aurora", "CO", S, P, "720", ("80010", "80011", "80013"), 1),
    City("Pueblo", "CO", U, P, "719", ("81001", "81003", "81004"), 1),
    City("Alamosa", "CO", R, P, "719", ("81101",), 1),
    City("Minneapolis", "MN", U, B, "612", ("55401", "55409", "55418"), 2),
    City("Saint Paul", "MN", U, B, "651", ("55101", "55104", "55106", "55117"), 2),
    City("Duluth", "MN", U, P, "218", ("55802", "55803", "55805"), 1),
    City("Ely", "MN", R, RED, "218", ("55731",), 1),
    City("Las Vegas", "NV", U, B, "702", ("89101", "89109", "89121", "89134"), 2),
    City("Henderson", "NV", S, P, "702", ("89002", "89012", "89015"), 1),
    City("Reno", "NV", U, P, "775", ("89501", "89503", "89512"), 1),
    City("Elko", "NV", R, RED, "775", ("89801",), 1),
    City("Des Moines", "IA", U, P, "515", ("50309", "50312", "50314", "50317"), 2),
    City("Iowa City", "IA", U, B, "319", ("52240", "52245", "52246"), 1),
    City("West Des Moines", "IA", S, P, "515", ("50265", "50266"), 1),
    City("Decorah", "IA", R, P, "563", ("52101",), 1),
    City("Albuquerque", "NM", U, B, "505", ("87102", "87105", "87108", "87111"), 2),
    City("Santa Fe", "NM", U, B, "505", ("87501", "87505", "87507"), 1),
    City("Rio Rancho", "NM", S, P, "505", ("87124", "87144"), 1),
    City("Silver City", "NM", R, P, "575", ("88061",), 1),
    City("Richmond", "VA", U, B, "804", ("23219", "23221", "23224", "23227"), 2),
    City("Norfolk", "VA", U, B, "757", ("23502", "23504", "23507", "23510"), 1),
    City("Arlington", "VA", S, B, "703", ("22201", "22202", "22204", "22206"), 1),
    City("Roanoke", "VA", U, P, "540", ("24011", "24012", "24014"), 1),
    City("Louisville", "KY", U, B, "502", ("40202", "40207", "40212", "40218"), 2),
    City("Lexington", "KY", U, P, "859", ("40502", "40504", "40507"), 1),
    City("Hazard", "KY", R, RED, "606", ("41701",), 1),
    City("Wichita", "KS", U, RED, "316", ("67202", "67206", "67211", "67215"), 1),
    City("Garden City", "KS", R, RED, "620", ("67846",), 1),
)

# Plain word lists keep 250 names readable; one name per line would triple the module.
FIRST_NAMES = (  # noqa: SIM905
    "Maria Aisha James José Mei David Fatima Michael Keisha Luis Priya Robert Ana Darnell Sofia "
    "Thomas Yesenia Kwame Linda Hiroshi Rosa Samuel Nadia Carlos Grace Tyrone Elena Minh "
    "Patricia Omar Hannah Jamal Lucia Daniel Amara Kevin Guadalupe Ahmed Rebecca Andre Mariana "
    "Joseph Imani Miguel Sarah Dmitri Latoya Raul Emily Kenji Teresa Marcus Leila Juan Deborah "
    "Tariq Alejandra William Naomi Ibrahim Carmen Jerome Yolanda Ruth Hector Esther Malik Isabel "
    "Christopher Ayana Francisco Megan Rashid Veronica Paul Shanice Diego Margaret Tomás Zainab "
    "Anthony Lorena Jin Brenda Andrés Monique Ricardo Kathleen Rahul Gabriela Eugene Adaeze Victor "
    "Wanda Arturo Joanne Yusuf Beatriz Curtis Mai Rafael Sharon Kofi Claudia Dennis Ernesto "
    "Patrice Valeria Gregory Nia Inés Renée Winona Tavita Oksana Bao"
).split()

LAST_NAMES = (  # noqa: SIM905
    "Garcia Johnson Nguyen Williams Rodriguez Smith Patel Brown Martinez Jones Kim Davis "
    "Hernandez Miller Chen Wilson Lopez Moore Gonzalez Taylor Anderson Perez Thomas Jackson "
    "Sanchez White Ramirez Harris Torres Clark Rivera Lewis Flores Robinson Walker Khan Young Diaz "
    "Allen Reyes King Morales Wright Ortiz Scott Cruz Green Gutierrez Baker Adams Okafor Nelson "
    "Mendoza Hill Castillo Campbell Vasquez Mitchell Romero Roberts Alvarez Carter Ruiz Phillips "
    "Jimenez Evans Medina Turner Aguilar Collins Herrera Parker Tran Edwards Morris Yazzie Murphy "
    "Cook Begay Rogers Abdullah Morgan Peterson Cooper Reed Bailey Bell Gomez Kelly Howard Ward "
    "Rahman Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster "
    "Mensah Hussein Sullivan Russell Le Park Ali Singh Haddad O'Brien Kowalski Nowak Schmidt "
    "Yamamoto Santos Silva Okonkwo Lindqvist"
).split()

# topic slug (from directory migration 0003) -> what people actually work on under it
TOPIC_SUBJECTS: dict[str, tuple[str, ...]] = {
    "voting-elections": (
        "voter registration",
        "poll worker recruitment",
        "early voting access",
        "election protection",
        "ballot measure education",
    ),
    "immigration-daca": ("DACA renewals", "know-your-rights trainings", "citizenship preparation"),
    "medicaid-expansion": ("Medicaid expansion", "health coverage enrollment", "community health"),
    "policing-surveillance": ("police accountability", "surveillance oversight", "civilian review"),
    "government-transparency": ("public records requests", "open meetings", "budget transparency"),
    "climate-environment": ("clean energy", "climate resilience", "safe drinking water"),
    "housing": ("tenant organizing", "affordable housing", "eviction prevention"),
    "education": ("public school funding", "school board engagement", "adult literacy"),
    "workers-rights": ("wage theft", "paid sick leave", "worker centers"),
    "racial-justice": ("racial equity", "community healing", "fair sentencing"),
    "reproductive-rights": ("reproductive health access", "abortion rights", "maternal health"),
    "gun-safety": ("gun violence prevention", "safe storage", "violence interruption"),
}
TOPIC_SLUGS = tuple(TOPIC_SUBJECTS)
# Voting resources are what the network is asked for most; they get a double share.
RESOURCE_TOPIC_WEIGHTS = tuple(2 if slug == "voting-elections" else 1 for slug in TOPIC_SLUGS)

ROLE_WEIGHTS = {
    "community-organizer": 6,
    "grassroots-group-leader": 5,
    "faith-leader": 2,
    "student": 2,
    "labor": 2,
    "educator": 2,
    "nonprofit-staff": 2,
    "elected-official": 1,
    "small-business-owner": 1,
    "veteran": 1,
}

ANCHOR_NAMES = (
    "Common Table Organizing Network",
    "Homefront Democracy Project",
    "Lanternlight Civic Alliance",
    "Open Door Power Collective",
)
NATIONAL_NAMES = (
    "Neighbors Forward",
    "Ballot Builders",
    "Care Not Cuts Coalition",
    "Families Across Borders",
    "Main Street Democracy League",
    "Clean Water Commons",
    "Renters Rising",
    "Schools Before Stadiums",
    "Safe Streets Together",
    "Sunlight Budget Project",
    "Workers First Federation",
    "Young Voters Guild",
)
STATE_ORG_SUFFIXES = (
    "Voices for Working Families",
    "Immigrant Justice Alliance",
    "Votes Count Coalition",
    "Health Access Network",
    "Civic Engagement Table",
    "Housing Justice League",
)
PLACE_WORDS = (  # noqa: SIM905
    "Riverside|Eastside|Northgate|Hilltop|Lakeview|Southside|Cedar Grove|Harbor|Westend|Prairie|"
    "Maple Ridge|Mill Creek|Union Square|Oak Park|Bayview|Fairmount|Elmwood|Highland|Brookside|"
    "Greenway|Stonebridge|Parkside|Willow Bend|Crossroads|Old Town|Meadowbrook"
).split("|")
GROUP_NOUNS = ("Neighbors", "Residents", "Families", "Voters", "Tenants", "Parents")
GROUP_GOALS = (
    "for Change",
    "for Fair Housing",
    "for Clean Water",
    "for Safe Streets",
    "Together",
    "United",
    "for Good Schools",
    "Rising",
)
UNION_TRADES = (
    "Home Care",
    "Hotel and Restaurant",
    "Transit",
    "School Support Staff",
    "Nurses",
    "Warehouse",
    "Public Library",
    "Building Trades",
)
ROLE_TITLES = {
    Organization.Kind.CHAPTER: ("Chapter lead", "Co-chair", "Volunteer", "Data captain"),
    Organization.Kind.FAITH: ("Congregation member", "Social justice committee chair", "Clergy"),
    Organization.Kind.UNION: ("Member", "Shop steward", "Organizing committee"),
    Organization.Kind.LOCAL_GROUP: ("Founder", "Co-chair", "Member", "Volunteer coordinator"),
}
DEFAULT_ROLE_TITLES = ("Member", "Board member", "Organizer", "Volunteer", "Field coordinator")

BIO_OPENINGS = (
    "{first} has organized neighbors in {city} since {year}, starting with {subject}.",
    "Born and raised in {city}, {first} works on {subject} with congregations and local officials.",
    "{first} chairs a {subject} committee in {city} and runs monthly trainings for new volunteers.",
    "A retired {job} turned organizer, {first} knocks doors in {city} most weekends.",
    "{first} moved to {city} in {year} and started a {subject} group at the public library.",
)
BIO_CLOSINGS = (
    "Happy to share what worked and what did not.",
    "Looking for partners in nearby towns to run joint events.",
    "Speaks English and Spanish.",
    "Always recruiting precinct captains and drivers.",
    "Can help groups plan a first public meeting.",
    "",
)
JOBS = (
    "teacher",
    "nurse",
    "bus driver",
    "librarian",
    "machinist",
    "social worker",
    "postal worker",
)

RESOURCE_TITLES: dict[str, tuple[str, ...]] = {
    Resource.Kind.TOOLKIT: (
        "{Subject} toolkit for local groups",
        "Hosting a town hall on {subject}",
        "Door-to-door guide: {subject}",
    ),
    Resource.Kind.EXPERT: (
        "Policy advisor on {subject}",
        "Legal expert: {subject}",
        "Researcher on {subject}",
    ),
    Resource.Kind.SERVICE: (
        "Free clinic: {subject}",
        "Hotline for {subject} questions",
        "Interpreters for {subject} events",
    ),
    Resource.Kind.TRAINING: (
        "{Subject} organizing training",
        "Train-the-trainer: {subject}",
        "Webinar series on {subject}",
    ),
    Resource.Kind.CAMPAIGN: ("{place} campaign for {subject}", "Ordinance campaign: {subject}"),
    Resource.Kind.TOOL: (
        "{Subject} tracker spreadsheet",
        "Text-banking scripts: {subject}",
        "Turf map template for {subject}",
    ),
    Resource.Kind.FUNDING: (
        "Small grants for {subject}",
        "Rapid response fund: {subject}",
        "Mini-grants for {subject} projects",
    ),
}
RESOURCE_DESCRIPTIONS = {
    Resource.Kind.TOOLKIT: "{provider} wrote this toolkit for groups working on {subject}.",
    Resource.Kind.EXPERT: (
        "{provider} connects groups working on {subject} with an expert who answers questions "
        "and reviews plans."
    ),
    Resource.Kind.SERVICE: "{provider} offers this service to groups working on {subject}.",
    Resource.Kind.TRAINING: "{provider} runs this training for volunteers working on {subject}.",
    Resource.Kind.CAMPAIGN: "{provider} leads this campaign on {subject} and welcomes partners.",
    Resource.Kind.TOOL: "{provider} shares this tool with groups working on {subject}.",
    Resource.Kind.FUNDING: (
        "{provider} funds local projects on {subject}; applications are reviewed monthly."
    ),
}
# One more sentence per resource, fitting its kind (a grant is not "printable handouts").
# Five per kind: the seeded choice draws the same way for every kind.
RESOURCE_EXTRAS = {
    Resource.Kind.TOOLKIT: (
        "Available in English and Spanish.",
        "Includes printable handouts.",
        "Updated after each legislative session.",
        "Comes with sample agendas and sign-in sheets.",
        "Free for groups in the network.",
    ),
    Resource.Kind.EXPERT: (
        "Answers usually come within a week.",
        "Consultations are free for groups in the network.",
        "Ask about a call with your whole team.",
        "Spanish-speaking advisers are available.",
        "Reviews of draft testimony are welcome.",
    ),
    Resource.Kind.SERVICE: (
        "Free for groups in the network.",
        "Requests are answered within two business days.",
        "Available in English and Spanish.",
        "Ask about help on short notice before a hearing.",
        "Volunteers can also come to your meeting.",
    ),
    Resource.Kind.TRAINING: (
        "Available in English and Spanish.",
        "Includes printable handouts.",
        "Ask about a session for your group.",
        "Offered online and in person.",
        "Free for groups in the network.",
    ),
    Resource.Kind.CAMPAIGN: (
        "New partners are welcomed at the monthly call.",
        "Local groups can sign on in a few minutes.",
        "Talking points are shared with every partner.",
        "Ask about joining the steering committee.",
        "Updated after each legislative session.",
    ),
    Resource.Kind.TOOL: (
        "Free for groups in the network.",
        "Works on a phone as well as a computer.",
        "Available in English and Spanish.",
        "A short video shows how to get started.",
        "Your group's data stays with your group.",
    ),
    Resource.Kind.FUNDING: (
        "Grants range from $500 to $5,000.",
        "First-time applicants are encouraged.",
        "Applications can be submitted in Spanish.",
        "Groups without nonprofit status may apply with a fiscal sponsor.",
        "Decisions come within six weeks.",
    ),
}
ORG_DESCRIPTIONS = (
    "{name} brings together {who} in {place} to win on {subject}.",
    "Since {year}, {name} has trained {who} in {place} to organize around {subject}.",
    "{name} connects {who} across {place} who want to act on {subject}.",
)
ORG_WHO = ("neighbors", "renters and homeowners", "parents", "young people", "working families")
