"""Staff review of possible duplicates: merge a pair into one record, or dismiss it.

A merge moves every row that points at the removed record to the kept one by walking the
model's reverse relations, so relations added by later apps (events, campaigns) move too.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.queue import enqueue_after_commit

from ..cache import directory_cache_bump
from ..models import DuplicateCandidate, Leader, Organization
from ..services import leader_prepare, organization_prepare
from ..tasks import duplicates_check
from .detection import pair_fields


class MergeError(ServiceError):
    """A merge that cannot be done as asked; nothing was changed."""


VISIBILITY_ORDER = [
    Leader.Visibility.PUBLIC,
    Leader.Visibility.MEMBERS,
    Leader.Visibility.ORGANIZERS,
]
# Booleans have no "blank"; for these, true on either record wins.
OR_FIELDS = {"verified"}


def _is_blank(value: Any) -> bool:
    return value is None or value == ""


def _fill_blanks(target: models.Model, source: models.Model, *, skip: set[str]) -> list[str]:
    """Copy `source`'s values into `target`'s empty editable fields; returns the names filled."""
    filled = []
    for field in target._meta.concrete_fields:
        if field.primary_key or field.name in skip or not field.editable:
            continue
        mine, theirs = getattr(target, field.attname), getattr(source, field.attname)
        if field.name in OR_FIELDS:
            if theirs and not mine:
                setattr(target, field.attname, theirs)
                filled.append(field.name)
            continue
        if isinstance(field, models.BooleanField) or not _is_blank(mine) or _is_blank(theirs):
            continue
        if field.is_relation and field.related_model is type(target) and theirs == target.pk:
            continue  # never make a record its own parent
        setattr(target, field.attname, theirs)
        filled.append(field.name)
    return filled


def merge_relations(model: type[models.Model]):
    """Every foreign key that points at `model`, including the hidden ones of many-to-many
    tables; DuplicateCandidate is handled on its own."""
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        if relation.related_model is DuplicateCandidate:
            continue
        yield relation


def _unique_sets(model: type[models.Model], field_name: str) -> list[tuple[list[str], Q | None]]:
    """The unique rules of `model` that include `field_name`: (the other fields, condition)."""
    field = model._meta.get_field(field_name)
    rules: list[tuple[list[str], Q | None]] = []
    if field.unique:
        rules.append(([], None))
    for together in model._meta.unique_together:
        if field_name in together:
            rules.append(([name for name in together if name != field_name], None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            others = [name for name in constraint.fields if name != field_name]
            rules.append((others, constraint.condition))
    return rules


def _move_relation(relation, *, keep: models.Model, remove: models.Model) -> int:
    """Point rows of one relation at `keep`; a row that would break a unique rule (the same
    topic or organization twice) gives its non-empty values to keep's row and is deleted."""
    model, field_name = relation.related_model, relation.field.name
    rows = model._base_manager.filter(**{field_name: remove})
    if model is type(keep):
        rows = rows.exclude(pk=keep.pk)
    touched = 0
    for others, condition in _unique_sets(model, field_name):
        attnames = [model._meta.get_field(name).attname for name in others]
        kept_rows = model._base_manager.filter(**{field_name: keep})
        moving = rows
        if condition is not None:
            kept_rows, moving = kept_rows.filter(condition), moving.filter(condition)
        existing = {
            tuple(getattr(row, name) for name in attnames): row for row in kept_rows.iterator()
        }
        for row in list(moving):
            twin = existing.get(tuple(getattr(row, name) for name in attnames))
            if twin is None:
                continue
            filled = _fill_blanks(twin, row, skip={field_name, *others})
            if filled:
                twin.save(update_fields=filled)
            row.delete()
            touched += 1
    return touched + rows.update(**{field_name: keep})


def _move_candidates(kind: str, *, keep: models.Model, remove: models.Model, current_pk: int):
    """Carry the removed record's other flagged pairs over to the kept record."""
    field_a, field_b = pair_fields(kind)
    involving = DuplicateCandidate.objects.filter(
        Q(**{field_a: remove.pk}) | Q(**{field_b: remove.pk}), kind=kind
    ).exclude(pk=current_pk)
    for candidate in involving.select_for_update():
        a, b = getattr(candidate, field_a), getattr(candidate, field_b)
        other = b if a == remove.pk else a
        if other is None:
            # The other record was deleted since: the pair stays the record it is.
            continue
        if other == keep.pk:
            candidate.delete()
            continue
        low, high = sorted((keep.pk, other))
        twin = DuplicateCandidate.objects.filter(kind=kind, **{field_a: low, field_b: high}).first()
        if twin is None:
            setattr(candidate, field_a, low)
            setattr(candidate, field_b, high)
            candidate.save(update_fields=[field_a.removesuffix("_id"), field_b.removesuffix("_id")])
            continue
        # "removed is not other" stays true of the merged person or group.
        dismissed = DuplicateCandidate.Status.DISMISSED
        if candidate.status == dismissed and twin.status == DuplicateCandidate.Status.OPEN:
            twin.status, twin.reviewed_by_id = dismissed, candidate.reviewed_by_id
            twin.reviewed_at = candidate.reviewed_at
            twin.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        candidate.delete()


def _merge_leader_fields(keep: Leader, remove: Leader) -> list[str]:
    if keep.user_id and remove.user_id:
        raise MergeError(
            _(
                "Both profiles belong to user accounts (%(a)s and %(b)s). Unlink one of them "
                "in the leader's page first, then merge."
            )
            % {"a": keep.user.email, "b": remove.user.email}
        )
    if remove.user_id:
        # The account holder's own choices come with their account.
        visibility, consent_at = remove.visibility, remove.consent_at or keep.consent_at
    elif keep.user_id:
        visibility, consent_at = keep.visibility, keep.consent_at or remove.consent_at
    else:
        # Nobody chose for the merged profile: show it to no more people than either allowed.
        visibility = max(keep.visibility, remove.visibility, key=VISIBILITY_ORDER.index)
        consent_at = keep.consent_at or remove.consent_at
    filled = _fill_blanks(keep, remove, skip={"slug", "visibility", "consent_at"})
    keep.visibility, keep.consent_at = visibility, consent_at
    return filled


def _merge_organization_fields(keep: Organization, remove: Organization) -> list[str]:
    if keep.parent_id == remove.pk:
        keep.parent_id = remove.parent_id if remove.parent_id != keep.pk else None
    return _fill_blanks(keep, remove, skip={"slug"})


def _pair(candidate: DuplicateCandidate) -> tuple[type[models.Model], int, int]:
    if candidate.kind == DuplicateCandidate.Kind.LEADER:
        return Leader, candidate.leader_a_id, candidate.leader_b_id
    return Organization, candidate.organization_a_id, candidate.organization_b_id


@transaction.atomic
def duplicate_merge(
    *, candidate: DuplicateCandidate, keep: Leader | Organization, actor: Any
) -> Leader | Organization:
    """Merge the pair into `keep`: every relation and every field `keep` lacks come along, the
    other record is deleted, and the change is audited. Raises MergeError, changing nothing."""
    candidate = DuplicateCandidate.objects.select_for_update().filter(pk=candidate.pk).first()
    if candidate is None or candidate.status != DuplicateCandidate.Status.OPEN:
        raise MergeError(_("This pair was already reviewed by someone else."))
    model, pk_a, pk_b = _pair(candidate)
    if not isinstance(keep, model) or keep.pk not in (pk_a, pk_b):
        raise MergeError(_("The record to keep must be one of the two in this pair."))
    records = model.objects.select_for_update().in_bulk([pk_a, pk_b])
    keep, remove = records[keep.pk], records[pk_b if keep.pk == pk_a else pk_a]

    is_leader = model is Leader
    filled = (_merge_leader_fields if is_leader else _merge_organization_fields)(keep, remove)
    moved = {}
    for relation in merge_relations(model):
        count = _move_relation(relation, keep=keep, remove=remove)
        if count:
            moved[relation.related_model._meta.label_lower] = count
    _move_candidates(candidate.kind, keep=keep, remove=remove, current_pk=candidate.pk)

    candidate.status = DuplicateCandidate.Status.MERGED
    candidate.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    candidate.reviewed_at = timezone.now()
    candidate.removed_label = str(remove)[:200]
    candidate.save(update_fields=["status", "reviewed_by", "reviewed_at", "removed_label"])
    snapshot = {
        "candidate": candidate.pk,
        "removed_id": remove.pk,
        "removed_name": str(remove),
        "score": candidate.score,
        "reasons": candidate.reasons,
        "filled": filled,
        "moved": moved,
    }
    keep.created_at = min(keep.created_at, remove.created_at)
    # Deleting first frees unique values (email, user account) the kept record takes over. The
    # candidate row stays as the record of the review; its removed side becomes empty.
    remove.delete()
    (leader_prepare if is_leader else organization_prepare)(keep)
    keep.save()
    audit_log(actor=actor, obj=keep, action=f"{model._meta.model_name}.merge", data=snapshot)
    _after_merge(candidate.kind, keep.pk)
    return keep


def _after_merge(kind: str, pk: int) -> None:
    directory_cache_bump()
    # The kept record may now match others through a phone or email it took over.
    enqueue_after_commit(duplicates_check, kind, pk)


def duplicate_dismiss(*, candidate: DuplicateCandidate, actor: Any) -> bool:
    """Mark the pair "not a duplicate" so detection never raises it again.

    Returns False when someone already reviewed it (nothing changes then).
    """
    reviewer = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        updated = DuplicateCandidate.objects.filter(
            pk=candidate.pk, status=DuplicateCandidate.Status.OPEN
        ).update(
            status=DuplicateCandidate.Status.DISMISSED,
            reviewed_by=reviewer,
            reviewed_at=timezone.now(),
        )
        if updated:
            pair = list(_pair(candidate)[1:])
            data = {"kind": candidate.kind, "pair": pair}
            audit_log(actor=actor, obj=candidate, action="duplicate.dismiss", data=data)
    return bool(updated)
