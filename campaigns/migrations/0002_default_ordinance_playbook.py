from django.db import migrations

PLAYBOOK = "Local ordinance"

# Written for the product; organizers edit or extend the steps per campaign.
STEPS = [
    (
        "Understand the issue and both sides",
        "Read the draft ordinance and the strongest case against it; list the questions neighbors will ask.",
    ),
    (
        "Find who already works on it here",
        'Use the directory\'s "near me" search for groups and leaders on this topic before starting anything new.',
    ),
    (
        "Bring in the people most affected",
        "Ask affected community members to help lead, not only to testify; make room for them on the team.",
    ),
    (
        "Learn how the local government works",
        "Who introduces an ordinance, which committee hears it, how many votes pass it, when the body meets.",
    ),
    (
        "Research current policy and history",
        "What the municipality does today, earlier attempts, and what neighboring towns have passed.",
    ),
    (
        "Find sponsors and champions",
        "Meet members one by one; a sponsor introduces the ordinance, a champion argues for it.",
    ),
    ("Map the opposition", "Who will object, what they will say, and how we answer each point."),
    (
        "Introduce the ordinance",
        "Agree the text with the sponsors, file it, and fill the first hearing with supporters.",
    ),
    (
        "Win the vote",
        "Count votes weekly, turn out constituents of undecided members, and thank those who vote yes.",
    ),
]


def create(apps, schema_editor):
    Template = apps.get_model("campaigns", "PlaybookTemplate")
    Step = apps.get_model("campaigns", "PlaybookTemplateStep")
    template, created = Template.objects.get_or_create(
        name=PLAYBOOK,
        defaults={
            "description": "The arc of a city or town ordinance campaign, first step to vote."
        },
    )
    if created:
        Step.objects.bulk_create(
            Step(template=template, position=i, title=title, guidance=guidance)
            for i, (title, guidance) in enumerate(STEPS, start=1)
        )


def remove(apps, schema_editor):
    apps.get_model("campaigns", "PlaybookTemplate").objects.filter(name=PLAYBOOK).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_campaigns_core")]

    operations = [migrations.RunPython(create, remove)]
