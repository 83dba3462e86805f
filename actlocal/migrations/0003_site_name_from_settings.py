"""Name the django.contrib.sites record after the platform (allauth prints it in mail)."""

from urllib.parse import urlparse

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlparse(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": "ActLocal"}
    )


def backwards(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")


class Migration(migrations.Migration):
    dependencies = [
        ("actlocal", "0002_network_organizers_group"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
