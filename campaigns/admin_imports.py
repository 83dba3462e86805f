# Staff admin of government data (bodies, districts, precincts, ZIP shares, officials) and its
# imports. campaigns/admin.py imports this module; the classes register themselves here.
#
# Imports go upload -> preview -> confirm. The preview is a dry run of the real import (so its
# counts are exactly what confirming does); the uploaded bytes wait in the cache for an hour
# under a random token bound to the uploader, and confirming runs the import again from them,
# all or nothing. Any error shows every row, column and reason with status 400; warnings
# (optional values left out) are listed in the preview and after confirming. A file of more
# than IMPORT_BACKGROUND_ROWS rows is imported by a background ImportJob instead (no preview;
# the job's page shows progress, then the result), so no request parses it.

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
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
from actlocal.importing import ImportRejected, report_lines
from actlocal.importing.admin import import_job_url
from actlocal.importing.files import rows_estimate, size_check
from actlocal.importing.jobs import import_job_create

from .importers.crosswalk import HEADER as CROSSWALK_HEADER
from .importers.kinds import KINDS
from .models import Body, District, DistrictArea, Official, ZipDistrict
from .normalize import district_key, municipality_key

UPLOAD_TIMEOUT = 60 * 60
PREVIEW_ROWS = 500
# Warnings listed in the message after confirming (the preview lists them all).
MESSAGE_WARNINGS = 20


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    state = forms.ChoiceField(label=_("State"), choices=State.choices, initial="MA")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            size_check(upload.size, where=upload.name)
        except ImportRejected as exc:
            raise forms.ValidationError(exc.report()) from None
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
    kind: str  # a key of campaigns.importers.kinds.KINDS
    header: str = ""


class ImportAdminMixin:
    """Adds <changelist>/import/ (upload, preview, confirm) to a ModelAdmin."""

    import_spec: ImportSpec
    change_list_template = "admin/campaigns/change_list_import.html"

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
        rows = rows_estimate(data, filename=filename)
        if rows > settings.IMPORT_BACKGROUND_ROWS:
            job = import_job_create(
                kind=self.import_spec.kind,
                filename=filename,
                data=data,
                options={"state": state},
                actor=request.user,
                total=rows,
            )
            return HttpResponseRedirect(import_job_url(job))
        file_import = KINDS[self.import_spec.kind]
        try:
            result = file_import(
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
            result = KINDS[self.import_spec.kind](
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
        if result.warnings:
            lines = report_lines(result.warnings, limit=MESSAGE_WARNINGS)
            messages.warning(
                request,
                gettext("These values were left out: %(lines)s") % {"lines": " · ".join(lines)},
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
            warnings=report_lines(result.warnings) if result else [],
            background_rows=settings.IMPORT_BACKGROUND_ROWS,
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
        kind="campaigns.official",
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
        kind="campaigns.districtarea",
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
        kind="campaigns.zipdistrict",
        help_lines=(
            _(
                "A CSV (UTF-8) with the columns zip, chamber (lower or upper), district and "
                "share (0 to 1, or a percentage; empty means all of the ZIP code)."
            ),
            _("Districts must already exist. Each ZIP code in the file has its rows replaced."),
        ),
        header="zip,chamber,district,share",
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
