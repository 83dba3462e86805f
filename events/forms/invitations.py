"""Forms of the invitation pages: who answers, pasted or uploaded lists, links, nominations."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from email.utils import parseaddr

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.filters import LeaderFilter
from directory.forms import zip_code_clean
from directory.models import Leader, Organization

from ..models import Invitation, Nomination

MAX_RECIPIENTS = 2000
MAX_UPLOAD_BYTES = 1024 * 1024
MAX_LINE_ERRORS_SHOWN = 10
NAME_HEADERS = ("name", "full name", "full_name")


class AnswererForm(forms.Form):
    """Name and email of someone answering through an invite link (or a first-time invitee)."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Your confirmation and reminders go here. It is never shown publicly."),
    )

    zip_code = forms.CharField(
        label=_("Your ZIP code"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        help_text=_("Five digits. Tells the team where people come from; never shown publicly."),
    )

    def __init__(self, *args, ask_email: bool = True, ask_zip: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_email:
            del self.fields["email"]
        if not ask_zip:
            del self.fields["zip_code"]

    def clean_zip_code(self) -> str:
        return zip_code_clean(self.cleaned_data.get("zip_code"))


# --- Lists of addresses ---------------------------------------------------------------------


def _line_errors_message(errors: list[tuple[int, str]], *, noun: str) -> str:
    shown = "; ".join(
        _("%(noun)s %(number)s: %(problem)s") % {"noun": noun, "number": n, "problem": p}
        for n, p in errors[:MAX_LINE_ERRORS_SHOWN]
    )
    more = len(errors) - MAX_LINE_ERRORS_SHOWN
    if more > 0:
        shown += " " + ngettext("(and %(n)s more)", "(and %(n)s more)", more) % {"n": more}
    return shown


def _check_address(raw: str) -> str | None:
    try:
        validate_email(raw)
    except ValidationError:
        return None
    return raw.lower()


def parse_pasted(text: str) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """("Name <email>" or "email") per line -> ([(email, name)], [(line number, problem)])."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, address = parseaddr(line)
        email = _check_address(address.strip()) if address and "@" in address else None
        if email is None or ("<" in line) != (">" in line):
            errors.append((number, _("“%(line)s” is not an email address.") % {"line": line[:80]}))
            continue
        rows.append((email, name.strip()))
    return rows, errors


def parse_csv(upload) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """A CSV with an email column (and optionally name) -> rows and per-row problems.

    Raises ValidationError for a file that cannot be read at all (size, encoding, headers).
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 1 MB; split it into smaller files."))
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.")
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        headers = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ValidationError(_("The file is empty.")) from exc
    if "email" not in headers:
        raise ValidationError(
            _("The first row must name the columns: one called “email”, optionally “name”.")
        )
    email_at = headers.index("email")
    name_at = next((headers.index(h) for h in NAME_HEADERS if h in headers), None)
    rows, errors = [], []
    try:
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            raw = record[email_at].strip() if len(record) > email_at else ""
            email = _check_address(raw)
            if email is None:
                errors.append(
                    (number, _("“%(value)s” is not an email address.") % {"value": raw[:80]})
                )
                continue
            name = record[name_at].strip() if name_at is not None and len(record) > name_at else ""
            rows.append((email, name))
    except csv.Error as exc:
        raise ValidationError(
            _("The file is not a readable CSV file: %(error)s") % {"error": exc}
        ) from exc
    return rows, errors


class InviteEmailsForm(forms.Form):
    addresses = forms.CharField(
        label=_("Paste addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "One per line: just the address, or a name and the address in angle brackets, "
            "e.g. “Ana Ruiz &lt;ana@example.org&gt;”."
        ),
    )
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        help_text=_(
            "UTF-8 CSV with a header row: an “email” column and optionally a “name” column."
        ),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload:
            self._csv_rows, errors = parse_csv(upload)
            if errors:
                raise ValidationError(
                    _("Nothing was sent. Fix these rows and upload again: %(rows)s")
                    % {"rows": _line_errors_message(errors, noun=_("Row"))}
                )
        return upload

    def clean_addresses(self):
        text = self.cleaned_data.get("addresses", "")
        self._pasted_rows, errors = parse_pasted(text)
        if errors:
            raise ValidationError(
                _("Nothing was sent. Fix these lines and try again: %(lines)s")
                % {"lines": _line_errors_message(errors, noun=_("Line"))}
            )
        return text

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        rows = getattr(self, "_pasted_rows", []) + getattr(self, "_csv_rows", [])
        if not rows:
            raise ValidationError(_("Paste at least one address or upload a CSV file."))
        if len(rows) > MAX_RECIPIENTS:
            raise ValidationError(
                _("At most %(max)s addresses at a time; split the list.") % {"max": MAX_RECIPIENTS}
            )
        self.rows = rows
        return data

    def recipients(self) -> list[tuple[str, str, None]]:
        return [(email, name, None) for email, name in self.rows]


# --- Choosing people -------------------------------------------------------------------------


class InviteLeaderFilter(LeaderFilter):
    """The directory's leader filters, with the organization as a visible choice."""

    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="affiliations__organization",
        queryset=Organization.objects.only("id", "slug", "name").order_by("name"),
        to_field_name="slug",
        empty_label=_("Any organization"),
        distinct=True,
        error_messages={"invalid_choice": _("There is no organization “%(value)s”.")},
    )


class SelectPeopleForm(forms.Form):
    """The checked people of a list page; only the ones offered can be chosen."""

    people = forms.ModelMultipleChoiceField(
        label=_("People to invite"),
        queryset=Leader.objects.none(),
        error_messages={
            "required": _("Select at least one person to invite."),
            "invalid_choice": _("One of the selected people is not on this list."),
            "invalid_pk_value": _("One of the selected people is not on this list."),
        },
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset

    def recipients(self) -> list[tuple[str, str, Leader]]:
        return [
            (leader.email, leader.name, leader)
            for leader in self.cleaned_data["people"]
            if leader.email
        ]


# --- Links, statuses, nominations ------------------------------------------------------------


class InviteLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("For your records, e.g. “Faith leaders list”."),
    )
    max_uses = forms.IntegerField(
        label=_("Uses allowed"),
        min_value=1,
        max_value=1000,
        help_text=_("How many people can accept with this link."),
    )
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("In the event's time zone."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["expires_at"].help_text = _("In the event's time zone (%(tz)s).") % {
            "tz": event.time_zone
        }
        if not self.is_bound:
            default = min(event.starts_at, timezone.now() + timedelta(days=14))
            self.initial.setdefault(
                "expires_at", default.astimezone(event.tzinfo).replace(tzinfo=None)
            )

    def clean_expires_at(self) -> datetime:
        value = self.cleaned_data["expires_at"]
        # The form read the wall time in the server's zone; it was typed in the event's.
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        value = timezone.make_aware(value, self.event.tzinfo)
        if value <= timezone.now():
            raise ValidationError(_("The expiry must be in the future."))
        return value


class InvitationStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))] + list(Invitation.Status.choices),
        error_messages={"invalid_choice": _("“%(value)s” is not an invitation status.")},
    )


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["name", "email", "reason"]
        labels = {"name": _("Their name"), "email": _("Their email"), "reason": _("Why them?")}
        help_texts = {
            "email": _("Only the organizing team sees it; the invitation goes there if approved."),
            "reason": _("A sentence or two for the team: what they do, why they should come."),
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
