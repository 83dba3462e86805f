"""GiST indexes of leaders' and organizations' points on the unit sphere (the `cube`
extension), so near me reads the nearest places first and stops (actlocal/geo_sql.py)."""

from django.db import migrations

# Spelled as actlocal.geo_sql.sphere_point_sql spells it (the planner matches the expression);
# written out here so that this migration stays what it was if that function ever changes.
SPHERE_POINT = (
    "cube(ARRAY[cos(radians(latitude)) * cos(radians(longitude)), "
    "cos(radians(latitude)) * sin(radians(longitude)), sin(radians(latitude))])"
)

INDEXES = {
    "directory_leader": "directory_leader_sphere_gist",
    "directory_organization": "directory_organization_sphere_gist",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # `cube` is a trusted extension: a database owner may create it without being superuser.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS cube")
    for table, name in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gist (({SPHERE_POINT})) "
            "WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_directory_tallies")]

    operations = [migrations.RunPython(forwards, backwards)]
