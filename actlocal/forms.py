"""Extra fields on the allauth sign-up form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
