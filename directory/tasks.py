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
def duplicates_scan_all() -> int:
    """Nightly sweep over every leader and organization; idempotent (pairs are unique).

    Returns the number of pairs flagged for the first time.
    """
    from . import duplicates

    return duplicates.duplicates_scan_all()


@shared_task(acks_late=True)
def contact_message_mail(message_id: int) -> bool:
    """Mail one relayed message; safe to run twice (the row is claimed before sending)."""
    from .services import contact_message_deliver

    return contact_message_deliver(message_id=message_id)


@shared_task(acks_late=True)
def contact_messages_retry_unsent() -> int:
    """Retry relayed messages the mail server refused earlier; returns how many went out."""
    from .services import contact_message_deliver, contact_messages_unsent

    return sum(contact_message_deliver(message_id=pk) for pk in contact_messages_unsent())
