"""The shared shape of the `manage.py import_*` commands that read one CSV for one state.

Exit status 0 when the file was imported (warnings are printed with the summary), 1 when it
was refused (every error is printed, nothing was written)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actlocal.importing import ImportRejected
from actlocal.importing.files import path_read

from .base import state_code
from .report import rejection_message, summary_lines


class StateCsvImportCommand(BaseCommand):
    """Subclasses set `importer` (a function taking data, state, actor, source, dry_run),
    `noun` (what the summary counts) and `csv_help`."""

    importer: Callable
    noun: str
    csv_help: str

    def add_arguments(self, parser):
        parser.add_argument("csv", help=self.csv_help)
        parser.add_argument("--state", default="MA", help="Two-letter state (default MA).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count; save nothing.")

    def handle(self, *args, csv, state="MA", dry_run=False, **options):
        path = Path(csv)
        try:
            code = state_code(state)
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            result = type(self).importer(
                data=path_read(path), state=code, actor=None, source=path.name, dry_run=dry_run
            )
        except ImportRejected as exc:
            raise CommandError(rejection_message(exc)) from None
        verbose = options.get("verbosity", 1) > 1
        for line in summary_lines(result, noun=self.noun, verbose=verbose):
            self.stdout.write(line)
