"""The demo's government: the Massachusetts House and Senate, Springfield's City Council, their
districts and invented officials, a precinct crosswalk for four towns and a few ZIP fallbacks.

Existing rows are reused: a House imported from Open States keeps its people, and the demo only
adds districts and officials that are missing (matched by normalized district name).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from directory.models import Leader

from ..models import Body, District, DistrictArea, Official, ZipDistrict
from ..normalize import district_key, municipality_key
from .data import (
    AT_LARGE,
    COUNCIL_AT_LARGE,
    COUNCIL_WARDS,
    OFFICIAL_FAMILY,
    OFFICIAL_GIVEN,
    PARTIES,
    SENATE_DISTRICTS,
    ZIP_FALLBACKS,
    crosswalk,
    house_districts,
)

STATE = "MA"
COUNCIL_TOWN = "Springfield"
OCD_STATE = "ocd-division/country:us/state:ma"
_OCD_UNSAFE = re.compile(r"[^a-z0-9_.~-]")


@dataclass
class Government:
    house: Body
    senate: Body
    council: Body
    # name_key -> district, per body
    districts: dict[int, dict[str, District]] = field(default_factory=dict)
    # district pk -> its current officials
    officials: dict[int, list[Official]] = field(default_factory=lambda: defaultdict(list))
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def district(self, body: Body, name: str) -> District:
        return self.districts[body.pk][district_key(name)]


@dataclass(frozen=True)
class _Seat:
    """How one body's demo officials are made up."""

    prefix: str  # "rep", "sen", "councilor": the start of their office e-mail
    domain: str
    area_codes: tuple[str, ...]
    office: str
    term_start: date


HOUSE_SEAT = _Seat(
    "rep",
    "house.ma.example",
    ("617", "857", "339"),
    "State House, Room {room}, Boston, MA 02133",
    date(2025, 1, 1),
)
SENATE_SEAT = _Seat(
    "sen",
    "senate.ma.example",
    ("781",),
    "State House, Room {room}, Boston, MA 02133",
    date(2025, 1, 1),
)
COUNCIL_SEAT = _Seat(
    "councilor",
    "council.springfield.example",
    ("413",),
    "City Hall, Room {room}, Springfield, MA 01103",
    date(2024, 1, 1),
)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def _body_ensure(*, kind: str, name: str, slug: str, gov: Government, **extra) -> Body:
    """The state chamber (one per state and kind, whatever it is called) or the local body."""
    lookup = {"state": STATE, "kind": kind, "municipality": extra.get("municipality", "")}
    body = Body.objects.filter(**lookup).order_by("pk").first()
    if body is None:
        taken = Body.objects.filter(slug=slug).exists()
        rest = {k: v for k, v in extra.items() if k != "municipality"}
        body = Body.objects.create(
            name=name, slug=f"{slug}-demo" if taken else slug, **lookup, **rest
        )
        gov.created["bodies"] += 1
    return body


def _state_ocd(part: str):
    """'7th Hampden' -> 'ocd-division/country:us/state:ma/sldl:7th_hampden' (for part sldl)."""
    return lambda name: f"{OCD_STATE}/{part}:{_OCD_UNSAFE.sub('', '_'.join(name.lower().split()))}"


def _ward_ocd(name: str) -> str | None:
    number = name.removeprefix("Ward ")
    return f"{OCD_STATE}/place:springfield/ward:{number}" if number.isdigit() else None


def _districts_ensure(body: Body, names: list[tuple[str, str]], ocd_for, gov: Government) -> None:
    known = {d.name_key: d for d in body.districts.all()}
    taken_ocd = set(District.objects.exclude(ocd_id=None).values_list("ocd_id", flat=True))
    new = []
    for name, region in names:
        key = district_key(name)
        if key in known:
            continue
        ocd = ocd_for(name)
        district = District(
            body=body,
            name=name,
            name_key=key,
            region=region,
            ocd_id=None if ocd in taken_ocd else ocd,
        )
        known[key] = district
        new.append(district)
    District.objects.bulk_create(new)
    gov.created["districts"] += len(new)
    gov.districts[body.pk] = known


class _Names:
    """Invented official names: distinct, and never the name of a leader in the directory."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used = set(Leader.objects.values_list("name", flat=True))
        self.used |= set(Official.objects.values_list("name", flat=True))
        self.slugs = set(Official.objects.values_list("slug", flat=True))
        # Digits of every phone already on file: an office never shares a leader's number.
        phones = Leader.objects.exclude(phone="").values_list("phone", flat=True)
        self.phones = {re.sub(r"\D", "", phone) for phone in phones}
        self.phones |= {
            re.sub(r"\D", "", phone)
            for phone in Official.objects.exclude(phone="").values_list("phone", flat=True)
        }

    def phone(self, area_codes: tuple[str, ...]) -> str:
        """The next free number of the 555-0100..0199 range kept for fiction."""
        for area in area_codes:
            for number in range(100, 200):
                digits = f"{area}5550{number}"
                if digits not in self.phones:
                    self.phones.add(digits)
                    return f"{area}-555-0{number}"
        return ""

    def draw(self) -> tuple[str, str, str, str]:
        while True:
            given = self.rng.choice(OFFICIAL_GIVEN)
            family = self.rng.choice(OFFICIAL_FAMILY)
            name = f"{given} {family}"
            if name not in self.used:
                break
        self.used.add(name)
        slug, n = slugify(name), 2
        while slug in self.slugs:
            slug, n = f"{slugify(name)}-{n}", n + 1
        self.slugs.add(slug)
        return name, given, family, slug


def _officials_ensure(
    body: Body,
    seat: _Seat,
    seats: list[District],
    names: _Names,
    gov: Government,
    *,
    parties: tuple = PARTIES,
) -> None:
    """One current official per seat (a district listed twice has two seats) where missing."""
    current: dict[int, list[Official]] = defaultdict(list)
    for official in Official.objects.current().filter(body=body).exclude(district=None):
        current[official.district_id].append(official)
    wanted = Counter(district.pk for district in seats)
    rng = names.rng
    new: list[Official] = []
    for district in dict.fromkeys(seats):
        for _seat in range(wanted[district.pk] - len(current[district.pk])):
            name, given, family, slug = names.draw()
            number = len(new)
            new.append(
                Official(
                    name=name,
                    given_name=given,
                    family_name=family,
                    slug=slug,
                    party=rng.choices([p for p, _w in parties], [w for _p, w in parties])[0],
                    body=body,
                    district=district,
                    email=f"{seat.prefix}.{_ascii(given)}.{_ascii(family)}@{seat.domain}",
                    phone=names.phone(seat.area_codes),
                    office_address=seat.office.format(room=100 + number),
                    term_start=seat.term_start,
                )
            )
    Official.objects.bulk_create(new)
    gov.created["officials"] += len(new)
    for official in new:
        current[official.district_id].append(official)
    gov.officials.update(current)


def _crosswalk_ensure(gov: Government) -> None:
    rows = []
    for town, ward, precinct, house, senate in crosswalk():
        for body, name in ((gov.house, house), (gov.senate, senate)):
            rows.append(
                DistrictArea(
                    district=gov.district(body, name),
                    state=STATE,
                    municipality=town,
                    municipality_key=municipality_key(town),
                    ward=ward,
                    precinct=precinct,
                )
            )
    before = DistrictArea.objects.count()
    DistrictArea.objects.bulk_create(rows, ignore_conflicts=True)
    gov.created["precincts"] += DistrictArea.objects.count() - before


def _zip_fallbacks_ensure(gov: Government) -> None:
    rows = []
    for zip_code, house_shares, senate in ZIP_FALLBACKS:
        for name, share in house_shares:
            rows.append(
                ZipDistrict(district=gov.district(gov.house, name), zip_code=zip_code, share=share)
            )
        rows.append(ZipDistrict(district=gov.district(gov.senate, senate), zip_code=zip_code))
    before = ZipDistrict.objects.count()
    ZipDistrict.objects.bulk_create(rows, ignore_conflicts=True)
    gov.created["zip_codes"] += ZipDistrict.objects.count() - before


def government_ensure(*, rng: random.Random) -> Government:
    """The bodies, districts, officials, crosswalk and ZIP table the demo campaigns need."""
    gov = Government(house=None, senate=None, council=None)  # type: ignore[arg-type]
    gov.house = _body_ensure(
        kind=Body.Kind.STATE_LOWER,
        name="Massachusetts House of Representatives",
        slug="ma-house",
        gov=gov,
        seats=160,
        website="https://malegislature.example/house",
    )
    gov.senate = _body_ensure(
        kind=Body.Kind.STATE_UPPER,
        name="Massachusetts Senate",
        slug="ma-senate",
        gov=gov,
        seats=40,
        website="https://malegislature.example/senate",
    )
    gov.council = _body_ensure(
        kind=Body.Kind.CITY_COUNCIL,
        name="Springfield City Council",
        slug="springfield-city-council",
        gov=gov,
        municipality=COUNCIL_TOWN,
        form_of_government=Body.Government.MAYOR_COUNCIL,
        seats=COUNCIL_WARDS + COUNCIL_AT_LARGE,
        website="https://springfield.example/council",
    )
    _districts_ensure(gov.house, house_districts(), _state_ocd("sldl"), gov)
    _districts_ensure(gov.senate, list(SENATE_DISTRICTS), _state_ocd("sldu"), gov)
    wards = [(f"Ward {n}", COUNCIL_TOWN) for n in range(1, COUNCIL_WARDS + 1)]
    _districts_ensure(gov.council, [*wards, (AT_LARGE, COUNCIL_TOWN)], _ward_ocd, gov)

    names = _Names(rng)
    house = gov.districts[gov.house.pk]
    _officials_ensure(
        gov.house, HOUSE_SEAT, [house[district_key(n)] for n, _r in house_districts()], names, gov
    )
    senate = gov.districts[gov.senate.pk]
    _officials_ensure(
        gov.senate, SENATE_SEAT, [senate[district_key(n)] for n, _r in SENATE_DISTRICTS], names, gov
    )
    council = gov.districts[gov.council.pk]
    seats = [council[district_key(n)] for n, _r in wards] + [
        council[district_key(AT_LARGE)]
    ] * COUNCIL_AT_LARGE
    # Springfield's council is elected without party labels.
    _officials_ensure(gov.council, COUNCIL_SEAT, seats, names, gov, parties=(("", 1),))
    _crosswalk_ensure(gov)
    _zip_fallbacks_ensure(gov)
    return gov
