"""Reads for the letter and op-ed builder: a leader sees their own pieces only."""

from __future__ import annotations

from django.http import Http404

from .models import Campaign
from .models_letters import Letter


def letters_of(*, campaign: Campaign, user) -> list[Letter]:
    return list(Letter.objects.filter(campaign=campaign, author=user).select_related("official"))


def letter_of(*, campaign: Campaign, user, pk: int) -> Letter:
    """The author's own piece; anyone else's is a 404, as if it did not exist."""
    letter = (
        Letter.objects.filter(campaign=campaign, author=user, pk=pk)
        .select_related("official")
        .first()
    )
    if letter is None:
        raise Http404
    return letter
