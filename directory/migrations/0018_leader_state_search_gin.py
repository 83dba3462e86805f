"""A GIN index of leaders by state and search vector together (the `btree_gin` extension).

A search within a state (the leaders list's `q` with `state`) otherwise ANDs a bitmap of the
whole state's rows with the matches: at ten times the network that bitmap is ten times larger.
One GIN index over both columns intersects the two posting lists inside the index, skipping
through the state's by the rarer word's entries.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # `btree_gin` is a trusted extension: a database owner may create it without superuser.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_leader_state_search_gin "
        "ON directory_leader USING gin (state, search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_leader_state_search_gin")


class Migration(migrations.Migration):
    dependencies = [("directory", "0017_sphere_indexes_for_near_me")]

    operations = [migrations.RunPython(forwards, backwards)]
