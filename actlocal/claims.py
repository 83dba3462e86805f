"""Claim-before-send for background mail: the piece every exactly-once sweep shares."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models, transaction
from django.db.models import F, Q


def claim_batch(
    queryset: models.QuerySet,
    *,
    now: datetime,
    lease: timedelta,
    batch_size: int,
    max_attempts: int,
) -> list[int]:
    """Claim up to batch_size unsent rows of `queryset` and return their primary keys.

    Rows need `claimed_at`, `sent_at` and `attempts`. A row is free when it was never sent, has
    attempts left, and was never claimed or its last claim is older than the lease (a worker
    that died mid-send); rows another sweep holds are skipped, not waited on (SKIP LOCKED), so
    which rows a sweep owns comes from what it locked, never from comparing clocks. `now` is
    the moment of this claim, not of the sweep's start: a long sweep's later batches must not
    look older than they are.
    """
    with transaction.atomic():
        pks = list(
            queryset.select_for_update(skip_locked=True, of=("self",))
            .filter(Q(claimed_at=None) | Q(claimed_at__lt=now - lease))
            .filter(sent_at=None, attempts__lt=max_attempts)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if pks:
            queryset.model.objects.filter(pk__in=pks).update(
                claimed_at=now, attempts=F("attempts") + 1
            )
    return pks
