"""Forms of the campaign set-up pages: the campaign, its team, scripts and targeted officials."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import State
from actlocal.models import Topic
from actlocal.translated import SPANISH_HELP
from actlocal.widgets import FastSelect
from directory.models import Organization, Resource
from toolkits.merge import merge_unknown_fields

from ..models import Body, Campaign, CampaignScript, Official, PlaybookTemplate, Stance
from ..services.campaigns import ASK_MAX_LENGTH, BODY_FIELDS, EDITABLE_FIELDS, ask_problem

DEFAULT_PLAYBOOK = "Local ordinance"
LOCAL_KINDS = [
    (value, label)
    for value, label in Body.Kind.choices
    if value
    in (
        Body.Kind.CITY_COUNCIL,
        Body.Kind.SELECT_BOARD,
        Body.Kind.TOWN_MEETING,
        Body.Kind.COUNTY,
        Body.Kind.OTHER,
    )
]
GOVERNMENTS = [(value, label) for value, label in Body.Government.choices if value]


def body_label(body: Body) -> str:
    """How a body reads in a list: a local one with its place and form of government."""
    if not body.municipality:
        return f"{body.name} ({body.state})"
    label = f"{body.name} — {body.municipality}, {body.state}"
    if body.form_of_government:
        label += f" ({body.get_form_of_government_display()})"
    return label


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return body_label(obj)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm):
    """Create or edit a campaign. A new local body can be described instead of choosing one."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Campaign.Kind.choices,
        initial=Campaign.Kind.LEGISLATIVE,
        widget=forms.RadioSelect,
    )
    target_body = BodyChoiceField(
        label=_("Target body"),
        queryset=Body.objects.order_by("state", "municipality", "name"),
        required=False,
        empty_label=_("— a new local body, described below —"),
        widget=FastSelect,
        help_text=_(
            "Local bodies show their city or town and form of government. For a local "
            "ordinance campaign, choose a local body."
        ),
    )
    new_body_name = forms.CharField(
        label=_("Name of the body"),
        max_length=200,
        required=False,
        help_text=_("E.g. Northampton City Council."),
    )
    new_body_municipality = forms.CharField(label=_("City or town"), max_length=100, required=False)
    new_body_state = forms.ChoiceField(
        label=_("State"), choices=[("", "—"), *State.choices], required=False, widget=FastSelect
    )
    new_body_kind = forms.ChoiceField(
        label=_("Kind of body"), choices=[("", "—"), *LOCAL_KINDS], required=False
    )
    new_body_form_of_government = forms.ChoiceField(
        label=_("Form of government"), choices=[("", "—"), *GOVERNMENTS], required=False
    )
    playbook = forms.ModelChoiceField(
        label=_("Start from a playbook"),
        queryset=PlaybookTemplate.objects.order_by(ReaderOrder("name"), "id"),
        required=False,
        empty_label=_("No playbook: I will add steps myself"),
        help_text=_("For local ordinance campaigns: its steps are copied into the campaign."),
    )
    issue_kit = forms.ModelChoiceField(
        label=_("Start from an issue kit"),
        queryset=None,
        required=False,
        empty_label=_("No issue kit"),
        help_text=_(
            "Its documents are linked to the campaign, and to the playbook steps they serve "
            "(arguments for and against, outreach, the steps to an ordinance)."
        ),
    )
    draft_text_url = forms.URLField(
        label=_("Draft ordinance text"),
        required=False,
        assume_scheme="https",
        help_text=_("For an ordinance: a link to the draft text (a toolkit or a document)."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Issues"),
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("Toolkits and resources"),
        queryset=Resource.objects.order_by("title").only("id", "title"),
        required=False,
        help_text=_("From the directory. Hold Ctrl (or Cmd) to choose several."),
    )
    coalition_partners = forms.ModelMultipleChoiceField(
        label=_("Coalition partners"),
        queryset=Organization.objects.order_by("name").only("id", "name"),
        required=False,
        help_text=_("From the directory. Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Campaign
        fields = [
            "kind",
            "title",
            "summary",
            "target_body",
            "ask",
            "title_es",
            "summary_es",
            "ask_es",
            "reference",
            "draft_text_url",
            "meeting_goal",
            "votes_needed",
            "starts_on",
            "ends_on",
            "status",
            "stale_after_weeks",
            "topics",
            "resources",
            "coalition_partners",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "ask": forms.TextInput(attrs={"maxlength": ASK_MAX_LENGTH}),
            "summary_es": forms.Textarea(attrs={"rows": 4}),
            "ask_es": forms.TextInput(attrs={"maxlength": ASK_MAX_LENGTH}),
            "starts_on": DateInput,
            "ends_on": DateInput,
        }
        help_texts = {
            "ask": _("One sentence officials answer yes or no, at most 300 characters."),
            "meeting_goal": _("How many constituent meetings the campaign aims to hold."),
            "votes_needed": _("Yes votes needed to pass."),
        }

    def __init__(self, *args, creating: bool = False, issue_kits=None, **kwargs):
        """`issue_kits`: the published issue kits the person may start from (creating only)."""
        super().__init__(*args, **kwargs)
        self.creating = creating
        if creating and issue_kits is not None:
            self.fields["issue_kit"].queryset = issue_kits
        else:
            del self.fields["issue_kit"]
        if creating:
            self.initial.setdefault(
                "playbook",
                PlaybookTemplate.objects.filter(name=DEFAULT_PLAYBOOK)
                .values_list("pk", flat=True)
                .first(),
            )
        else:
            del self.fields["playbook"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the campaign a title."))
        return title

    def clean_ask(self) -> str:
        ask = (self.cleaned_data.get("ask") or "").strip()
        problem = ask_problem(ask)
        if problem:
            raise forms.ValidationError(problem)
        return ask

    def _new_body(self) -> dict | None:
        values = {name: self.cleaned_data.get(f"new_body_{name}") or "" for name in BODY_FIELDS}
        values = {name: " ".join(str(value).split()) for name, value in values.items()}
        return values if any(values.values()) else None

    def clean(self):
        cleaned = super().clean()
        body, new_body = cleaned.get("target_body"), self._new_body()
        if body is not None and new_body is not None:
            self.add_error(
                "new_body_name", _("Choose a body in the list or describe a new one, not both.")
            )
        elif body is None and new_body is None:
            self.add_error("target_body", _("Choose the body the campaign targets."))
        elif new_body is not None:
            for name in ("name", "municipality", "state", "kind"):
                if not new_body[name]:
                    self.add_error(f"new_body_{name}", _("Needed for a new local body."))
        kind = cleaned.get("kind")
        if kind == Campaign.Kind.ORDINANCE and body is not None and not body.municipality:
            self.add_error(
                "target_body",
                _("A local ordinance campaign targets a local body: a council, a select board…"),
            )
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", _("The end must come after the start."))
        return cleaned

    def campaign_data(self) -> dict:
        """The model fields for campaigns.services (without the many-to-many ones)."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def new_body(self) -> dict | None:
        return self._new_body() if self.cleaned_data.get("target_body") is None else None


# Field names of the new-body part of the form, for the template.
NEW_BODY_FIELDS = [f"new_body_{name}" for name in BODY_FIELDS]


class ScriptsForm(forms.Form):
    """One text per stance; an empty text means the default (shown next to it)."""

    def __init__(self, *args, defaults: dict[str, str], own: dict[str, CampaignScript], **kwargs):
        super().__init__(*args, **kwargs)
        for stance, label in Stance.choices:
            script = own.get(stance)
            self.fields[stance] = forms.CharField(
                label=_("For officials who: %(stance)s") % {"stance": label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=script.body if script else "",
            )
            self.fields[f"{stance}_es"] = forms.CharField(
                label=_("In Spanish, for officials who: %(stance)s") % {"stance": label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=script.body_es if script else "",
                help_text=SPANISH_HELP,
            )
        self.defaults = defaults

    def clean(self):
        cleaned = super().clean()
        for name in [*Stance.values, *(f"{stance}_es" for stance in Stance.values)]:
            unknown = merge_unknown_fields(text=cleaned.get(name) or "", place="campaign_script")
            if unknown:
                self.add_error(
                    name,
                    _("Unknown fields: %(unknown)s. Use only the fields listed above.")
                    % {"unknown": ", ".join(unknown)},
                )
        return cleaned

    def bodies(self) -> dict[str, str]:
        return {stance: self.cleaned_data.get(stance, "") for stance in Stance.values}

    def bodies_es(self) -> dict[str, str]:
        return {stance: self.cleaned_data.get(f"{stance}_es", "") for stance in Stance.values}

    def rows(self) -> list[tuple]:
        """(bound field, bound Spanish field, default text) per stance, for the template."""
        return [
            (self[stance], self[f"{stance}_es"], self.defaults[stance]) for stance in Stance.values
        ]


class TargetAddForm(forms.Form):
    official = forms.ModelChoiceField(
        label=_("Official"), queryset=Official.objects.none(), widget=FastSelect
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = (
            Official.objects.current()
            .filter(body_id=campaign.target_body_id)
            .exclude(campaign_targets__campaign=campaign)
            .select_related("district")
            .order_by("family_name", "name", "id")
        )
        self.fields["official"].label_from_instance = lambda o: (
            f"{o.name} — {o.district}" if o.district_id else o.name
        )


class TargetRolesForm(forms.Form):
    is_sponsor = forms.BooleanField(label=_("Sponsor"), required=False)
    is_champion = forms.BooleanField(label=_("Champion"), required=False)
