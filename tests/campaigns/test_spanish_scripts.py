"""A campaign's scripts per stance may carry a Spanish version: Spanish readers (and Spanish
recipients of meeting mail) get it, else the team's own text, else the translated default."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from campaigns.emails import send_meeting_notice
from campaigns.models import CampaignScript, Meeting, Stance
from campaigns.scripts import script_for, scripts_for
from campaigns.services.campaigns import scripts_save

from .factories import CampaignOfficialFactory
from .meetings_setup import constituent_of, meeting_with
from .test_join import join_url, places  # noqa: F401  (fixture)
from .test_setup_manage import url

pytestmark = pytest.mark.django_db


def _script(campaign, stance: str, language: str) -> str:
    with translation.override(language):
        return script_for(campaign=campaign, stance=stance)


def test_the_team_writes_a_spanish_script_beside_each_stance(campaign_team_client, campaign):
    page = campaign_team_client.get(url("scripts", campaign)).content.decode()
    assert f'name="{Stance.SUPPORTS}_es"' in page

    data = dict.fromkeys(Stance.values, "") | {f"{s}_es": "" for s in Stance.values}
    data[Stance.SUPPORTS] = "Thank you, truly."
    data[f"{Stance.SUPPORTS}_es"] = "Gracias, de verdad."
    assert campaign_team_client.post(url("scripts", campaign), data).status_code == 302

    script = CampaignScript.objects.get(campaign=campaign, stance=Stance.SUPPORTS)
    assert (script.body, script.body_es) == ("Thank you, truly.", "Gracias, de verdad.")
    assert _script(campaign, Stance.SUPPORTS, "es") == "Gracias, de verdad."
    assert _script(campaign, Stance.SUPPORTS, "en") == "Thank you, truly."


def test_an_unknown_field_in_the_spanish_script_is_refused(campaign_team_client, campaign):
    data = dict.fromkeys(Stance.values, "") | {f"{s}_es": "" for s in Stance.values}
    data[f"{Stance.OPPOSES}_es"] = "Hola {{ leader.email }}"
    response = campaign_team_client.post(url("scripts", campaign), data)
    assert response.status_code == 400
    assert not CampaignScript.objects.filter(campaign=campaign).exists()


def test_without_a_spanish_script_spanish_readers_get_the_teams_own_text(campaign):
    scripts_save(campaign=campaign, actor=None, bodies={Stance.UNDECIDED: "Decide soon, please."})
    assert _script(campaign, Stance.UNDECIDED, "es") == "Decide soon, please."
    with translation.override("es"):
        assert scripts_for(campaign=campaign)[Stance.UNDECIDED] == "Decide soon, please."


def test_a_spanish_script_alone_keeps_the_english_default(campaign):
    campaign.ask, campaign.ask_es = "Vote yes on H.1.", "Vote sí a H.1."
    campaign.save()
    scripts_save(
        campaign=campaign,
        actor=None,
        bodies={Stance.UNDECIDED: ""},
        bodies_es={Stance.UNDECIDED: "Decida pronto: {{ campaign.ask }}"},
    )

    assert _script(campaign, Stance.UNDECIDED, "es") == "Decida pronto: Vote sí a H.1."
    english = _script(campaign, Stance.UNDECIDED, "en")
    assert "What questions can we answer" in english and "Vote yes on H.1." in english
    # A stance with no own text in either language: the translated default, with the ask in
    # the reader's language.
    spanish_default = _script(campaign, Stance.OPPOSES, "es")
    assert "Vote sí a H.1." in spanish_default and "Vote yes" not in spanish_default


def test_saving_only_the_english_texts_keeps_the_spanish_ones(campaign):
    scripts_save(
        campaign=campaign,
        actor=None,
        bodies={Stance.SUPPORTS: "Thanks."},
        bodies_es={Stance.SUPPORTS: "Gracias."},
    )
    scripts_save(campaign=campaign, actor=None, bodies={Stance.SUPPORTS: "Thanks again."})
    script = CampaignScript.objects.get(campaign=campaign, stance=Stance.SUPPORTS)
    assert (script.body, script.body_es) == ("Thanks again.", "Gracias.")


@pytest.mark.usefixtures("places")
def test_the_join_page_shows_the_spanish_script_to_a_spanish_reader(
    member_client, campaign, official
):
    CampaignOfficialFactory(campaign=campaign, official=official, stance=Stance.SUPPORTS)
    CampaignScript.objects.create(
        campaign=campaign,
        stance=Stance.SUPPORTS,
        body="Thanks, truly.",
        body_es="Gracias, de veras.",
    )
    member_client.post(join_url(campaign), {"municipality": "Ludlow"})

    spanish = member_client.get(join_url(campaign), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = member_client.get(join_url(campaign), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Gracias, de veras." in spanish and "Thanks, truly." not in spanish
    assert "Thanks, truly." in english and "Gracias" not in english


def test_meeting_mail_in_spanish_carries_the_spanish_script(
    campaign, official, district, mailoutbox
):
    CampaignOfficialFactory(campaign=campaign, official=official, stance=Stance.UNDECIDED)
    CampaignScript.objects.create(
        campaign=campaign,
        stance=Stance.UNDECIDED,
        body="Ask them to decide before the hearing.",
        body_es="Pídales que decidan antes de la audiencia.",
    )
    ana = constituent_of(campaign, district, name="Ana Alvarez", email="ana@example.org")
    meeting = meeting_with(
        campaign,
        official,
        [ana],
        status=Meeting.Status.SCHEDULED,
        scheduled_at=datetime(2099, 3, 15, 1, 30, tzinfo=UTC),
        place="District office",
    )
    attendee = meeting.attendees.get()

    # The delivery loop renders each mail under its recipient's language.
    with translation.override("es"):
        send_meeting_notice(attendee=attendee, kind="scheduled")
    with translation.override("en"):
        send_meeting_notice(attendee=attendee, kind="scheduled")

    spanish, english = mailoutbox
    assert "Pídales que decidan antes de la audiencia." in spanish.body
    assert "Pídales que decidan" in spanish.alternatives[0][0]
    assert "Ask them to decide before the hearing." in english.body
    assert "Pídales" not in english.body
