"""PostgreSQL-only search support: pg_trgm, search-vector triggers and their GIN indexes.

On SQLite (the embedded default) this migration does nothing; search falls back to LIKE and
duplicate detection to Python string similarity.
"""

from django.db import migrations

TABLES = {
    # table: (expression for the search vector, trigram-indexed name column)
    "directory_leader": (
        "setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') || "
        "setweight(to_tsvector('simple', coalesce(NEW.city, '') || ' ' || coalesce(NEW.state, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(NEW.bio, '')), 'C')",
        "name",
    ),
    "directory_organization": (
        "setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') || "
        "setweight(to_tsvector('simple', coalesce(NEW.city, '') || ' ' || coalesce(NEW.state, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C')",
        "name",
    ),
    "directory_resource": (
        "setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C')",
        "title",
    ),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, (expression, name_column) in TABLES.items():
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
        schema_editor.execute(
            f"CREATE INDEX {table}_{name_column}_trgm ON {table} "
            f"USING gin ({name_column} gin_trgm_ops)"
        )
        # Fill the vector for rows that existed before the trigger.
        schema_editor.execute(f"UPDATE {table} SET id = id")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (_expression, name_column) in TABLES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{name_column}_trgm")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector_trigger ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector_update()")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
