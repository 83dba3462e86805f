"""What constituents say to an official, by the official's current stance.

A campaign may write its own script per stance (CampaignScript); where it has not, the default
below is used. Both the constituents' pages and the team's script editor read from here, so
constituents always see the text the editor shows as the default.

Each script may carry a Spanish version. A Spanish reader gets it when it is written, else the
team's own text, else the default (translated like any other page text); everyone else gets
the team's own text, else the default. The ask and title filled in follow the reader too.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy

from actlocal.translated import localized
from toolkits.merge import merge_render

from .models import Campaign, CampaignScript, Official, Stance

# `%(ask)s` is replaced by the campaign's hard ask. Supporters are thanked and asked to lead;
# everyone else is asked, plainly, to commit.
DEFAULT_SCRIPTS: dict[str, str] = {
    Stance.SUPPORTS: gettext_lazy(
        "Thank you for standing with us. We are your constituents and we are grateful that "
        "you support this: %(ask)s Will you help bring your colleagues along and speak up "
        "for it in public?"
    ),
    Stance.LEANING_YES: gettext_lazy(
        "We are your constituents and we hear you are leaning our way. We are asking you to "
        "commit today: %(ask)s What would you need to say yes?"
    ),
    Stance.UNDECIDED: gettext_lazy(
        "We are your constituents and this matters to us and to our neighbors. We are asking "
        "you: %(ask)s What questions can we answer to help you decide?"
    ),
    Stance.LEANING_NO: gettext_lazy(
        "We are your constituents. We understand you have doubts, and we would like to hear "
        "them. We are asking you to reconsider: %(ask)s"
    ),
    Stance.OPPOSES: gettext_lazy(
        "We are your constituents and we disagree with your position. We ask you to "
        "reconsider: %(ask)s We will keep telling our neighbors where you stand."
    ),
    Stance.NO_RESPONSE: gettext_lazy(
        "We are your constituents and we have not yet heard where you stand. Please tell us: "
        "%(ask)s"
    ),
}


def default_script(*, campaign: Campaign, stance: str) -> str:
    """The default text for `stance`, with the campaign's ask filled in."""
    template = DEFAULT_SCRIPTS.get(stance, DEFAULT_SCRIPTS[Stance.NO_RESPONSE])
    return str(template) % {"ask": localized(campaign, "ask").strip()}


def _own_text(script: CampaignScript | None) -> str:
    """The team's own text in the reader's language ("" when it has none for them)."""
    return (localized(script, "body") or "").strip() if script is not None else ""


def scripts_for(*, campaign: Campaign) -> dict[str, str]:
    """Every stance's script for the campaign (its own text, else the default), in one query."""
    own = {s.stance: s for s in CampaignScript.objects.filter(campaign=campaign)}
    return {
        stance: _own_text(own.get(stance)) or default_script(campaign=campaign, stance=stance)
        for stance in Stance.values
    }


def script_values(*, campaign: Campaign, official: Official | None, stance: str) -> dict[str, str]:
    """The merge fields a script may use (toolkits.merge, place "campaign_script"), as text.

    An official's office is the campaign's target body (the only one its officials sit on) and
    the official's district, which callers select with the official.
    """
    values = {
        "campaign.title": localized(campaign, "title"),
        "campaign.ask": localized(campaign, "ask"),
        "campaign.url": settings.SITE_URL + campaign.get_absolute_url(),
    }
    if official is not None:
        office = campaign.target_body.name
        if official.district_id:
            office = f"{office}, {official.district.name}"
        values |= {
            "official.name": official.name,
            "official.title": office,
            "official.stance": str(Stance(stance).label) if stance in Stance.values else "",
        }
    return values


def script_fill(
    *, text: str, campaign: Campaign, stance: str, official: Official | None = None
) -> str:
    """A script's text with its merge fields filled; fields without a value show as blanks."""
    if "{{" not in text:
        return text
    values = script_values(campaign=campaign, official=official, stance=stance)
    return merge_render(text=text, place="campaign_script", values=values)


def script_for(*, campaign: Campaign, stance: str, official: Official | None = None) -> str:
    """The script constituents use with an official whose current stance is `stance`."""
    body = _own_text(CampaignScript.objects.filter(campaign=campaign, stance=stance).first())
    if not body:
        return default_script(campaign=campaign, stance=stance)
    return script_fill(text=body, campaign=campaign, stance=stance, official=official)
