"""manage.py import_precincts CSV [--state MA] [--dry-run]

The precinct crosswalk (city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council); see
campaigns/importers/crosswalk.py. Import the officials first: State House and Senate district
names must match existing districts. All or nothing; problems are printed and the exit code is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.importers import ImportRejected
from campaigns.importers.base import state_code
from campaigns.importers.crosswalk import precincts_import
from campaigns.importers.report import rejection_message, summary_lines


class Command(BaseCommand):
    help = "Import the precinct -> district crosswalk of a state."

    def add_arguments(self, parser):
        parser.add_argument("csv", help="The crosswalk CSV file.")
        parser.add_argument("--state", default="MA", help="Two-letter state (default MA).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count; save nothing.")

    def handle(self, *args, csv, state="MA", dry_run=False, **options):
        path = Path(csv)
        try:
            code = state_code(state)
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            result = precincts_import(
                data=path.read_bytes(), state=code, actor=None, source=path.name, dry_run=dry_run
            )
        except ImportRejected as exc:
            raise CommandError(rejection_message(exc)) from None
        verbose = options.get("verbosity", 1) > 1
        for line in summary_lines(result, noun="Cities and towns", verbose=verbose):
            self.stdout.write(line)
