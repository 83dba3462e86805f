"""The directory's counts, kept in the database so they cost the same at any size.

How many leaders each visibility has (and organizations each kind), per state, located on the
map or not, is kept in `Tally` by PostgreSQL triggers (migration 0016): every statement that
inserts, updates, deletes or truncates leaders or organizations appends its net change per
tally to `TallyChange` in its own transaction, whichever path wrote it (forms, admin, imports,
merges, the seeders' bulk inserts, `.update()`, cascades). So a count is exact the moment the
change commits, with every cache down.

Why changes are appended rather than added in place: adding in place locks the tally row until
commit, so an import of 10,000 leaders (one transaction) would make every sign-up in the
network wait for it, and two such imports could deadlock. Appending takes no lock any other
writer waits for. The fold (`tallies_fold`, every minute from the beat) moves the changes into
`Tally` in one transaction, so a reader sees either the changes or their sum, never both and
never neither; readers add the two (`tallies_read`), a few hundred rows at most.

`tallies_repair` (nightly, and `manage.py directory_tallies --repair`) recounts from the tables
under a lock that keeps writers out for the recount and reports any drift it corrects.

Audiences: a count for `user` adds the visibilities `visibilities_seen_by(user)` admits, the
same function `Leader.objects.visible_to` filters by, so nobody is shown a count that includes
profiles they may not see. On SQLite (no triggers) `tallies_read` answers None and callers
count live.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from .models import Leader, Organization, Tally, TallyChange

LEADER = Tally.Subject.LEADER.value
ORGANIZATION = Tally.Subject.ORGANIZATION.value
LOCATED = "(latitude IS NOT NULL AND longitude IS NOT NULL)"
# Serializes folds and repairs with each other (never with writers or readers).
FOLD_LOCK = 84_011_601

Key = tuple[str, str, str, bool]  # subject, facet, state, located


@dataclass(frozen=True)
class Tallies:
    """One consistent reading of every tally."""

    counts: dict[Key, int]

    def count(
        self,
        *,
        subject: str,
        facets: Iterable[str] | None = None,
        state: str | None = None,
        located: bool | None = None,
    ) -> int:
        """The sum over the tallies that match; `facets` None for every facet."""
        wanted = None if facets is None else set(facets)
        return sum(
            number
            for (row_subject, facet, row_state, row_located), number in self.counts.items()
            if row_subject == subject
            and (wanted is None or facet in wanted)
            and (state is None or row_state == state)
            and (located is None or row_located == located)
        )

    def by_state(
        self, *, subject: str, facets: Iterable[str] | None = None, located: bool | None = None
    ) -> dict[str, int]:
        """{state: count} for states with a non-zero count ("" is a place without a state)."""
        wanted = None if facets is None else set(facets)
        states: dict[str, int] = defaultdict(int)
        for (row_subject, facet, state, row_located), number in self.counts.items():
            if row_subject != subject or (wanted is not None and facet not in wanted):
                continue
            if located is None or row_located == located:
                states[state] += number
        return {state: number for state, number in states.items() if number}

    def by_facet(self, *, subject: str) -> dict[str, int]:
        facets: dict[str, int] = defaultdict(int)
        for (row_subject, facet, _state, _located), number in self.counts.items():
            if row_subject == subject:
                facets[facet] += number
        return {facet: number for facet, number in facets.items() if number}


def tallies_kept() -> bool:
    """Whether the database keeps tallies (PostgreSQL, where the triggers are)."""
    return connection.vendor == "postgresql"


def _table(model) -> str:
    return model._meta.db_table


def tallies_read() -> Tallies | None:
    """Every tally with the changes not yet folded, in one query; None where none are kept."""
    if not tallies_kept():
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT subject, facet, state, located, sum(n) FROM (
                SELECT subject, facet, state, located, count AS n FROM {_table(Tally)}
                UNION ALL
                SELECT subject, facet, state, located, delta FROM {_table(TallyChange)}
            ) AS tallies GROUP BY 1, 2, 3, 4
            """
        )
        return Tallies(counts={tuple(row[:4]): int(row[4]) for row in cursor.fetchall()})


def tallies_fold() -> int:
    """Add the appended changes into the tallies and delete them; returns changes folded."""
    if not tallies_kept():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        # A change appended by a transaction still running is invisible to this DELETE and is
        # folded next time; the ORDER BY takes the tally rows' locks in one order.
        cursor.execute(
            f"""
            WITH moved AS (
                DELETE FROM {_table(TallyChange)}
                RETURNING subject, facet, state, located, delta
            ), folded AS (
                INSERT INTO {_table(Tally)} (subject, facet, state, located, count)
                SELECT subject, facet, state, located, sum(delta) FROM moved
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (subject, facet, state, located)
                DO UPDATE SET count = {_table(Tally)}.count + EXCLUDED.count
            )
            SELECT count(*) FROM moved
            """
        )
        return int(cursor.fetchone()[0])


def _recount(cursor) -> dict[Key, int]:
    cursor.execute(
        f"""
        SELECT 'leader', visibility, state, {LOCATED}, count(*) FROM {_table(Leader)}
        GROUP BY 2, 3, 4
        UNION ALL
        SELECT 'organization', kind, state, {LOCATED}, count(*) FROM {_table(Organization)}
        GROUP BY 2, 3, 4
        """
    )
    return {tuple(row[:4]): int(row[4]) for row in cursor.fetchall()}


def tallies_recount() -> dict[Key, int]:
    """The counts from the tables themselves (what the tallies must equal), non-zero only."""
    with connection.cursor() as cursor:
        return _recount(cursor)


@dataclass(frozen=True)
class Drift:
    key: Key
    kept: int
    counted: int


def tallies_repair() -> list[Drift]:
    """Recount every tally from the tables and replace them; returns what was wrong.

    Writers wait for the recount (a SHARE lock on both tables, a second or so at 500,000
    leaders); readers do not."""
    if not tallies_kept():
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        cursor.execute(f"LOCK TABLE {_table(Leader)}, {_table(Organization)} IN SHARE MODE")
        kept = tallies_read()
        counted = _recount(cursor)
        assert kept is not None
        drift = [
            Drift(key=key, kept=kept.counts.get(key, 0), counted=counted.get(key, 0))
            for key in sorted(set(kept.counts) | set(counted))
            if kept.counts.get(key, 0) != counted.get(key, 0)
        ]
        cursor.execute(f"DELETE FROM {_table(TallyChange)}")
        cursor.execute(f"DELETE FROM {_table(Tally)}")
        Tally.objects.bulk_create(
            Tally(subject=subject, facet=facet, state=state, located=located, count=number)
            for (subject, facet, state, located), number in sorted(counted.items())
        )
        return drift
