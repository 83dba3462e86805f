"""Account forms: the extra sign-up field and the account deletion confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupProfileForm(forms.Form):
    # allauth's sign-up form inherits from this class and honours its field order.
    field_order = ["name", "email", "password1", "password2"]

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As you would like other leaders to see it."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


def delete_confirmation_word() -> str:
    """The word passwordless accounts type to confirm; translated with the interface."""
    return gettext("DELETE")


class AccountDeleteForm(forms.Form):
    """Asks for the password, or for the confirmation word when the account has none."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(label=_("Confirmation"), max_length=40)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            del self.fields["confirmation"]
        else:
            del self.fields["password"]
            word = delete_confirmation_word()
            self.fields["confirmation"].label = _("Type %(word)s to confirm") % {"word": word}
            self.fields["confirmation"].widget.attrs["autocomplete"] = "off"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."))
        return password

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"].strip()
        word = delete_confirmation_word()
        if value.upper() != word.upper():
            raise forms.ValidationError(
                _("To confirm, type the word %(word)s in the box.") % {"word": word}
            )
        return value


class LanguagePreferenceForm(forms.Form):
    """The language of a person's pages and mail (/me/); blank follows the browser."""

    language = forms.ChoiceField(
        label=_("Language of pages and emails"),
        required=False,
        help_text=_("Emails others send you through the site come in this language too."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", gettext("The language of my browser")),
            *User._meta.get_field("language").choices,
        ]
