"""PostgreSQL full-text search for toolkits and documents (triggers and GIN indexes, as the
directory's), and the "Toolkit editors" group. On SQLite the search part does nothing; search
falls back to LIKE there.
"""

from django.db import migrations

# Kept literal: a migration must not import application code that may change later.
EDITORS_GROUP = "Toolkit editors"

TABLES = {
    "toolkits_toolkit": (
        "setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B')"
    ),
    "toolkits_document": (
        "setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C')"
    ),
}


def search_forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, expression in TABLES.items():
        schema_editor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {table}_search_vector_update() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {expression};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            f"""
            CREATE TRIGGER {table}_search_vector_trigger
            BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_vector_update();
            """
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_gin ON {table} USING gin (search_vector)"
        )
        schema_editor.execute(f"UPDATE {table} SET id = id")


def search_backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector_trigger ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector_update()")


def group_forwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS_GROUP)


def group_backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0001_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(search_forwards, search_backwards),
        migrations.RunPython(group_forwards, group_backwards),
    ]
