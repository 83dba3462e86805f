import django.db.models.deletion
from django.db import migrations, models

FILED = models.Q(("combination__isnull", False), ("superseded_at", None))


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0006_file_existing_responses"),
    ]

    operations = [
        migrations.AlterField(
            model_name="response",
            name="combination",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="surveys.segmentcombination",
            ),
        ),
        migrations.AlterField(
            model_name="response",
            name="segment_city",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="surveys.segmentcity",
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(
                condition=FILED,
                fields=["question", "combination", "choice", "respondent_row"],
                name="answer_by_combination",
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(
                condition=FILED,
                fields=["question", "segment_city", "choice", "respondent_row"],
                name="answer_by_city",
            ),
        ),
    ]
