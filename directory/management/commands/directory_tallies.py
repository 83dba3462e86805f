"""`manage.py directory_tallies`: compare the directory's tallies with a recount; `--repair`
replaces them with the recount (what the nightly task does), `--fold` folds pending changes."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory.tallies import (
    tallies_fold,
    tallies_kept,
    tallies_read,
    tallies_recount,
    tallies_repair,
)


class Command(BaseCommand):
    help = "Check the directory's tallies against a recount (--repair to fix, --fold to fold)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repair", action="store_true", help="Replace them by a recount.")
        parser.add_argument("--fold", action="store_true", help="Fold the appended changes.")

    def handle(self, *args, repair: bool, fold: bool, **options) -> None:
        if not tallies_kept():
            self.stdout.write("This database keeps no tallies (not PostgreSQL): counts are live.")
            return
        if fold:
            self.stdout.write(f"Folded {tallies_fold()} change(s).")
        if repair:
            drift = tallies_repair()
            for entry in drift:
                self.stdout.write(f"  {entry.key}: kept {entry.kept}, counted {entry.counted}")
            self.stdout.write(f"Recounted; {len(drift)} tally(ies) corrected.")
            return
        kept = tallies_read()
        assert kept is not None
        counted = tallies_recount()
        wrong = [
            key
            for key in sorted(set(kept.counts) | set(counted))
            if kept.counts.get(key, 0) != counted.get(key, 0)
        ]
        for key in wrong:
            self.stdout.write(
                f"  {key}: kept {kept.counts.get(key, 0)}, counted {counted.get(key, 0)}"
            )
        if wrong:
            raise CommandError(f"{len(wrong)} tally(ies) disagree with a recount; use --repair.")
        self.stdout.write("Every tally agrees with a recount.")
