"""Forms of the meeting pages: the team's meeting form and list filter, grouping constituents
into a meeting team, and the report after the meeting.

Times are typed as wall-clock times of the meeting's own zone (actlocal.time_fields), so a team
in Chicago types 9:00 and its constituents read 9:00.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.time_fields import LocalDateTimeField, TimeZoneField, aware_to_local, local_to_aware

from ..models import Campaign, CampaignMember, Meeting, Official, Stance
from ..services.meetings import (
    MeetingDetails,
    ReportInput,
    campaign_officials,
    first_name,
    meeting_zone,
    official_constituents,
)

DEFAULT_ZONE = "America/New_York"


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        district = obj.district.name if obj.district_id else _("no district")
        return f"{obj.name} ({district})"


class ConstituentChoiceField(forms.ModelMultipleChoiceField):
    """Constituents by full name and where they live: only the team sees this form."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: CampaignMember) -> str:
        where = ", ".join(
            part
            for part in [
                obj.municipality,
                _("ward %(ward)s") % {"ward": obj.ward} if obj.ward else "",
                _("precinct %(precinct)s") % {"precinct": obj.precinct} if obj.precinct else "",
            ]
            if part
        )
        return f"{obj.leader.name} ({where})" if where else obj.leader.name


class MeetingForm(forms.Form):
    """Create (with an official) or edit (official fixed) a meeting."""

    official = OfficialChoiceField(
        label=_("Official"), queryset=Official.objects.none(), empty_label=_("Choose an official")
    )
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)
    scheduled_local = LocalDateTimeField(
        label=_("Date and time"),
        required=False,
        help_text=_("Needed once the meeting is scheduled. In the time zone below."),
    )
    time_zone = TimeZoneField(initial=DEFAULT_ZONE)
    format = forms.ChoiceField(
        label=_("Format"), choices=Meeting.Format.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("An address, the office's room, or the video call link."),
    )
    attendees = ConstituentChoiceField(
        label=_("Constituents on the meeting team"),
        queryset=CampaignMember.objects.none(),
        required=False,
        help_text=_("Only constituents of the official’s district can be added."),
    )
    notes = forms.CharField(
        label=_("Notes for the team"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Constituents on the meeting team do not see these notes."),
    )

    def __init__(
        self,
        *args,
        campaign: Campaign,
        meeting: Meeting | None = None,
        official: Official | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.meeting = meeting
        if meeting is not None:
            del self.fields["official"]
            official = meeting.official
            if not self.is_bound:
                self.initial.update(self._initial_from(meeting))
        else:
            self.fields["official"].queryset = campaign_officials(campaign=campaign)
            if self.is_bound:
                official = self._posted_official() or official
            elif official is not None:
                self.initial["official"] = official.pk
            self.initial.setdefault("status", Meeting.Status.REQUESTED)
            self.initial.setdefault("format", Meeting.Format.IN_PERSON)
        self.official_for_attendees = official
        if official is not None:
            self.fields["attendees"].queryset = official_constituents(
                campaign=campaign, official=official
            )

    def _posted_official(self) -> Official | None:
        try:
            return self.fields["official"].clean(self.data.get(self.add_prefix("official")))
        except forms.ValidationError:
            return None

    @staticmethod
    def _initial_from(meeting: Meeting) -> dict:
        return {
            "status": meeting.status,
            "scheduled_local": aware_to_local(meeting.scheduled_at, meeting_zone(meeting)),
            "time_zone": meeting.time_zone,
            "format": meeting.format,
            "place": meeting.place,
            "notes": meeting.notes,
            "attendees": list(meeting.attendees.values_list("member_id", flat=True)),
        }

    def clean(self):
        cleaned = super().clean()
        zone, local = cleaned.get("time_zone"), cleaned.get("scheduled_local")
        cleaned["scheduled_at"] = None
        if zone and local is not None:
            try:
                cleaned["scheduled_at"] = local_to_aware(local, zone)
            except forms.ValidationError as exc:
                self.add_error("scheduled_local", exc)
            stored = self.meeting.scheduled_at if self.meeting else None
            # The input shows whole minutes: an untouched time keeps its stored seconds, so it
            # is not a new time (which would remind everyone again).
            if stored and cleaned["scheduled_at"] == stored.replace(second=0, microsecond=0):
                cleaned["scheduled_at"] = stored
        status, when = cleaned.get("status"), cleaned.get("scheduled_at")
        if status == Meeting.Status.SCHEDULED and when is None and local is None:
            self.add_error("scheduled_local", _("A scheduled meeting needs a date and time."))
        if status == Meeting.Status.HELD and local is None:
            self.add_error("scheduled_local", _("Say when the meeting took place."))
        elif status == Meeting.Status.HELD and when is not None and when > timezone.now():
            self.add_error(
                "scheduled_local", _("A meeting can only be marked held once its time has passed.")
            )
        return cleaned

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            status=data["status"],
            scheduled_at=data["scheduled_at"],
            time_zone=data["time_zone"],
            format=data["format"],
            place=data["place"].strip(),
            notes=data["notes"].strip(),
        )


class MeetingTeamForm(forms.Form):
    """From the constituents page: selected constituents of one official become a meeting team."""

    official = forms.ModelChoiceField(queryset=Official.objects.none())
    members = forms.ModelMultipleChoiceField(
        queryset=CampaignMember.objects.none(),
        error_messages={
            "required": _("Select at least one constituent for the meeting team."),
            "invalid_choice": _("Only constituents of this official can be on the team."),
            "invalid_pk_value": _("Only constituents of this official can be on the team."),
        },
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["official"].queryset = campaign_officials(campaign=campaign)
        self.fields["official"].error_messages["invalid_choice"] = _(
            "Choose one of the campaign's officials."
        )
        official = None
        if self.is_bound:
            try:
                official = self.fields["official"].clean(self.data.get("official"))
            except forms.ValidationError:
                official = None
        if official is not None:
            self.fields["members"].queryset = official_constituents(
                campaign=campaign, official=official
            )


class MeetingFilter(django_filters.FilterSet):
    """The team's meeting list: by status and by official."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Meeting.Status.choices, empty_label=_("Any status")
    )
    official = django_filters.ModelChoiceFilter(
        label=_("Official"), queryset=Official.objects.none(), empty_label=_("Any official")
    )

    class Meta:
        model = Meeting
        fields = ["status", "official"]

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["official"].queryset = campaign_officials(campaign=campaign)


class MeetingReportForm(forms.Form):
    """After the meeting: who came, the official's answer, quotes, follow-up."""

    attended = forms.MultipleChoiceField(
        label=_("Who came?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone from the meeting team who was there."),
    )
    answer = forms.ChoiceField(
        label=_("Their answer to the ask"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the official’s answer to the ask.")},
    )
    quotes = forms.CharField(
        label=_("What they said"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Their words as close as you remember them; quotes help the team most."),
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up is needed"), required=False)
    follow_up = forms.CharField(
        label=_("What follow-up?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. they asked for a fact sheet, or to meet again after the hearing."),
    )

    def __init__(self, *args, meeting: Meeting, full_names: bool, **kwargs):
        super().__init__(*args, **kwargs)
        attendees = list(meeting.attendees.select_related("member__leader").order_by("pk"))
        self.fields["attended"].choices = [
            (
                str(attendee.member_id),
                attendee.member.leader.name
                if full_names
                else first_name(attendee.member.leader.name),
            )
            for attendee in attendees
        ]
        report = getattr(meeting, "report", None) if hasattr(meeting, "report") else None
        if not self.is_bound:
            if report is not None:
                self.initial.update(
                    answer=report.answer,
                    quotes=report.quotes,
                    follow_up_needed=report.follow_up_needed,
                    follow_up=report.follow_up,
                    attended=[str(a.member_id) for a in attendees if a.attended],
                )
            else:
                self.initial["attended"] = [str(a.member_id) for a in attendees]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow_up_needed") and not (cleaned.get("follow_up") or "").strip():
            self.add_error("follow_up", _("Say what follow-up is needed."))
        return cleaned

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            answer=data["answer"],
            attended=[int(pk) for pk in data["attended"]],
            quotes=data["quotes"].strip(),
            follow_up_needed=data["follow_up_needed"],
            follow_up=data["follow_up"].strip(),
        )
