"""Celery tasks of the directory: thin wrappers that reload rows and call one function."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def duplicates_check(kind: str, pk: int) -> int:
    """Flag likely duplicates of one saved leader or organization; returns pairs flagged."""
    from . import duplicates
    from .models import Leader, Organization

    if kind == "leader":
        leader = Leader.objects.select_related("user").filter(pk=pk).first()
        return len(duplicates.duplicates_find_for_leader(leader=leader)) if leader else 0
    organization = Organization.objects.filter(pk=pk).first()
    if not organization:
        return 0
    return len(duplicates.duplicates_find_for_organization(organization=organization))


@shared_task(acks_late=True)
def duplicates_check_many(kind: str, pks: list[int]) -> int:
    """Flag likely duplicates of the records an import wrote; returns pairs flagged."""
    return sum(duplicates_check(kind, pk) for pk in pks)


@shared_task(acks_late=True)
def duplicates_scan_all() -> int:
    """Nightly sweep over every leader and organization; idempotent (pairs are unique).

    Returns the number of pairs flagged for the first time.
    """
    from . import duplicates

    return duplicates.duplicates_scan_all()


@shared_task(acks_late=True)
def tallies_fold() -> int:
    """Fold the directory's appended tally changes into the tallies; returns changes folded."""
    from .tallies import tallies_fold

    return tallies_fold()


@shared_task(acks_late=True)
def tallies_repair() -> int:
    """Nightly recount of the directory's tallies; returns how many were wrong (and logs them)."""
    import logging

    from .tallies import tallies_repair

    drift = tallies_repair()
    for entry in drift:
        logging.getLogger(__name__).warning(
            "directory tally %s was %s, recounted %s", entry.key, entry.kept, entry.counted
        )
    return len(drift)
