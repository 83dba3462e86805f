"""The starting taxonomy: leader roles and the network's topics (staff can edit both)."""

from django.db import migrations

ROLES = [
    ("community-organizer", "Community organizer"),
    ("faith-leader", "Faith leader"),
    ("elected-official", "Elected official"),
    ("student", "Student"),
    ("labor", "Labor"),
    ("nonprofit-staff", "Nonprofit staff"),
    ("grassroots-group-leader", "Grassroots group leader"),
    ("educator", "Educator"),
    ("small-business-owner", "Small business owner"),
    ("veteran", "Veteran"),
]

TOPICS = [
    ("voting-elections", "Voting and elections", True),
    ("immigration-daca", "Immigration and DACA", True),
    ("medicaid-expansion", "Health care and Medicaid expansion", True),
    ("policing-surveillance", "Policing and surveillance", False),
    ("government-transparency", "Government transparency", False),
    ("climate-environment", "Climate and environment", False),
    ("housing", "Housing", False),
    ("education", "Education", False),
    ("workers-rights", "Workers' rights", False),
    ("racial-justice", "Racial justice", False),
    ("reproductive-rights", "Reproductive rights", False),
    ("gun-safety", "Gun safety", False),
]


def forwards(apps, schema_editor):
    LeaderRole = apps.get_model("directory", "LeaderRole")
    Topic = apps.get_model("actlocal", "Topic")
    for slug, name in ROLES:
        LeaderRole.objects.get_or_create(slug=slug, defaults={"name": name})
    for slug, name, featured in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "featured": featured})


def backwards(apps, schema_editor):
    apps.get_model("directory", "LeaderRole").objects.filter(
        slug__in=[r[0] for r in ROLES]
    ).delete()
    apps.get_model("actlocal", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_postgres_search_and_similarity"),
        ("actlocal", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
