"""The lobby-meeting brief: who does what in the meeting (roles), and the roles' choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Meeting
from .models_documents import MeetingRoles

ROLE_FIELDS = ("opener", "storyteller", "asker", "notetaker")


class AttendeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.member.leader.name


class MeetingRolesForm(forms.Form):
    @staticmethod
    def role_labels() -> list:
        return [MeetingRoles._meta.get_field(name).verbose_name for name in ROLE_FIELDS]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = meeting.attendees.select_related("member__leader").order_by("pk")
        labels = dict(zip(ROLE_FIELDS, self.role_labels(), strict=True))
        for name in ROLE_FIELDS:
            self.fields[name] = AttendeeChoiceField(
                queryset=queryset,
                required=False,
                label=labels[name],
                empty_label=_("Not yet decided"),
                error_messages={"invalid_choice": _("Choose one of this meeting's attendees.")},
            )
