"""The Spanish names of the leader roles and topics the project ships (0003). Rows staff renamed
or added keep whatever they hold; staff edit the Spanish names in the admin."""

from django.db import migrations

ROLES = {
    "community-organizer": "Organizador comunitario",
    "faith-leader": "Líder religioso",
    "elected-official": "Funcionario electo",
    "student": "Estudiante",
    "labor": "Sindicatos",
    "nonprofit-staff": "Personal de organizaciones sin fines de lucro",
    "grassroots-group-leader": "Líder de grupo de base",
    "educator": "Educador",
    "small-business-owner": "Dueño de pequeña empresa",
    "veteran": "Veterano",
}

TOPICS = {
    "voting-elections": "Voto y elecciones",
    "immigration-daca": "Inmigración y DACA",
    "medicaid-expansion": "Atención médica y expansión de Medicaid",
    "policing-surveillance": "Policía y vigilancia",
    "government-transparency": "Transparencia del gobierno",
    "climate-environment": "Clima y medio ambiente",
    "housing": "Vivienda",
    "education": "Educación",
    "workers-rights": "Derechos laborales",
    "racial-justice": "Justicia racial",
    "reproductive-rights": "Derechos reproductivos",
    "gun-safety": "Seguridad ante las armas de fuego",
}


def forwards(apps, schema_editor):
    for model, names in (
        (apps.get_model("directory", "LeaderRole"), ROLES),
        (apps.get_model("actlocal", "Topic"), TOPICS),
    ):
        for slug, name_es in names.items():
            model.objects.filter(slug=slug, name_es="").update(name_es=name_es)


def backwards(apps, schema_editor):
    for model, names in (
        (apps.get_model("directory", "LeaderRole"), ROLES),
        (apps.get_model("actlocal", "Topic"), TOPICS),
    ):
        for slug, name_es in names.items():
            model.objects.filter(slug=slug, name_es=name_es).update(name_es="")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0011_leader_role_name_in_spanish"),
        ("actlocal", "0007_topic_name_in_spanish"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
