"""The test government data: MA House and Senate members (Open States YAML), the precinct
crosswalk and the ZIP table in tests/campaigns/data/.

Abington is whole in one House and one Senate district; Brockton (wards 1 and 2) is split;
North Attleborough has no U.S. House or council data.
"""

from __future__ import annotations

from pathlib import Path

from campaigns.importers.crosswalk import precincts_import
from campaigns.importers.officials import officials_import
from campaigns.importers.openstates import read_path
from campaigns.importers.zipdistricts import zip_districts_import

DATA = Path(__file__).parent / "data"
YAML_DIR = DATA / "openstates" / "ma"
CSV_FILE = DATA / "ma.csv"
CROSSWALK = DATA / "crosswalk_ma.csv"
ZIPS = DATA / "zip_districts_ma.csv"


def load_government_data() -> None:
    officials_import(people=read_path(YAML_DIR), actor=None, source="test")
    precincts_import(data=CROSSWALK.read_bytes(), state="MA", actor=None, source="test")
    zip_districts_import(data=ZIPS.read_bytes(), state="MA", actor=None, source="test")
