"""Create the "Network organizers" group that actlocal.permissions.is_organizer checks."""

from django.db import migrations

# Kept literal: a migration must not import application code that may change later.
ORGANIZERS_GROUP = "Network organizers"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=ORGANIZERS_GROUP)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ORGANIZERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actlocal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
