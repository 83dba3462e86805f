"""Invented data for the demo campaigns: Massachusetts districts, a precinct crosswalk, texts.

District names follow the Massachusetts pattern (county plus ordinal, as Open States spells
them); officials, their contacts and every sentence here are made up for the demo. Office
e-mails use the reserved `.example` domain and phones the 555-01xx range kept for fiction.
"""

from __future__ import annotations

# --- Massachusetts House: 160 districts, "7th Hampden" style; region = county ----------------

HOUSE_COUNTIES = (
    ("Barnstable", 5),
    ("Berkshire", 3),
    ("Bristol", 14),
    ("Essex", 18),
    ("Franklin", 2),
    ("Hampden", 12),
    ("Hampshire", 3),
    ("Middlesex", 37),
    ("Norfolk", 15),
    ("Plymouth", 12),
    ("Suffolk", 19),
    ("Worcester", 19),
)
HOUSE_EXTRA = (("Barnstable, Dukes and Nantucket", "Barnstable"),)


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def house_districts() -> list[tuple[str, str]]:
    """(name, county) for the 160 House districts."""
    names = [
        (f"{ordinal(n)} {county}", county)
        for county, count in HOUSE_COUNTIES
        for n in range(1, count + 1)
    ]
    return names + list(HOUSE_EXTRA)


# --- Massachusetts Senate: 40 districts, spelled-out ordinals -------------------------------

SENATE_DISTRICTS = (
    ("Berkshire, Hampden, Franklin and Hampshire", "Berkshire"),
    ("Hampden", "Hampden"),
    ("Hampden and Hampshire", "Hampden"),
    ("Hampden, Hampshire and Worcester", "Hampden"),
    ("Hampshire, Franklin and Worcester", "Franklin"),
    ("First Worcester", "Worcester"),
    ("Second Worcester", "Worcester"),
    ("Worcester and Hampshire", "Worcester"),
    ("Worcester and Middlesex", "Worcester"),
    ("Middlesex and Worcester", "Middlesex"),
    ("First Middlesex", "Middlesex"),
    ("Second Middlesex", "Middlesex"),
    ("Third Middlesex", "Middlesex"),
    ("Fourth Middlesex", "Middlesex"),
    ("Fifth Middlesex", "Middlesex"),
    ("Norfolk and Middlesex", "Norfolk"),
    ("Second Middlesex and Norfolk", "Middlesex"),
    ("Middlesex and Suffolk", "Middlesex"),
    ("First Suffolk", "Suffolk"),
    ("Second Suffolk", "Suffolk"),
    ("Third Suffolk", "Suffolk"),
    ("Suffolk and Middlesex", "Suffolk"),
    ("First Essex", "Essex"),
    ("Second Essex", "Essex"),
    ("Third Essex", "Essex"),
    ("First Essex and Middlesex", "Essex"),
    ("Second Essex and Middlesex", "Essex"),
    ("Norfolk and Suffolk", "Norfolk"),
    ("Norfolk, Worcester and Middlesex", "Norfolk"),
    ("Norfolk and Plymouth", "Norfolk"),
    ("Bristol and Norfolk", "Bristol"),
    ("First Plymouth and Norfolk", "Plymouth"),
    ("Second Plymouth and Norfolk", "Plymouth"),
    ("Plymouth and Barnstable", "Plymouth"),
    ("First Bristol and Plymouth", "Bristol"),
    ("Second Bristol and Plymouth", "Bristol"),
    ("Third Bristol and Plymouth", "Bristol"),
    ("Cape and Islands", "Barnstable"),
    ("Worcester, Hampden, Hampshire and Middlesex", "Worcester"),
    ("Plymouth and Norfolk", "Plymouth"),
)

# --- Precinct crosswalk: which districts each precinct of a few towns lies in ----------------
# (town, ward -> (House district, Senate district), precincts per ward, per-precinct overrides)
# Springfield is split inside a ward (6A/6B vote with ward 3's representative); Greenfield has
# no wards and lies in one district of each chamber.

SPRINGFIELD_WARDS = {
    1: ("10th Hampden", "Hampden"),
    2: ("10th Hampden", "Hampden"),
    3: ("11th Hampden", "Hampden"),
    4: ("12th Hampden", "Hampden"),
    5: ("9th Hampden", "Hampden and Hampshire"),
    6: ("12th Hampden", "Hampden and Hampshire"),
    7: ("7th Hampden", "Hampden and Hampshire"),
    8: ("8th Hampden", "Hampden and Hampshire"),
}
SPRINGFIELD_SPLIT = {("6", "6A"): "11th Hampden", ("6", "6B"): "11th Hampden"}
WORCESTER_WARDS = {
    ward: (
        f"{ordinal(13 + (ward - 1) // 2)} Worcester",
        "First Worcester" if ward <= 5 else "Second Worcester",
    )
    for ward in range(1, 11)
}
BOSTON_WARDS = {
    3: ("8th Suffolk", "Third Suffolk"),
    4: ("9th Suffolk", "Second Suffolk"),
    5: ("8th Suffolk", "Third Suffolk"),
    8: ("9th Suffolk", "Second Suffolk"),
    9: ("7th Suffolk", "Second Suffolk"),
    21: ("18th Suffolk", "Suffolk and Middlesex"),
    22: ("18th Suffolk", "Suffolk and Middlesex"),
}
GREENFIELD = ("2nd Franklin", "Hampshire, Franklin and Worcester")


def crosswalk() -> list[tuple[str, str, str, str, str]]:
    """(town, ward, precinct, House district, Senate district) rows."""
    rows = []
    for ward, (house, senate) in SPRINGFIELD_WARDS.items():
        for letter in "ABCD":
            precinct = f"{ward}{letter}"
            rows.append(
                (
                    "Springfield",
                    str(ward),
                    precinct,
                    SPRINGFIELD_SPLIT.get((str(ward), precinct), house),
                    senate,
                )
            )
    for ward, (house, senate) in WORCESTER_WARDS.items():
        rows += [("Worcester", str(ward), str(p), house, senate) for p in range(1, 4)]
    for ward, (house, senate) in BOSTON_WARDS.items():
        rows += [("Boston", str(ward), str(p), house, senate) for p in range(1, 5)]
    rows += [("Greenfield", "", str(p), *GREENFIELD) for p in range(1, 10)]
    return rows


# ZIP code -> ((House district, share), ...), Senate district: the fallback for towns the
# crosswalk above does not cover.
ZIP_FALLBACKS = (
    ("02138", (("25th Middlesex", 0.6), ("26th Middlesex", 0.4)), "Middlesex and Suffolk"),
    ("02139", (("26th Middlesex", 1.0),), "Middlesex and Suffolk"),
    ("02140", (("24th Middlesex", 1.0),), "Middlesex and Suffolk"),
    ("02141", (("26th Middlesex", 1.0),), "Middlesex and Suffolk"),
    ("01850", (("16th Middlesex", 1.0),), "First Middlesex"),
    ("01851", (("17th Middlesex", 0.7), ("18th Middlesex", 0.3)), "First Middlesex"),
    ("01852", (("18th Middlesex", 1.0),), "First Middlesex"),
    ("01854", (("16th Middlesex", 1.0),), "First Middlesex"),
    ("02740", (("9th Bristol", 1.0),), "Second Bristol and Plymouth"),
    ("02744", (("10th Bristol", 1.0),), "Second Bristol and Plymouth"),
    ("02745", (("11th Bristol", 1.0),), "Second Bristol and Plymouth"),
    ("02746", (("13th Bristol", 1.0),), "Second Bristol and Plymouth"),
    ("01701", (("6th Middlesex", 0.7), ("7th Middlesex", 0.3)), "Middlesex and Worcester"),
    ("01702", (("6th Middlesex", 1.0),), "Middlesex and Worcester"),
    ("02458", (("11th Middlesex", 1.0),), "Norfolk and Middlesex"),
    ("01201", (("3rd Berkshire", 1.0),), "Berkshire, Hampden, Franklin and Hampshire"),
)

# --- Officials: invented people (name pools kept apart from the directory's) -----------------

OFFICIAL_GIVEN = (  # noqa: SIM905
    "Abigail Bernard Colleen Desmond Eileen Franklin Geraldine Harold Ingrid Jasper Kathryn "
    "Leonard Maureen Nathaniel Octavia Preston Rosalind Stanley Theodora Vincent Winifred "
    "Ambrose Bridget Cornelius Delphine Everett Felicity Gilbert Henrietta Ignatius Josephine "
    "Lucian Marguerite Norbert Philippa Quentin Rosamund Sylvester Tabitha Ulysses Viola Wendell"
).split()
OFFICIAL_FAMILY = (  # noqa: SIM905
    "Ashworth Baptiste Callahan Donnelly Ellsworth Fairbanks Gallagher Hathaway Iverson "
    "Jankowski Kavanagh Lindgren Mahoney Northcott Oliveira Pemberton Quinlan Rasmussen "
    "Sheridan Thibodeau Underhill Valente Whitcomb Yardley Abernathy Brennan Carvalho "
    "Delacroix Espinosa Fennelly Guthrie Halloran Igoe Keough Lachance Moriarty Nadeau "
    "O'Halloran Pacheco Rourke Sampaio Tierney Vautour Wexler"
).split()
# Weights of parties among the demo's legislators (they are invented; only the mix is real).
PARTIES = (("Democratic", 80), ("Republican", 17), ("Unenrolled", 3))

# --- Springfield City Council: mayor–council, 8 ward seats and 5 at large ---------------------

COUNCIL_WARDS = 8
COUNCIL_AT_LARGE = 5
AT_LARGE = "At large"
