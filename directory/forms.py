"""Forms of the directory: a leader's own profile and the contact relay."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import State, normalize_zip, zip_place
from actlocal.models import Topic

from .models import AreaLean, AreaType, Leader, LeaderRole

PHONE_ALLOWED = re.compile(r"^[0-9+().\-\s]+$")
PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 15
CONTACT_BODY_MIN_LENGTH = 10

# Shown under each visibility choice on /me/: what the choice means in practice.
VISIBILITY_DESCRIPTIONS = {
    Leader.Visibility.PUBLIC: _(
        "Your profile is listed in the public directory and on the map (placed at your ZIP "
        "code's area, never your address). Anyone can find you; signed-in members can send you "
        "a message through the site."
    ),
    Leader.Visibility.MEMBERS: _(
        "Only people signed in to ActLocal can find your profile and send you a message. "
        "Visitors without an account do not see you."
    ),
    Leader.Visibility.ORGANIZERS: _(
        "You are not listed in the directory. Only network organizers and staff can see your "
        "profile, so they can connect you with events and campaigns."
    ),
}


def _squash_spaces(value: str) -> str:
    return " ".join((value or "").split())


def zip_code_clean(value: str | None) -> str:
    """A real five-digit ZIP from typed text ('' for nothing), or the error to show."""
    value = (value or "").strip()
    if not value:
        return ""
    if not normalize_zip(value):
        raise forms.ValidationError(_("Enter a five-digit US ZIP code, such as 02139."))
    if zip_place(value) is None:
        raise forms.ValidationError(
            _("We could not find the ZIP code %(zip)s. Please check it.")
            % {"zip": normalize_zip(value)}
        )
    return normalize_zip(value)


def phone_clean(value: str | None) -> str:
    """A phone number as typed, spaces squashed ('' for nothing), or the error to show."""
    value = _squash_spaces(value or "")
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not (PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS):
        raise forms.ValidationError(
            _("Enter a phone number with digits only, such as 617-555-0123.")
        )
    return value


class LeaderProfileForm(forms.ModelForm):
    """What a leader edits about themself on /me/. Email is managed through the account."""

    roles = forms.ModelMultipleChoiceField(
        label=_("What you do"),
        queryset=LeaderRole.objects.order_by(ReaderOrder("name"), "id"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Issues you work on"),
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Others working on the same issues near you can find you by them."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that ActLocal shows my profile (name, city, state, roles, issues, "
            "organizations and bio) to the people I chose above."
        ),
        required=False,
        help_text=_(
            "Needed to be visible to the public or to members. You can withdraw it here "
            "at any time by choosing “organizers only”."
        ),
    )

    class Meta:
        model = Leader
        fields = [
            "name",
            "city",
            "state",
            "zip_code",
            "area_type",
            "area_lean",
            "roles",
            "topics",
            "bio",
            "phone",
            "visibility",
        ]
        labels = {
            "name": _("Your name"),
            "zip_code": _("ZIP code"),
            "area_type": _("What kind of area is it?"),
            "area_lean": _("How does your area usually vote?"),
            "bio": _("Short bio"),
            "phone": _("Phone number (private)"),
            "visibility": _("Who can see your profile?"),
        }
        help_texts = {
            "zip_code": _("Five digits. Places you on the map by area only, never by address."),
            "bio": _("A few sentences about your work and what you would like help with."),
            "phone": _("Never shown on the site. Staff may use it to reach you about your work."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "zip_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
            ),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].required = True
        self.fields["state"].required = True
        self.fields["state"].choices = [("", _("Choose a state"))] + list(State.choices)
        self.fields["area_type"].choices = [("", _("Prefer not to say"))] + list(AreaType.choices)
        self.fields["area_lean"].choices = [("", _("Prefer not to say"))] + list(AreaLean.choices)
        # Ticked only when the person ticked it themselves (their wording is on record): a
        # consent assumed by an older sign-up or an import is never presented as theirs.
        self.fields["consent"].initial = bool(self.instance and self.instance.consent_text)

    def clean_name(self) -> str:
        name = _squash_spaces(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_city(self) -> str:
        return _squash_spaces(self.cleaned_data["city"])

    def clean_zip_code(self) -> str:
        return zip_code_clean(self.cleaned_data.get("zip_code"))

    def clean_phone(self) -> str:
        return phone_clean(self.cleaned_data.get("phone"))

    def clean(self) -> dict:
        cleaned = super().clean()
        zip_code, state = cleaned.get("zip_code"), cleaned.get("state")
        place = zip_place(zip_code) if zip_code else None
        if place and state and place.state != state:
            self.add_error(
                "zip_code",
                _("ZIP code %(zip)s is in %(zip_state)s, not %(state)s.")
                % {
                    "zip": zip_code,
                    "zip_state": _state_label(place.state),
                    "state": _state_label(state),
                },
            )
        visibility = cleaned.get("visibility")
        if visibility in (Leader.Visibility.PUBLIC, Leader.Visibility.MEMBERS) and not cleaned.get(
            "consent"
        ):
            self.add_error(
                "consent",
                _(
                    "To be visible to the public or to members, tick this box. Otherwise choose "
                    "“organizers only”."
                ),
            )
        return cleaned

    def consent_wording(self) -> str:
        """The words the person agrees to by ticking the box, kept with the consent's time."""
        return str(self.fields["consent"].label)

    def visibility_choices(self) -> list[dict]:
        """The visibility radios with their explanations, for the template."""
        descriptions = {str(key): value for key, value in VISIBILITY_DESCRIPTIONS.items()}
        return [
            {"radio": radio, "description": descriptions.get(str(radio.data["value"]), "")}
            for radio in self["visibility"]
        ]


def _state_label(code: str) -> str:
    try:
        return str(State(code).label)
    except ValueError:
        return code


class ContactMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        min_length=CONTACT_BODY_MIN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say who you are and why you are writing. Plain text, up to 5,000 characters."),
    )

    def clean_subject(self) -> str:
        # A subject ends up in a mail header: no line breaks or control characters.
        subject = _squash_spaces(re.sub(r"[\x00-\x1f\x7f]", " ", self.cleaned_data["subject"]))
        if not subject:
            raise forms.ValidationError(_("Please write a subject."))
        return subject

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        body = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", body)
        if len(body) < CONTACT_BODY_MIN_LENGTH:
            raise forms.ValidationError(
                _("Please write a message of at least %(count)d characters.")
                % {"count": CONTACT_BODY_MIN_LENGTH}
            )
        return body
