"""File every existing response under its segment combination and city (from the segment
columns it was filed under when first given), and copy that filing onto the answers of
submitted responses, with one respondent row per response and question."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery

COARSE = ("area_type", "area_lean", "state", "role")


def file_existing(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    SegmentCombination = apps.get_model("surveys", "SegmentCombination")
    SegmentCity = apps.get_model("surveys", "SegmentCity")

    seen = Response.objects.values_list(*COARSE).distinct()
    SegmentCombination.objects.bulk_create(
        [SegmentCombination(**dict(zip(COARSE, row, strict=True))) for row in seen],
        ignore_conflicts=True,
    )
    cities = Response.objects.values_list("city", flat=True).distinct()
    SegmentCity.objects.bulk_create(
        [SegmentCity(name=name) for name in cities], ignore_conflicts=True
    )
    combination = SegmentCombination.objects.filter(
        **{column: OuterRef(column) for column in COARSE}
    ).values("pk")[:1]
    city = SegmentCity.objects.filter(name=OuterRef("city")).values("pk")[:1]
    Response.objects.update(combination=Subquery(combination), segment_city=Subquery(city))

    filed = Response.objects.filter(pk=OuterRef("response_id"))
    Answer.objects.filter(response__submitted_at__isnull=False).update(
        combination=Subquery(filed.values("combination")[:1]),
        segment_city=Subquery(filed.values("segment_city")[:1]),
    )
    first_rows = (
        Answer.objects.filter(superseded_at=None)
        .values("response_id", "question_id")
        .annotate(first=Min("pk"))
        .values("first")
    )
    Answer.objects.filter(pk__in=Subquery(first_rows)).update(respondent_row=True)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_segment_combinations"),
    ]

    operations = [
        migrations.RunPython(file_existing, migrations.RunPython.noop),
    ]
