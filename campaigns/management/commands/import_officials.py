"""manage.py import_officials PATH [--state MA] [--dry-run]

PATH is a directory of Open States per-person YAML files (e.g. people/data/ma/legislature), a
zip of them, one YAML file, or an Open States per-state CSV (ma.csv; the state comes from the
file name or --state). All or nothing: any error is printed and the command exits with 1;
warnings (optional values left out) are printed with the summary and it exits with 0.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.importers import ImportRejected
from campaigns.importers.officials import officials_import
from campaigns.importers.openstates import read_path
from campaigns.importers.report import rejection_message, summary_lines


class Command(BaseCommand):
    help = "Import state legislators from Open States people data (YAML directory or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A directory of YAML files, a zip, or a CSV file.")
        parser.add_argument("--state", help="Two-letter state of a CSV file (default: its name).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count; save nothing.")

    def handle(self, *args, path, state=None, dry_run=False, **options):
        source = Path(path)
        try:
            people = read_path(source, state=state)
            result = officials_import(
                people=people, actor=None, source=str(source), dry_run=dry_run
            )
        except ImportRejected as exc:
            raise CommandError(rejection_message(exc)) from None
        verbose = options.get("verbosity", 1) > 1
        for line in summary_lines(result, noun="Officials", verbose=verbose):
            self.stdout.write(line)
