"""Forms of an organization's public profile: the logo fields (shared with the admin), the
profile its managers keep, and naming or removing managers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.images import ImageRejected, image_check, image_size_check
from actlocal.models import Topic

from .forms import phone_clean
from .models import Affiliation, Organization
from .profile_selectors import organization_manager_candidates, organization_managers
from .profile_services import PROFILE_FIELDS

DESCRIPTION_MAX_LENGTH = 5000
IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif"


class OrganizationLogoFields(forms.Form):
    """A new logo or none, checked by content here; `logo_alt` (a model field of the form it is
    mixed into) is required whenever the organization keeps or gets a logo."""

    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "A JPEG, PNG, WebP or GIF; it is resized. Leave empty to keep the current one."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("logo_upload")
        if upload:
            try:
                # The size first: a huge upload is refused before it is read into memory.
                image_size_check(size=upload.size)
                image_check(data=upload.read())
            except ImageRejected as exc:
                self.add_error("logo_upload", str(exc))
            upload.seek(0)
        instance = getattr(self, "instance", None)
        kept = bool(instance and instance.logo_image and not data.get("logo_remove"))
        if (upload or kept) and not " ".join((data.get("logo_alt") or "").split()):
            self.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
        return data


class OrganizationProfileForm(OrganizationLogoFields, forms.ModelForm):
    """What an organization's managers keep: its public profile (see PROFILE_FIELDS)."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Issues the organization works on"),
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organization
        fields = [
            "description",
            "description_es",
            "website",
            "public_email",
            "public_phone",
            "topics",
            "logo_alt",
        ]
        labels = {
            "description": _("Description"),
            "description_es": _("Description in Spanish"),
            "public_email": _("Public contact email"),
            "public_phone": _("Public contact phone"),
            "logo_alt": _("Description of the logo"),
        }
        help_texts = {
            "description": _("A few sentences on what the organization does and where."),
            "public_email": _("Shown on the public page: use a shared address, not a person's."),
            "public_phone": _("Shown on the public page."),
            "logo_alt": _(
                "What the logo shows, for people who use a screen reader, e.g. “Blue house "
                "with the words Cambridge Tenants Union”. Required with a logo."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_es": forms.Textarea(attrs={"rows": 6, "lang": "es"}),
            "public_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("description", "description_es"):
            self.fields[name].validators.append(MaxLengthValidator(DESCRIPTION_MAX_LENGTH))
            self.fields[name].widget.attrs["maxlength"] = DESCRIPTION_MAX_LENGTH
        self.order_fields(["logo_upload", "logo_alt", "logo_remove"] + self.Meta.fields)
        if not (self.instance and self.instance.logo_image):
            del self.fields["logo_remove"]

    def clean_public_phone(self) -> str:
        return phone_clean(self.cleaned_data.get("public_phone"))

    def clean_logo_alt(self) -> str:
        return " ".join((self.cleaned_data.get("logo_alt") or "").split())

    def profile_changes(self) -> dict[str, str]:
        """The profile fields as the service takes them."""
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class ManagerGrantForm(forms.Form):
    """Name one of the organization's affiliated leaders (with an account) a manager."""

    affiliation = forms.ModelChoiceField(
        label=_("Leader"),
        queryset=Affiliation.objects.none(),
        empty_label=_("Choose a leader"),
        help_text=_("Leaders of this organization who have an account to sign in with."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["affiliation"]
        field.queryset = organization_manager_candidates(organization=organization)
        field.label_from_instance = _affiliation_label


class ManagerRevokeForm(forms.Form):
    """Take the right back from another manager (one's own stays: staff can take it)."""

    affiliation = forms.ModelChoiceField(queryset=Affiliation.objects.none())

    def __init__(self, *args: Any, organization: Organization, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["affiliation"]
        field.queryset = organization_managers(organization=organization).exclude(
            leader__user_id=user.pk
        )


def _affiliation_label(affiliation: Affiliation) -> str:
    if affiliation.role_title:
        return f"{affiliation.leader.name} ({affiliation.role_title})"
    return affiliation.leader.name
