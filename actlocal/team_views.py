"""The organizing-team page's form handling, shared by events and campaigns (see teams.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.text import whole_number

from .teams import Team


class TeamAddForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email of their account"),
        help_text=gettext_lazy("They need an account on the network already."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"))

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = team.role_model.Role.choices


def team_handle_post(
    request: HttpRequest, *, team: Team, owner, can_lead: bool
) -> tuple[HttpResponse | None, TeamAddForm, str | None]:
    """Add, re-role or remove a member from the team page's POST.

    Returns (redirect on success, the add form to show, a problem to show); only leads post.
    """
    if not can_lead:
        raise PermissionDenied
    add_form = TeamAddForm(team=team)
    action = request.POST.get("action")
    try:
        if action == "add":
            add_form = TeamAddForm(request.POST, team=team)
            if not add_form.is_valid():
                return None, add_form, None
            member = team.add(owner=owner, actor=request.user, **add_form.cleaned_data)
            name = member.user.name or member.user.email
            messages.success(request, _("%(name)s joined the team.") % {"name": name})
            return redirect(request.path), add_form, None
        if action in ("role", "remove"):
            pk = request.POST.get("pk") or ""
            member = get_object_or_404(
                team.role_model, pk=whole_number(pk), **{team.owner_field: owner}
            )
            if action == "remove":
                team.remove(member=member, actor=request.user)
                messages.success(request, _("Removed from the team."))
                return redirect(request.path), add_form, None
            role = request.POST.get("role") or ""
            if role not in team.role_model.Role.values:
                return None, add_form, _("Choose a role.")
            team.change_role(member=member, actor=request.user, role=role)
            messages.success(request, _("Role changed."))
            return redirect(request.path), add_form, None
        return None, add_form, _("Unknown action.")
    except team.error as exc:
        return None, add_form, str(exc)
