"""Write checked Open States people: create or update officials in place, end departed terms."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.importing.files import Progress, with_progress
from actlocal.text import unique_slug

from ..models import Body, District, Official
from .base import ImportResult, atomic_unless_dry_run
from .bodies import district_ensure, district_ocd_id, districts_by_key, state_body
from .openstates import PersonRecord

# Fields copied from a record onto the official (term_start is handled apart: the CSV has none).
_COPIED = [
    "name",
    "given_name",
    "family_name",
    "party",
    "email",
    "phone",
    "office_address",
    "district_phone",
    "district_address",
    "links",
    "term_end",
]


def officials_import(
    *,
    people: list[PersonRecord],
    actor: Any,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Create or update one official per person (matched by Open States id, never duplicated),
    then end the terms of this file's chambers' Open States officials who are not in it.

    The records were checked by campaigns.importers.openstates; this writes all or nothing.
    """
    result = ImportResult(
        dry_run=dry_run, warnings=[problem for person in people for problem in person.warnings]
    )
    today = timezone.localdate()
    with atomic_unless_dry_run(dry_run, lock="campaigns.import.officials"):
        bodies: dict[tuple[str, str], Body] = {}
        districts: dict[int, dict[str, District]] = {}
        existing = {
            official.openstates_id: official
            for official in Official.objects.select_for_update().filter(
                openstates_id__in=[person.openstates_id for person in people]
            )
        }
        for person in with_progress(people, progress, every=100):
            body = bodies.get((person.state, person.kind))
            if body is None:
                body = state_body(state=person.state, kind=person.kind, create=True)
                bodies[(person.state, person.kind)] = body
                districts[body.pk] = districts_by_key(body)
            district = district_ensure(
                body=body,
                name=person.district,
                known=districts[body.pk],
                ocd_id=district_ocd_id(state=person.state, kind=person.kind, name=person.district),
            )
            _official_save(
                person=person,
                official=existing.get(person.openstates_id),
                body=body,
                district=district,
                actor=actor,
                source=source,
                result=result,
            )
        _terms_end(
            bodies=list(bodies.values()),
            keep={person.openstates_id for person in people},
            today=today,
            actor=actor,
            source=source,
            result=result,
        )
    return result


def _official_save(
    *,
    person: PersonRecord,
    official: Official | None,
    body: Body,
    district: District,
    actor: Any,
    source: str,
    result: ImportResult,
) -> None:
    values = {name: getattr(person, name) for name in _COPIED}
    values.update(photo_url=person.photo_url, body=body, district=district)
    if not person.keep_term_start or official is None:
        values["term_start"] = person.term_start
    label = f"{person.name} ({district.name})"
    if official is None:
        official = Official(
            openstates_id=person.openstates_id, slug=unique_slug(Official, person.name), **values
        )
        official.save()
        audit_log(
            actor=actor, obj=official, action="official.import.create", data={"source": source}
        )
        result.note("new", label)
        return
    changed = [name for name, value in values.items() if getattr(official, name) != value]
    if not changed:
        result.note("unchanged", label)
        return
    for name in changed:
        setattr(official, name, values[name])
    official.save(update_fields=[*changed, "updated_at"])
    audit_log(
        actor=actor,
        obj=official,
        action="official.import.update",
        data={"source": source, "fields": changed},
    )
    result.note("update", label, ", ".join(changed))


def _terms_end(
    *, bodies: list[Body], keep: set[str], today, actor: Any, source: str, result: ImportResult
) -> None:
    """Officials imported earlier into these bodies, still serving, and not in this file, are
    no longer current from today (their term ended yesterday), so the finder stops showing them
    at once. Officials staff added by hand (no Open States id) are theirs to manage."""
    last_day = today - datetime.timedelta(days=1)
    departed = (
        Official.objects.filter(Q(term_end__isnull=True) | Q(term_end__gt=last_day))
        .filter(body__in=bodies, openstates_id__isnull=False)
        .exclude(openstates_id__in=keep)
        .select_related("district")
    )
    for official in departed:
        official.term_end = last_day
        official.save(update_fields=["term_end", "updated_at"])
        audit_log(
            actor=actor, obj=official, action="official.import.end_term", data={"source": source}
        )
        result.note(
            "end",
            f"{official.name} ({official.district or official.body})",
            _("no longer in the file: term ended %(date)s") % {"date": today.isoformat()},
        )
