"""manage.py import_zip_districts CSV [--state MA] [--dry-run]

The ZIP code fallback table (zip,chamber,district,share); see
campaigns/importers/zipdistricts.py. Districts must already exist. All or nothing; problems are
printed and the exit code is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.importers import ImportRejected
from campaigns.importers.base import state_code
from campaigns.importers.report import rejection_message, summary_lines
from campaigns.importers.zipdistricts import zip_districts_import


class Command(BaseCommand):
    help = "Import the ZIP code -> district shares of a state (the fallback of find my legislator)."

    def add_arguments(self, parser):
        parser.add_argument("csv", help="The CSV file: zip,chamber,district,share.")
        parser.add_argument("--state", default="MA", help="Two-letter state (default MA).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count; save nothing.")

    def handle(self, *args, csv, state="MA", dry_run=False, **options):
        path = Path(csv)
        try:
            code = state_code(state)
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            result = zip_districts_import(
                data=path.read_bytes(), state=code, actor=None, source=path.name, dry_run=dry_run
            )
        except ImportRejected as exc:
            raise CommandError(rejection_message(exc)) from None
        verbose = options.get("verbosity", 1) > 1
        for line in summary_lines(result, noun="ZIP code districts", verbose=verbose):
            self.stdout.write(line)
