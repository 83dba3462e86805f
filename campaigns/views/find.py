"""“Find my legislator”: pick your city or town (and, only in split towns, your ward and
precinct) to see your state representative and senator with their office contacts.

Public, GET only, so every answer is a URL to share:
/campaigns/find-my-legislator/?municipality=&ward=&precinct=  (or ?zip= as a rough fallback).
Everything comes from the imported crosswalk and ZIP tables: no online geocoder. Anything we
cannot resolve (unknown town or precinct, bad ZIP) is a message and a 400, never a 500.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory.cache import cache_public_page, public_csrf_context, request_scope_versions

from .. import geography
from ..find_answers import find_part_keys, known_states, place_answer, section, towns_datalist
from ..forms.find import FindLegislatorForm, PrecinctForm, pair_label
from ..member_selectors import place_from_profile
from ..page_cache import SCOPE

# The crosswalk's states, the place's answer and its rendered section are read with the page
# lookup (campaigns.find_answers).
FIND_PAGE_CACHE = cache_public_page(scopes=(SCOPE,), parts=find_part_keys)

TEMPLATE = "campaigns/find_legislator.html"
ANSWER_TEMPLATE = "campaigns/_find_answer.html"
QUESTION_TEMPLATE = "campaigns/_find_precinct.html"


def _canonical_url(**params: str) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{reverse('campaigns:find_my_legislator')}?{query}"


@require_safe
@FIND_PAGE_CACHE
def find_my_legislator(request: HttpRequest) -> HttpResponse:
    """The place form, the precinct question for split towns, and the answer."""
    # The campaigns version, read by the page cache before any row: what the answers are kept
    # under (None without a cache: everything is looked up).
    versions = request_scope_versions(request, (SCOPE,))
    version = None if versions is None else versions[-1]
    states = known_states(version=version)
    initial = {}
    # Only the form's own fields make a question: a shared link with other parameters (a
    # tracking tag) shows the empty form, as the bare URL does.
    asked = any(name in request.GET for name in FindLegislatorForm.base_fields)
    if not asked:
        # The town and ZIP on the person's profile, so a member only presses the button.
        place = place_from_profile(user=request.user)
        initial = {"municipality": place.get("municipality", ""), "state": place.get("state", "")}
        initial["zip"] = place.get("zip_code", "")
    form = FindLegislatorForm(request.GET if asked else None, states=list(states), initial=initial)
    context = {
        **public_csrf_context(request),
        "form": form,
        # Called by the template only where it shows the form.
        "towns_datalist": lambda: towns_datalist(version=version, ask_state=form.ask_state),
        "has_data": bool(states),
    }
    if not form.is_bound:
        return render(request, TEMPLATE, context)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    data = form.cleaned_data
    if data["municipality"]:
        return _by_town(request, form, context, version=version)
    return _by_zip(request, form, context)


def _by_town(
    request: HttpRequest, form: FindLegislatorForm, context: dict, *, version: int | None
) -> HttpResponse:
    data = form.cleaned_data
    answer = place_answer(
        version=version,
        name=data["municipality"],
        state=data["state"],
        ward=data["ward"],
        precinct=data["precinct"],
    )
    matches = answer.matches
    if not matches:
        form.add_error(
            "municipality",
            _(
                "We have no precinct data for “%(name)s”. Check the spelling and pick a city or "
                "town from the list, or use your ZIP code."
            )
            % {"name": data["municipality"]},
        )
        return render(request, TEMPLATE, context, status=400)
    if len(matches) > 1:
        form.add_error(
            "state",
            _("There is a %(name)s in several states: choose yours.") % {"name": matches[0].name},
        )
        context["ask_state"] = True
        return render(request, TEMPLATE, context, status=400)
    town = matches[0]
    context["town"] = town
    ward, precinct = data["ward"], data["precinct"]
    precinct_form = PrecinctForm(
        request.GET if "place" in request.GET else None, pairs=answer.pairs
    )
    if "place" in request.GET:
        # The precinct select sends one value; answer at the shareable URL with ward= and
        # precinct= instead.
        if precinct_form.is_valid():
            ward, precinct = precinct_form.ward_precinct()
            return HttpResponseRedirect(
                _canonical_url(
                    municipality=town.name, state=data["state"], ward=ward, precinct=precinct
                )
            )
        context.update(precinct_form=precinct_form)
        return render(request, TEMPLATE, context, status=400)
    if geography.ward_normalize(ward) and not precinct:
        context.update(
            precinct_form=precinct_form, place_error=_("Choose your precinct as well as your ward.")
        )
        return render(request, TEMPLATE, context, status=400)
    if precinct:
        if answer.error:
            context.update(precinct_form=precinct_form, place_error=answer.error)
            return render(request, TEMPLATE, context, status=400)
        context["precinct_label"] = pair_label(
            geography.ward_normalize(ward), geography.precinct_normalize(precinct)
        )
    elif answer.split:
        context.update(precinct_form=precinct_form, split=True)
        return _answered(request, context, version=version, template=QUESTION_TEMPLATE)
    context["seats"] = answer.seats
    context["split"] = answer.split
    return _answered(request, context, version=version, template=ANSWER_TEMPLATE)


def _answered(
    request: HttpRequest, context: dict, *, version: int | None, template: str
) -> HttpResponse:
    """The page with its answer or precinct question, rendered once per place and language."""
    data = context["form"].cleaned_data
    place = (data["municipality"], data["state"], data["ward"], data["precinct"])
    context["section"] = section(version=version, place=place, template=template, context=context)
    return render(request, TEMPLATE, context)


def _by_zip(request: HttpRequest, form: FindLegislatorForm, context: dict) -> HttpResponse:
    code = form.cleaned_data["zip"]
    seats = geography.seats_for_zip(code)
    if not seats:
        form.add_error(
            "zip",
            _("We have no district data for ZIP code %(zip)s. Try your city or town instead.")
            % {"zip": code},
        )
        return render(request, TEMPLATE, context, status=400)
    context.update(seats=seats, zip_code=code, approximate=True)
    return render(request, TEMPLATE, context)
