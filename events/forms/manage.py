"""Forms of the organizer set-up pages: the event, its team, agenda, questions, reminders, kits.

Times are typed as local wall-clock times of the event's time zone and turned into aware
datetimes here, so a team in Denver types 9:00 and attendees in Denver read 9:00.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import normalize_zip
from actlocal.models import Topic
from actlocal.time_fields import LocalDateTimeField, TimeZoneField, aware_to_local, local_to_aware
from actlocal.translated import SPANISH_HELP, text_lines
from actlocal.widgets import FastSelect
from directory.models import Leader, Organization

from ..models import Event, Question, Session
from ..services.agenda import MAX_REMINDER_HOURS, MIN_REMINDER_HOURS


def _clean_zip(value: str) -> str:
    value = (value or "").strip()
    if value and normalize_zip(value) is None:
        raise forms.ValidationError(_("Enter a five-digit ZIP code, like 02139."))
    return normalize_zip(value) or ""


class TimesMixin:
    """Turns starts_local/ends_local (+ the zone) into starts_at/ends_at in cleaned_data."""

    def _zone_name(self) -> str | None:
        return self.cleaned_data.get("time_zone")

    def clean(self):
        cleaned = super().clean()
        zone = self._zone_name()
        start, end = cleaned.get("starts_local"), cleaned.get("ends_local")
        if not zone or start is None or end is None:
            return cleaned
        try:
            cleaned["starts_at"] = local_to_aware(start, zone)
        except forms.ValidationError as exc:
            self.add_error("starts_local", exc)
        try:
            cleaned["ends_at"] = local_to_aware(end, zone)
        except forms.ValidationError as exc:
            self.add_error("ends_local", exc)
        for name in ("starts_at", "ends_at"):
            # The inputs show whole minutes: an untouched time keeps its stored seconds, so it
            # does not count as a change (which would notify every attendee).
            stored = getattr(getattr(self, "instance", None), name, None)
            if stored and cleaned.get(name) == stored.replace(second=0, microsecond=0):
                cleaned[name] = stored
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_local", _("The end must come after the start."))
        return cleaned


def _organization_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organization.objects.order_by("name").only("id", "name"),
        required=False,
        widget=FastSelect,
        **kwargs,
    )


class EventForm(TimesMixin, forms.ModelForm):
    """Create or edit an event (also a kit's details)."""

    starts_local = LocalDateTimeField(label=_("Starts"))
    ends_local = LocalDateTimeField(label=_("Ends"))
    time_zone = TimeZoneField()
    topics = forms.ModelMultipleChoiceField(
        label=_("Issues"),
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Number of seats. Leave empty for no limit."),
    )
    host_organization = _organization_field(label=_("Host organization"))
    co_hosts = forms.ModelMultipleChoiceField(
        label=_("Co-hosts"),
        queryset=Organization.objects.order_by("name").only("id", "name"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "title_es",
            "description",
            "description_es",
            "kit_contents",
            "kit_contents_es",
            "topics",
            "venue",
            "address",
            "city",
            "state",
            "zip_code",
            "capacity",
            "visibility",
            "host_organization",
            "co_hosts",
            "invitation_text",
            "invitation_text_es",
            "confirmation_text",
            "confirmation_text_es",
            "reminder_text",
            "reminder_text_es",
        ]
        widgets = {"visibility": forms.RadioSelect, "state": FastSelect}

    field_order = ["kind", "title", "description", "starts_local", "ends_local", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if not event.is_template:
            del self.fields["kit_contents"]
            del self.fields["kit_contents_es"]
        else:
            self.fields["kit_contents"].help_text = _(
                "Shown to organizers choosing a kit. Never copied to the events made from it: "
                "the description above is what the public sees."
            )
        if event.pk:
            zone = event.tzinfo
            self.initial.setdefault("starts_local", aware_to_local(event.starts_at, zone))
            self.initial.setdefault("ends_local", aware_to_local(event.ends_at, zone))
            self.initial.setdefault("time_zone", event.time_zone)
        else:
            self.initial.setdefault("time_zone", "America/New_York")

    def clean_zip_code(self) -> str:
        return _clean_zip(self.cleaned_data.get("zip_code", ""))

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the event a title."))
        return title

    def event_data(self) -> dict:
        """The model fields for events.services (without the many-to-many ones)."""
        names = [
            n for n in self.Meta.fields if n not in ("topics", "co_hosts") and n in self.fields
        ]
        data = {name: self.cleaned_data[name] for name in names}
        data.update(
            starts_at=self.cleaned_data["starts_at"],
            ends_at=self.cleaned_data["ends_at"],
            time_zone=self.cleaned_data["time_zone"],
        )
        return data


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this event and tell everyone going or on the waitlist."),
        required=True,
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )


class FollowupForm(TimesMixin, forms.ModelForm):
    """A follow-up gathering (a dinner by default), in the parent event's time zone."""

    starts_local = LocalDateTimeField(label=_("Starts"))
    ends_local = LocalDateTimeField(label=_("Ends"))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Seats at the table. Leave empty for no limit."),
    )
    invite_only = forms.BooleanField(
        label=_("Invite-only"),
        required=False,
        initial=True,
        help_text=_("Hidden except to the people you invite, usually from the event's attendees."),
    )
    host_organization = _organization_field(label=_("Host organization"))

    class Meta:
        model = Event
        fields = ["kind", "title", "description", "venue", "address", "capacity"]

    field_order = ["kind", "title", "description", "starts_local", "ends_local"]

    def __init__(self, *args, parent: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.initial.setdefault("kind", Event.Kind.DINNER)
        self.initial.setdefault("host_organization", parent.host_organization_id)
        self.fields["starts_local"].help_text = _("Local time in %(zone)s.") % {
            "zone": parent.time_zone
        }

    def _zone_name(self) -> str:
        return self.parent.time_zone

    def event_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.update(
            starts_at=self.cleaned_data["starts_at"],
            ends_at=self.cleaned_data["ends_at"],
            host_organization=self.cleaned_data["host_organization"],
            visibility=(
                Event.Visibility.INVITE_ONLY
                if self.cleaned_data["invite_only"]
                else Event.Visibility.PUBLIC
            ),
        )
        return data


class SessionForm(TimesMixin, forms.ModelForm):
    """One agenda session; times are local to the event."""

    starts_local = LocalDateTimeField(label=_("Starts"))
    ends_local = LocalDateTimeField(label=_("Ends"))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Seats in the room. Leave empty for no limit."),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=Leader.objects.none(),
        required=False,
        help_text=_("Leaders from the directory. Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Session
        fields = [
            "kind",
            "title",
            "title_es",
            "description",
            "description_es",
            "room",
            "capacity",
            "signup_required",
            "facilitators",
        ]

    field_order = ["kind", "title", "description", "starts_local", "ends_local", "room"]

    def __init__(self, *args, event: Event, leaders, leader_choices, **kwargs):
        """`leaders`: who may be chosen (validation); `leader_choices`: who is listed."""
        super().__init__(*args, **kwargs)
        self.event = event
        zone = event.tzinfo
        if self.instance.pk:
            self.initial.setdefault("starts_local", aware_to_local(self.instance.starts_at, zone))
            self.initial.setdefault("ends_local", aware_to_local(self.instance.ends_at, zone))
        field = self.fields["facilitators"]
        field.queryset = leaders
        # Set after the queryset: listing every leader of a large directory would be slow.
        field.widget.choices = [(leader.pk, leader.name) for leader in leader_choices]
        for name in ("starts_local", "ends_local"):
            self.fields[name].widget.attrs.update(
                min=f"{event.local_start.date().isoformat()}T00:00",
                max=f"{event.local_end.date().isoformat()}T23:59",
            )

    def _zone_name(self) -> str:
        return self.event.time_zone

    def session_data(self) -> dict:
        names = [n for n in self.Meta.fields if n != "facilitators"]
        data = {name: self.cleaned_data[name] for name in names}
        data.update(starts_at=self.cleaned_data["starts_at"], ends_at=self.cleaned_data["ends_at"])
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "label_es", "kind", "choices", "choices_es", "required"]
        widgets = {
            "kind": forms.RadioSelect,
            "choices": forms.Textarea(attrs={"rows": 4}),
            "choices_es": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"choices": _("For a choice question: one choice per line, at least two.")}

    def clean(self):
        cleaned = super().clean()
        kind, choices = cleaned.get("kind"), cleaned.get("choices", "")
        if kind == Question.Kind.CHOICE:
            lines = {line.strip() for line in (choices or "").splitlines() if line.strip()}
            if len(lines) < 2:
                self.add_error("choices", _("Give at least two different choices, one per line."))
            spanish = text_lines(cleaned.get("choices_es") or "")
            if len(spanish) > len(text_lines(choices or "")):
                self.add_error(
                    "choices_es", _("Give one Spanish line per choice, in the same order.")
                )
        return cleaned

    def question_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReminderForm(forms.Form):
    UNITS = (("hours", _("hours before")), ("days", _("days before")))

    amount = forms.IntegerField(label=_("How long before the start"), min_value=1)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="days")

    def __init__(self, *args, taken: set[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = taken

    def clean(self):
        cleaned = super().clean()
        amount, unit = cleaned.get("amount"), cleaned.get("unit")
        if amount is None or unit is None:
            return cleaned
        hours = amount * 24 if unit == "days" else amount
        if not MIN_REMINDER_HOURS <= hours <= MAX_REMINDER_HOURS:
            self.add_error("amount", _("Choose between 1 hour and 60 days."))
        elif hours in self.taken:
            self.add_error("amount", _("A reminder at that time is already scheduled."))
        cleaned["hours_before"] = hours
        return cleaned


class KitSaveForm(forms.Form):
    # Optional: the dashboard's one-button form posts no name and gets "Kit: <event title>".
    title = forms.CharField(
        label=_("Name of the kit"),
        max_length=200,
        required=False,
        help_text=_("For example: One-day convening with a dinner."),
    )
    contents = forms.CharField(
        label=_("What this kit contains"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For organizers choosing a kit. Events made from it keep their own public description."
        ),
    )
    contents_es = forms.CharField(
        label=_("What this kit contains, in Spanish"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=SPANISH_HELP,
    )


class KitUseForm(forms.Form):
    """Where and when the new event from a kit takes place."""

    title = forms.CharField(label=_("Title of the new event"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_zone = TimeZoneField()
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    address = forms.CharField(label=_("Street address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    state = forms.ChoiceField(label=_("State"), widget=FastSelect)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to keep the kit's number of seats."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "---------"), *Event._meta.get_field("state").choices]

    def clean_zip_code(self) -> str:
        return _clean_zip(self.cleaned_data.get("zip_code", ""))

    def clean(self):
        cleaned = super().clean()
        day, time, zone = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("time_zone")
        if day and time and zone:
            try:
                cleaned["starts_at"] = local_to_aware(dt.datetime.combine(day, time), zone)
            except forms.ValidationError as exc:
                self.add_error("start_time", exc)
            else:
                if cleaned["starts_at"] <= timezone.now():
                    self.add_error("date", _("Choose a date in the future."))
        return cleaned
