"""The Spanish version of the ordinance playbook the project ships (0002), for the template and
its steps. Text staff changed since is left alone."""

from django.db import migrations

PLAYBOOK = "Local ordinance"
NAME_ES = "Ordenanza local"
DESCRIPTION_ES = (
    "El recorrido de una campaña por una ordenanza municipal, del primer paso a la votación."
)

# Keyed by the English title of each shipped step.
STEPS_ES = {
    "Understand the issue and both sides": (
        "Entender el tema y las dos posturas",
        "Lea el borrador de la ordenanza y los mejores argumentos en su contra; anote las "
        "preguntas que harán los vecinos.",
    ),
    "Find who already works on it here": (
        "Encontrar a quienes ya trabajan en esto aquí",
        'Use la búsqueda "cerca de mí" del directorio para encontrar grupos y líderes de este '
        "tema antes de empezar algo nuevo.",
    ),
    "Bring in the people most affected": (
        "Sumar a las personas más afectadas",
        "Invite a los miembros de la comunidad afectados a ayudar a dirigir, no solo a "
        "testificar; hágales un lugar en el equipo.",
    ),
    "Learn how the local government works": (
        "Aprender cómo funciona el gobierno local",
        "Quién presenta una ordenanza, qué comisión la estudia, cuántos votos la aprueban y "
        "cuándo se reúne el órgano local.",
    ),
    "Research current policy and history": (
        "Investigar la política actual y sus antecedentes",
        "Lo que hace hoy el municipio, los intentos anteriores y lo que han aprobado los "
        "pueblos vecinos.",
    ),
    "Find sponsors and champions": (
        "Encontrar patrocinadores y defensores",
        "Reúnase con los miembros uno por uno; un patrocinador presenta la ordenanza, un "
        "defensor argumenta a su favor.",
    ),
    "Map the opposition": (
        "Mapear la oposición",
        "Quién se opondrá, qué dirá y cómo respondemos a cada punto.",
    ),
    "Introduce the ordinance": (
        "Presentar la ordenanza",
        "Acuerde el texto con los patrocinadores, preséntelo y llene la primera audiencia "
        "de simpatizantes.",
    ),
    "Win the vote": (
        "Ganar la votación",
        "Cuente los votos cada semana, movilice a los electores de los miembros indecisos y "
        "agradezca a quienes voten a favor.",
    ),
}


def forwards(apps, schema_editor):
    Template = apps.get_model("campaigns", "PlaybookTemplate")
    Step = apps.get_model("campaigns", "PlaybookTemplateStep")
    Template.objects.filter(name=PLAYBOOK, name_es="").update(
        name_es=NAME_ES, description_es=DESCRIPTION_ES
    )
    for title, (title_es, guidance_es) in STEPS_ES.items():
        Step.objects.filter(template__name=PLAYBOOK, title=title, title_es="").update(
            title_es=title_es, guidance_es=guidance_es
        )


def backwards(apps, schema_editor):
    Template = apps.get_model("campaigns", "PlaybookTemplate")
    Step = apps.get_model("campaigns", "PlaybookTemplateStep")
    Template.objects.filter(name=PLAYBOOK, name_es=NAME_ES).update(name_es="", description_es="")
    for title, (title_es, _guidance) in STEPS_ES.items():
        Step.objects.filter(template__name=PLAYBOOK, title=title, title_es=title_es).update(
            title_es="", guidance_es=""
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0009_playbook_in_spanish")]

    operations = [migrations.RunPython(forwards, backwards)]
