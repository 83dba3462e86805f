"""Letters to the editor and op-eds: drafts of their author, published ones count as pressure."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from ..models import Campaign, PressureAction
from ..models_letters import Letter
from .actions import pressure_action_create

LETTER_FIELDS = ("kind", "title", "official", "hook", "story", "ask", "about")


class LetterError(ServiceError):
    """A request that cannot be honoured; the message is safe to show."""


def letter_create(*, campaign: Campaign, author, data: dict) -> Letter:
    """A new draft by `author` with the outline in `data` (any part may still be empty)."""
    letter = Letter(campaign=campaign, author=author)
    for name in LETTER_FIELDS:
        if name in data:
            setattr(letter, name, data[name])
    letter.save()
    audit_log(actor=author, obj=letter, action="campaign.letter.create", data={})
    return letter


def letter_update(*, letter: Letter, actor, data: dict) -> Letter:
    """Save the outline. A published piece is a public record: its text no longer changes."""
    if letter.status == Letter.Status.PUBLISHED:
        raise LetterError(_("This piece is published; its text can no longer change."))
    for name in LETTER_FIELDS:
        if name in data:
            setattr(letter, name, data[name])
    letter.save()
    return letter


@transaction.atomic
def letter_mark(*, letter: Letter, actor, status: str, outlet: str, url: str = "") -> Letter:
    """Mark the piece submitted or published; publishing records one pressure action, once."""
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("campaign", "official")
        .get(pk=letter.pk)
    )
    if status not in (Letter.Status.SUBMITTED, Letter.Status.PUBLISHED):
        raise LetterError(_("Choose submitted or published."))
    if letter.status == Letter.Status.PUBLISHED:
        raise LetterError(_("This piece is already marked published."))
    if not outlet.strip():
        raise LetterError(_("Name the outlet."))
    if status == Letter.Status.PUBLISHED:
        if not url:
            raise LetterError(_("Give the link to the published piece."))
        if letter.official is None:
            raise LetterError(_("Choose the official the piece names before marking it published."))
        kind = (
            PressureAction.Kind.OP_ED
            if letter.kind == Letter.Kind.OP_ED
            else PressureAction.Kind.LETTER
        )
        letter.action = pressure_action_create(
            campaign=letter.campaign,
            kind=kind,
            actor=actor,
            official=letter.official,
            title=letter.title,
            outlet=outlet.strip(),
            url=url,
        )
    letter.status = status
    letter.outlet = outlet.strip()
    letter.url = url
    letter.save()
    audit_log(actor=actor, obj=letter, action=f"campaign.letter.{status}", data={})
    return letter
