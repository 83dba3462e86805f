# Staff admin of government data (bodies, districts, precincts, ZIP shares, officials) and its
# imports. campaigns/admin.py imports this module; the classes register themselves here.
#
# Imports go upload -> preview -> confirm. The preview is a dry run of the real import (so its
# counts are exactly what confirming does); the uploaded bytes wait in the cache for an hour
# under a random token bound to the uploader, and confirming runs the import again from them,
# all or nothing. Any problem shows every row, column and reason with status 400.

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actlocal.geo import State

from .importers import ImportRejected, ImportResult
from .importers.crosswalk import HEADER as CROSSWALK_HEADER
from .importers.crosswalk import precincts_import
from .importers.officials import officials_import
from .importers.openstates import read_file
from .importers.zipdistricts import zip_districts_import
from .models import Body, District, DistrictArea, Official, ZipDistrict
from .normalize import district_key, municipality_key

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_TIMEOUT = 60 * 60
PREVIEW_ROWS = 500


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    state = forms.ChoiceField(label=_("State"), choices=State.choices, initial="MA")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("This file is larger than %(mb)s MB.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class OfficialsUploadForm(UploadForm):
    state = forms.ChoiceField(
        label=_("State of a CSV file"),
        required=False,
        choices=[("", _("From the file name (ma.csv → Massachusetts)"))] + State.choices,
        help_text=_("YAML files carry their state; the Open States CSV does not."),
    )


@dataclass(frozen=True)
class ImportSpec:
    """What one admin import is about: its form, the permissions it needs and its help."""

    title: Any
    form_class: type[UploadForm]
    permissions: tuple[str, ...]
    help_lines: tuple[Any, ...]
    header: str = ""


class ImportAdminMixin:
    """Adds <changelist>/import/ (upload, preview, confirm) to a ModelAdmin."""

    import_spec: ImportSpec
    change_list_template = "admin/campaigns/change_list_import.html"

    def run_import(
        self, *, data: bytes, filename: str, state: str, actor: Any, dry_run: bool
    ) -> ImportResult:
        """Run this admin's importer; each admin below says which one."""
        raise NotImplementedError(f"{type(self).__name__} must define run_import")

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(self.import_spec.permissions)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def _cache_key(self, request: HttpRequest, token: str) -> str:
        return f"campaigns-import:{self.opts.model_name}:{request.user.pk}:{token}"

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request)
        form = self.import_spec.form_class(request.POST or None, request.FILES or None)
        if request.method != "POST":
            return self._render(request, form=form)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        upload = form.cleaned_data["file"]
        data, filename = upload.read(), upload.name
        state = form.cleaned_data.get("state", "")
        try:
            result = self.run_import(
                data=data, filename=filename, state=state, actor=request.user, dry_run=True
            )
        except ImportRejected as exc:
            return self._render(request, form=form, problems=exc.report(), status=400)
        token = secrets.token_urlsafe(16)
        cache.set(
            self._cache_key(request, token),
            {"data": data, "filename": filename, "state": state},
            UPLOAD_TIMEOUT,
        )
        return self._render(request, result=result, token=token, filename=filename)

    def _confirm(self, request: HttpRequest) -> HttpResponse:
        key = self._cache_key(request, request.POST.get("token", "")[:64])
        upload = cache.get(key)
        cache.delete(key)
        if upload is None:
            messages.error(
                request,
                gettext(
                    "This import was already confirmed or has expired (after an hour). Check "
                    "the list, and upload the file again if needed."
                ),
            )
            return HttpResponseRedirect(self._changelist_url())
        try:
            result = self.run_import(
                data=upload["data"],
                filename=upload["filename"],
                state=upload["state"],
                actor=request.user,
                dry_run=False,
            )
        except ImportRejected as exc:
            # The data changed since the preview (say, a district was deleted).
            form = self.import_spec.form_class()
            return self._render(request, form=form, problems=exc.report(), status=400)
        messages.success(
            request,
            gettext(
                "Imported %(file)s: %(created)s new, %(updated)s updated, %(unchanged)s "
                "unchanged, %(ended)s terms ended."
            )
            % {
                "file": upload["filename"],
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "ended": result.ended,
            },
        )
        return HttpResponseRedirect(self._changelist_url())

    def _changelist_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def _render(self, request: HttpRequest, *, status: int = 200, **context) -> TemplateResponse:
        result = context.get("result")
        context.update(
            self.admin_site.each_context(request),
            opts=self.opts,
            title=self.import_spec.title,
            spec=self.import_spec,
            changelist_url=self._changelist_url(),
            preview_rows=result.changes[:PREVIEW_ROWS] if result else [],
            preview_cut=bool(result and len(result.changes) > PREVIEW_ROWS),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/campaigns/import.html", context, status=status)


# --- Officials ----------------------------------------------------------------------------------


class CurrentFilter(admin.SimpleListFilter):
    title = _("serving")
    parameter_name = "serving"

    def lookups(self, request, model_admin):
        return [("yes", _("Serving now")), ("no", _("Term ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        current = Q(term_end__isnull=True) | Q(term_end__gte=today)
        if self.value() == "yes":
            return queryset.filter(current)
        if self.value() == "no":
            return queryset.exclude(current)
        return queryset


@admin.register(Official)
class OfficialAdmin(ImportAdminMixin, admin.ModelAdmin):
    list_display = ["name", "party", "body", "district", "term_start", "term_end", "openstates_id"]
    list_filter = [CurrentFilter, "body", "party"]
    list_select_related = ["body", "district"]
    search_fields = ["name", "family_name", "openstates_id", "email", "district__name"]
    autocomplete_fields = ["district"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated_at"]
    import_spec = ImportSpec(
        title=_("Import officials from Open States"),
        form_class=OfficialsUploadForm,
        permissions=("campaigns.add_official", "campaigns.change_official"),
        help_lines=(
            _(
                "Upload a zip of Open States per-person YAML files (the folder "
                "data/<state>/legislature of github.com/openstates/people), or the per-state CSV "
                "(data.openstates.org/people/current/<state>.csv)."
            ),
            _(
                "People are matched by their Open States id and updated in place. Officials of "
                "the same state chambers imported earlier who are not in the file get their "
                "term ended today; officials added by hand are left alone."
            ),
        ),
    )

    def run_import(self, *, data, filename, state, actor, dry_run):
        people = read_file(data, filename=filename, state=state)
        return officials_import(people=people, actor=actor, source=filename, dry_run=dry_run)


# --- Precincts and ZIP codes --------------------------------------------------------------------


@admin.register(DistrictArea)
class DistrictAreaAdmin(ImportAdminMixin, admin.ModelAdmin):
    list_display = ["municipality", "ward", "precinct", "district", "state"]
    list_filter = ["state", "district__body"]
    list_select_related = ["district"]
    search_fields = ["municipality", "district__name"]
    autocomplete_fields = ["district"]
    import_spec = ImportSpec(
        title=_("Import the precinct crosswalk"),
        form_class=UploadForm,
        permissions=("campaigns.add_districtarea", "campaigns.delete_districtarea"),
        help_lines=(
            _("A CSV file (UTF-8) whose header row is exactly the one below."),
            _(
                "Ward is “-” in towns without wards. State_Rep and State_Senate must name "
                "districts that exist (import the officials first); spelled-out names such as "
                "“Seventh Plymouth” or “First Plymouth & Norfolk” match “7th Plymouth” and "
                "“First Plymouth and Norfolk”. US_House and Gov_Council may be empty; their "
                "districts are created when first named."
            ),
            _("Each city or town in the file has its precincts replaced; others stay as they are."),
        ),
        header=",".join(CROSSWALK_HEADER),
    )

    def run_import(self, *, data, filename, state, actor, dry_run):
        return precincts_import(
            data=data, state=state, actor=actor, source=filename, dry_run=dry_run
        )

    def save_model(self, request, obj, form, change):
        obj.municipality_key = municipality_key(obj.municipality)
        super().save_model(request, obj, form, change)


@admin.register(ZipDistrict)
class ZipDistrictAdmin(ImportAdminMixin, admin.ModelAdmin):
    list_display = ["zip_code", "district", "share"]
    list_filter = ["district__body"]
    list_select_related = ["district"]
    search_fields = ["zip_code", "district__name"]
    autocomplete_fields = ["district"]
    import_spec = ImportSpec(
        title=_("Import ZIP code districts"),
        form_class=UploadForm,
        permissions=("campaigns.add_zipdistrict", "campaigns.delete_zipdistrict"),
        help_lines=(
            _(
                "A CSV (UTF-8) with the columns zip, chamber (lower or upper), district and "
                "share (0 to 1, or a percentage; empty means all of the ZIP code)."
            ),
            _("Districts must already exist. Each ZIP code in the file has its rows replaced."),
        ),
        header="zip,chamber,district,share",
    )

    def run_import(self, *, data, filename, state, actor, dry_run):
        return zip_districts_import(
            data=data, state=state, actor=actor, source=filename, dry_run=dry_run
        )


# --- Bodies and districts -----------------------------------------------------------------------


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "state", "municipality", "form_of_government", "seats"]
    list_filter = ["kind", "state", "form_of_government"]
    search_fields = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "ocd_id", "region"]
    list_filter = ["body__kind", "body__state", "body"]
    list_select_related = ["body"]
    search_fields = ["name", "name_key", "ocd_id", "region"]
    readonly_fields = ["name_key"]

    def save_model(self, request, obj, form, change):
        # The key is what both data sources agree on ("Seventh" = "7th"): keep it derived.
        obj.name_key = district_key(obj.name)
        if not obj.ocd_id:
            obj.ocd_id = None  # unique, and many districts have none
        super().save_model(request, obj, form, change)
