"""The letter to the editor / op-ed builder: a campaign's members and team draft, copy, publish.

Only people on the campaign (its members and its team) write here; each sees their own pieces.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.errors import ServiceError

from ..forms.letters import LetterForm, LetterStatusForm
from ..letter_selectors import letter_of, letters_of
from ..letters import LIMITS, PARTS, letter_text, letter_word_count
from ..models import Campaign
from ..permissions import access_campaign, can_manage, membership
from ..services.letters import letter_create, letter_mark, letter_update


def _writer_campaign(request: HttpRequest, slug: str) -> Campaign:
    campaign = access_campaign(request.user, slug)
    if membership(request.user, campaign) is None and not can_manage(request.user, campaign):
        raise PermissionDenied
    return campaign


def _edit_context(campaign, letter, form, status_form=None) -> dict:
    return {
        "campaign": campaign,
        "letter": letter,
        "form": form,
        "status_form": status_form or LetterStatusForm(),
        "parts": PARTS,
        "limits": LIMITS,
        "count": letter_word_count(letter=letter) if letter else None,
        "text": letter_text(letter=letter) if letter else "",
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def letter_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _writer_campaign(request, slug)
    form = LetterForm(request.POST or None, campaign=campaign)
    if request.method == "POST":
        if form.is_valid():
            letter = letter_create(campaign=campaign, author=request.user, data=form.cleaned_data)
            messages.success(request, _("Draft saved."))
            return redirect("campaigns:letter", slug=campaign.slug, pk=letter.pk)
        context = _edit_context(campaign, None, form)
        context["letters"] = letters_of(campaign=campaign, user=request.user)
        return render(request, "campaigns/letter_list.html", context, status=400)
    context = _edit_context(campaign, None, form)
    context["letters"] = letters_of(campaign=campaign, user=request.user)
    return render(request, "campaigns/letter_list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def letter_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _writer_campaign(request, slug)
    letter = letter_of(campaign=campaign, user=request.user, pk=pk)
    form = LetterForm(request.POST or None, instance=letter, campaign=campaign)
    if request.method == "POST":
        if form.is_valid():
            try:
                letter_update(letter=letter, actor=request.user, data=form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Draft saved."))
                return redirect("campaigns:letter", slug=campaign.slug, pk=letter.pk)
        letter = letter_of(campaign=campaign, user=request.user, pk=pk)
        return render(
            request, "campaigns/letter_edit.html", _edit_context(campaign, letter, form), status=400
        )
    return render(request, "campaigns/letter_edit.html", _edit_context(campaign, letter, form))


@login_required
@require_POST
def letter_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _writer_campaign(request, slug)
    letter = letter_of(campaign=campaign, user=request.user, pk=pk)
    status_form = LetterStatusForm(request.POST)
    if status_form.is_valid():
        try:
            letter_mark(
                letter=letter,
                actor=request.user,
                status=status_form.cleaned_data["status"],
                outlet=status_form.cleaned_data["outlet"],
                url=status_form.cleaned_data["url"],
            )
        except ServiceError as exc:
            status_form.add_error(None, str(exc))
        else:
            if status_form.cleaned_data["status"] == "published":
                messages.success(
                    request, _("Marked published: it counts as pressure on the official.")
                )
            else:
                messages.success(request, _("Marked submitted."))
            return redirect("campaigns:letter", slug=campaign.slug, pk=letter.pk)
    form = LetterForm(instance=letter, campaign=campaign)
    context = _edit_context(campaign, letter, form, status_form)
    return render(request, "campaigns/letter_edit.html", context, status=400)
