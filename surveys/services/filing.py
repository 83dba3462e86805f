"""Filing a response: the segment combination and city rows it is counted under.

A response is filed once, when it is first given, under the respondent's segments then
(segments.py); a later correction of the profile (on /me/ or an organizer's lean override)
files the leader's next responses differently and leaves the given ones as they are. The
filing is kept twice: as the segment columns pages and exports read, and as a combination of
the coarse segments plus a city, the rows the rebuild groups by. A combination or city seen
for the first time is created in the transaction that saves the answer; two saves creating the
same one meet at its unique constraint and both use the one row.

Once a response is submitted its answers carry its combination and city too, and one live row
per question says "respondent": the rebuild then counts every cell from the answer table alone
(services/rollups.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import Min, OuterRef, Subquery

from ..models import Answer, Response, SegmentCity, SegmentCombination

COARSE = ("area_type", "area_lean", "state", "role")


def filing_fields(*, segments: Mapping[str, str]) -> dict[str, int]:
    """The combination and city of these segment columns (Segments.as_fields()), created when
    first seen: the `combination_id` and `segment_city_id` of a new response."""
    combination, _new = SegmentCombination.objects.get_or_create(
        area_type=segments["area_type"],
        area_lean=segments["area_lean"],
        state=segments["state"],
        role=segments["role"],
    )
    city, _new = SegmentCity.objects.get_or_create(name=segments["city"])
    return {"combination_id": combination.pk, "segment_city_id": city.pk}


def filings_bulk(rows: Iterable[Mapping[str, str]]) -> list[dict[str, int]]:
    """`filing_fields` of many responses at once (demo data, the benchmark's load)."""
    rows = list(rows)
    keys = {tuple(row[column] for column in COARSE) for row in rows}
    SegmentCombination.objects.bulk_create(
        [SegmentCombination(**dict(zip(COARSE, key, strict=True))) for key in keys],
        ignore_conflicts=True,
    )
    SegmentCity.objects.bulk_create(
        [SegmentCity(name=name) for name in {row["city"] for row in rows}], ignore_conflicts=True
    )
    combinations = {
        tuple(values[:-1]): values[-1]
        for values in SegmentCombination.objects.values_list(*COARSE, "pk")
    }
    cities = dict(SegmentCity.objects.values_list("name", "pk"))
    return [
        {
            "combination_id": combinations[tuple(row[column] for column in COARSE)],
            "segment_city_id": cities[row["city"]],
        }
        for row in rows
    ]


def answers_file(*, response: Response) -> None:
    """Copy a just-submitted response's filing onto its answers."""
    Answer.objects.filter(response=response).update(
        combination_id=response.combination_id, segment_city_id=response.segment_city_id
    )


def survey_answers_file(*, survey_pk: int) -> None:
    """File the answers of a survey's submitted responses and mark their respondent rows, for
    answers just written in bulk (demo data) rather than through response_save_page."""
    filed = Response.objects.filter(pk=OuterRef("response_id"))
    Answer.objects.filter(
        response__survey_id=survey_pk, response__submitted_at__isnull=False
    ).update(
        combination=Subquery(filed.values("combination")[:1]),
        segment_city=Subquery(filed.values("segment_city")[:1]),
    )
    live = Answer.objects.filter(response__survey_id=survey_pk, superseded_at=None)
    first_rows = list(
        live.values("response_id", "question_id")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    for start in range(0, len(first_rows), 1000):
        Answer.objects.filter(pk__in=first_rows[start : start + 1000]).update(respondent_row=True)
