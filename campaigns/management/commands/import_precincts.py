"""manage.py import_precincts CSV [--state MA] [--dry-run]

The precinct crosswalk (city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council); see
campaigns/importers/crosswalk.py. Import the officials first: State House and Senate district
names must match existing districts. All or nothing; problems are printed and the exit code is 1.
"""

from campaigns.importers.command import StateCsvImportCommand
from campaigns.importers.crosswalk import precincts_import


class Command(StateCsvImportCommand):
    help = "Import the precinct -> district crosswalk of a state."
    importer = precincts_import
    noun = "Cities and towns"
    csv_help = "The crosswalk CSV file."
