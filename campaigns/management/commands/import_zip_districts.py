"""manage.py import_zip_districts CSV [--state MA] [--dry-run]

The ZIP code fallback table (zip,chamber,district,share); see
campaigns/importers/zipdistricts.py. Districts must already exist. All or nothing; problems are
printed and the exit code is 1.
"""

from campaigns.importers.command import StateCsvImportCommand
from campaigns.importers.zipdistricts import zip_districts_import


class Command(StateCsvImportCommand):
    help = "Import the ZIP code -> district shares of a state (the fallback of find my legislator)."
    importer = zip_districts_import
    noun = "ZIP code districts"
    csv_help = "The CSV file: zip,chamber,district,share."
