"""An organization's public profile, kept by its managers (and staff and network organizers):
a plain form that saves all or nothing, and naming the other managers. See
directory.permissions for who may."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.errors import ServiceError

from ..models import Organization
from ..permissions import access_organization
from ..profile_forms import ManagerGrantForm, ManagerRevokeForm, OrganizationProfileForm
from ..profile_selectors import organization_managers
from ..profile_services import affiliation_manages_set, organization_profile_update


def _page(
    request: HttpRequest,
    organization: Organization,
    *,
    form: OrganizationProfileForm,
    grant_form: ManagerGrantForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "organization": organization,
        "form": form,
        "grant_form": grant_form or ManagerGrantForm(organization=organization),
        "managers": list(organization_managers(organization=organization)),
    }
    return render(request, "directory/organization_manage.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organization_manage(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, slug, manage=True)
    if request.method != "POST":
        return _page(request, organization, form=OrganizationProfileForm(instance=organization))
    # The form fills a copy: the page around a refused form shows what is saved.
    form = OrganizationProfileForm(request.POST, request.FILES, instance=copy(organization))
    if form.is_valid():
        upload = form.cleaned_data.get("logo_upload")
        try:
            organization_profile_update(
                organization=organization,
                actor=request.user,
                changes=form.profile_changes(),
                topics=form.cleaned_data["topics"],
                logo=upload.read() if upload else None,
                logo_remove=bool(form.cleaned_data.get("logo_remove")),
            )
        except ServiceError as exc:
            form.add_error("logo_upload", str(exc))
        else:
            messages.success(request, _("The profile is saved; the public page shows it now."))
            return redirect("directory:organization_manage", slug=organization.slug)
    return _page(request, organization, form=form, status=400)


@login_required
@require_POST
def organization_managers_change(request: HttpRequest, slug: str) -> HttpResponse:
    """Name a manager (`affiliation` of a leader with an account) or, with action=revoke, take
    the right back from another one."""
    organization = access_organization(request.user, slug, manage=True)
    if request.POST.get("action") == "revoke":
        revoke = ManagerRevokeForm(request.POST, organization=organization, user=request.user)
        if revoke.is_valid():
            affiliation = revoke.cleaned_data["affiliation"]
            affiliation_manages_set(affiliation=affiliation, manages=False, actor=request.user)
            messages.success(
                request,
                _("%(name)s no longer manages this profile.") % {"name": affiliation.leader.name},
            )
        else:
            messages.error(request, _("That person is not a manager you can remove."))
        return redirect("directory:organization_manage", slug=organization.slug)
    grant = ManagerGrantForm(request.POST, organization=organization)
    if not grant.is_valid():
        return _page(
            request,
            organization,
            form=OrganizationProfileForm(instance=organization),
            grant_form=grant,
            status=400,
        )
    affiliation = grant.cleaned_data["affiliation"]
    affiliation_manages_set(affiliation=affiliation, manages=True, actor=request.user)
    messages.success(
        request, _("%(name)s now manages this profile.") % {"name": affiliation.leader.name}
    )
    return redirect("directory:organization_manage", slug=organization.slug)
