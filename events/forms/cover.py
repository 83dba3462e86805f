"""The cover picture form: a file and its description (required: pictures need alt text)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EventCoverForm(forms.Form):
    image = forms.FileField(
        label=_("Picture"),
        help_text=_("A JPEG, PNG, WebP or GIF. It is resized; a wide picture works best."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    alt = forms.CharField(
        label=_("Description of the picture"),
        max_length=200,
        help_text=_(
            "What it shows, for people who use a screen reader, e.g. “Volunteers at the "
            "2025 convening”."
        ),
    )
