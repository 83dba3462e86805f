"""/me/: a leader's own profile, their data download and account deletion."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actlocal.accounts import (
    account_data_export,
    account_delete,
    account_email_verified,
    account_language_set,
    account_leader_ensure,
)
from actlocal.errors import ServiceError
from actlocal.forms import AccountDeleteForm, LanguagePreferenceForm, delete_confirmation_word
from actlocal.permissions import is_organizer
from actlocal.ratelimit import hit
from campaigns.member_selectors import meetings_for_user, memberships_for_user
from directory.accounts import (
    VISIBILITIES_NEEDING_CONSENT,
    account_profile_save,
    leader_for_account_get,
)
from directory.forms import LeaderProfileForm
from events.selectors import rsvps_for_user
from surveys.segments import leader_segments

DELETE_ATTEMPTS_RATE = "5/m"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    leader = account_leader_ensure(user=user)
    if leader is None:
        return render(
            request,
            "portal/account_unverified.html",
            {"email_verified": account_email_verified(user=user)},
        )
    form = LeaderProfileForm(request.POST if request.method == "POST" else None, instance=leader)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account_profile_save(
                    user=user,
                    leader=form.instance,
                    consent=form.cleaned_data["consent"],
                    consent_wording=form.consent_wording(),
                    topics=form.cleaned_data["topics"],
                    roles=form.cleaned_data["roles"],
                )
            except ServiceError as exc:
                form.add_error("consent", str(exc))
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("me")
        status = 400
        # The form changed the instance in memory; show what is saved, not what was refused.
        leader.refresh_from_db()
    return render(
        request,
        "portal/leader_edit.html",
        {
            "leader": leader,
            "form": form,
            "is_organizer": is_organizer(user) and not user.is_staff,
            "profile_is_listed": leader.visibility in VISIBILITIES_NEEDING_CONSENT,
            "my_events": rsvps_for_user(user=user),
            "my_meetings": meetings_for_user(user=user),
            # No role: the profile form below shows the roles; the lean costs a query only
            # when the profile leaves it to an override or the state table.
            "my_segments": leader_segments(leader=leader, with_role=False),
            "my_campaigns": memberships_for_user(user=user),
            "language_form": LanguagePreferenceForm(initial={"language": user.language}),
        },
        status=status,
    )


@never_cache
@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Save the language of the person's pages and mail; back to /me/."""
    form = LanguagePreferenceForm(request.POST)
    if not form.is_valid():
        message = _("Choose one of the languages offered.")
        return render(request, "400.html", {"message": message}, status=400)
    account_language_set(user=request.user, language=form.cleaned_data["language"])
    # Shown in the language just chosen (blank: the browser's, from the next page on).
    if request.user.language:
        translation.activate(request.user.language)
    messages.success(request, _("Your language has been saved."))
    response = redirect("me")
    if not request.user.language:
        # The cookie carried the old preference (actlocal.middleware): the browser decides now.
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@never_cache
@login_required
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    data = account_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"actlocal-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    status = 200
    if request.method == "POST":
        # Each attempt is a password guess: limit them like a sign-in form.
        if not hit(scope="account-delete", key=str(user.pk), rate=DELETE_ATTEMPTS_RATE):
            return render(
                request,
                "actlocal/rate_limited.html",
                {"message": _("Too many attempts. Please wait a minute and try again.")},
                status=429,
            )
        if form.is_valid():
            account_delete(user=user)
            logout(request)
            messages.success(
                request,
                _("Your account and your personal data have been deleted."),
            )
            return redirect("home")
        status = 400
    return render(
        request,
        "portal/account_delete.html",
        {
            "form": form,
            "leader": leader_for_account_get(user=user),
            "confirmation_word": delete_confirmation_word(),
        },
        status=status,
    )
