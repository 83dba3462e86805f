"""Filters of the public campaign pages: the campaign list and the scoreboard.

Every value arrives in a shareable URL, so every value is validated: an unknown kind, status,
state, stance, party or region is a form error the page shows with status 400, never a silent
no-op and never a 500.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.geo import State
from actlocal.widgets import FastSelect, FrozenChoices

from .models import Campaign, Stance
from .scoreboard import STANCE_ORDER, Scoreboard

PUBLIC_STATUSES = [(v, label) for v, label in Campaign.Status.choices if v != "draft"]


def _invalid(message) -> dict:
    return {"invalid_choice": message}


class CampaignFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of campaign"),
        choices=FrozenChoices(Campaign.Kind.choices),
        empty_label=_("Any kind"),
        error_messages=_invalid(
            _("“%(value)s” is not a kind of campaign. Choose one from the list.")
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=FrozenChoices(PUBLIC_STATUSES),
        empty_label=_("Any status"),
        error_messages=_invalid(
            _("“%(value)s” is not a campaign status. Choose one from the list.")
        ),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        field_name="target_body__state",
        choices=FrozenChoices(State.choices),
        empty_label=_("Any state"),
        widget=FastSelect,
        error_messages=_invalid(_("“%(value)s” is not a US state code we know.")),
    )

    class Meta:
        model = Campaign
        fields: list[str] = []

    def summary(self) -> list[str]:
        """Human words for the filters in use, e.g. ['Local ordinance', 'Massachusetts']."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        parts = []
        if data.get("kind"):
            parts.append(str(Campaign.Kind(data["kind"]).label))
        if data.get("status"):
            parts.append(str(Campaign.Status(data["status"]).label))
        if data.get("state"):
            parts.append(str(State(data["state"]).label))
        return parts


class ScoreboardFilterForm(forms.Form):
    """Stance, party and region of the officials shown; the choices come from the scoreboard."""

    stance = forms.ChoiceField(
        label=_("Stance"),
        required=False,
        error_messages=_invalid(_("“%(value)s” is not a stance. Choose one from the list.")),
    )
    party = forms.ChoiceField(
        label=_("Party"),
        required=False,
        error_messages=_invalid(
            _("No official on this scoreboard belongs to the party “%(value)s”.")
        ),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        error_messages=_invalid(_("There is no region “%(value)s” on this scoreboard.")),
    )
    q = forms.CharField(
        label=_("District or official"),
        required=False,
        max_length=100,
        help_text=_("Part of a district’s or an official’s name, e.g. “Hampden”."),
    )
    # Which page of the table; not a filter (the counts and exports ignore it).
    page = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("The page must be a whole number."),
            "min_value": _("The page must be 1 or more."),
        },
    )

    def __init__(self, *args, board: Scoreboard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stance"].choices = [("", _("Any stance"))] + [
            (s, Stance(s).label) for s in STANCE_ORDER
        ]
        self.fields["party"].choices = [("", _("Any party"))] + [(p, p) for p in board.parties]
        self.fields["region"].choices = [("", _("Any region"))] + [(r, r) for r in board.regions]

    def selection(self) -> dict[str, str]:
        """The filters in use (valid form only), e.g. {'stance': 'supports'}."""
        return {k: v for k, v in self.cleaned_data.items() if v and k != "page"}

    def summary(self) -> list[str]:
        chosen = self.selection()
        parts = []
        if chosen.get("stance"):
            parts.append(str(Stance(chosen["stance"]).label))
        if chosen.get("party"):
            parts.append(chosen["party"])
        if chosen.get("region"):
            parts.append(chosen["region"])
        if chosen.get("q"):
            parts.append(_("“%(text)s” in the name") % {"text": chosen["q"]})
        return parts

    def error_lines(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]
