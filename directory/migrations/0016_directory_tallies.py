"""The directory's tallies: counts kept by PostgreSQL triggers (see directory/tallies.py).

Statement-level triggers with transition tables append each statement's net change per tally
key to directory_tallychange, so every path that writes leaders or organizations (forms,
admin, imports, merges, bulk inserts, `.update()`, cascades, raw SQL) keeps the counts, in
its own transaction. On SQLite this adds the tables only; the directory then counts live.
"""

from django.db import migrations, models

CHANGES = "directory_tallychange"
TABLES = {
    # table: (subject, the column a tally is kept per)
    "directory_leader": ("leader", "visibility"),
    "directory_organization": ("organization", "kind"),
}
LOCATED = "(latitude IS NOT NULL AND longitude IS NOT NULL)"


def _function_sql(table: str, subject: str, facet: str) -> str:
    columns = f"{facet} AS facet, state, {LOCATED} AS located"
    insert = f"INSERT INTO {CHANGES} (subject, facet, state, located, delta)"
    return f"""
        CREATE OR REPLACE FUNCTION {table}_tally() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                DELETE FROM directory_tally WHERE subject = '{subject}';
                DELETE FROM {CHANGES} WHERE subject = '{subject}';
            ELSIF TG_OP = 'INSERT' THEN
                {insert}
                SELECT '{subject}', facet, state, located, count(*) FROM (
                    SELECT {columns} FROM new_rows
                ) AS added GROUP BY 2, 3, 4;
            ELSIF TG_OP = 'DELETE' THEN
                {insert}
                SELECT '{subject}', facet, state, located, -count(*) FROM (
                    SELECT {columns} FROM old_rows
                ) AS removed GROUP BY 2, 3, 4;
            ELSE
                {insert}
                SELECT '{subject}', facet, state, located, sum(delta) FROM (
                    SELECT {columns}, 1 AS delta FROM new_rows
                    UNION ALL
                    SELECT {columns}, -1 AS delta FROM old_rows
                ) AS moved GROUP BY 2, 3, 4 HAVING sum(delta) <> 0;
            END IF;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql;
    """


def _triggers_sql(table: str) -> list[str]:
    # PostgreSQL allows transition tables on one event per trigger, hence three (and TRUNCATE,
    # which has none, so tests' flushes and a staff TRUNCATE leave no stale tally).
    run = f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_tally()"
    return [
        f"CREATE TRIGGER {table}_tally_insert AFTER INSERT ON {table} "
        f"REFERENCING NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {table}_tally_update AFTER UPDATE ON {table} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {table}_tally_delete AFTER DELETE ON {table} "
        f"REFERENCING OLD TABLE AS old_rows {run}",
        f"CREATE TRIGGER {table}_tally_truncate AFTER TRUNCATE ON {table} {run}",
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (subject, facet) in TABLES.items():
        schema_editor.execute(_function_sql(table, subject, facet))
        for statement in _triggers_sql(table):
            schema_editor.execute(statement)
        # The rows that existed before the triggers, counted once under a lock that keeps
        # writers out until this migration commits.
        schema_editor.execute(f"LOCK TABLE {table} IN SHARE MODE")
        schema_editor.execute(
            f"INSERT INTO directory_tally (subject, facet, state, located, count) "
            f"SELECT '{subject}', {facet}, state, {LOCATED}, count(*) FROM {table} "
            f"GROUP BY 2, 3, 4"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for event in ("insert", "update", "delete", "truncate"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_tally_{event} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_tally()")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_organization_profile_managers"),
    ]

    operations = [
        migrations.CreateModel(
            name="TallyChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[("leader", "leader"), ("organization", "organization")],
                        max_length=12,
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("state", models.CharField(blank=True, max_length=2)),
                ("located", models.BooleanField()),
                ("delta", models.BigIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="Tally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[("leader", "leader"), ("organization", "organization")],
                        max_length=12,
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("state", models.CharField(blank=True, max_length=2)),
                ("located", models.BooleanField()),
                ("count", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("subject", "facet", "state", "located"), name="tally_unique_key"
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
