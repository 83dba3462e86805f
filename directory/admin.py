from . import admin_duplicates  # noqa: F401  (registers the duplicate review admin)

# isort: split
# Staff admin of the directory. Saves go through directory.services so derived fields (slug,
# location, website domain), the audit log and duplicate checks happen as they do on the site.
# Leaders, organizations and resources import and export as CSV/XLSX (see importexport/).

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm

from actlocal.importing import ImportRejected, report_lines
from actlocal.importing.admin import import_job_url
from actlocal.importing.files import rows_estimate, size_check
from actlocal.importing.jobs import import_job_create
from actlocal.text import whole_number

from . import services
from .importexport import LeaderResource, OrganizationResource, ResourceResource
from .importexport.formats import FORMATS, unreadable_file_message
from .logos import organization_logo_remove, organization_logo_set
from .models import Affiliation, ContactMessage, Leader, LeaderRole, Organization, Resource
from .profile_forms import OrganizationLogoFields
from .profile_services import affiliation_manages_set

# Warnings listed in the message after confirming (the preview lists them all).
MESSAGE_WARNINGS = 20


class SpreadsheetImportForm(ImportForm):
    """The upload, refused before it is read when it is over IMPORT_MAX_BYTES."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            size_check(upload.size, where=upload.name)
        except ImportRejected as exc:
            raise forms.ValidationError(unreadable_file_message(exc)) from None
        return upload


class SpreadsheetAdmin(ImportExportModelAdmin):
    """CSV/XLSX import and export with the directory's own pages, messages and safety nets.

    A file of more than IMPORT_BACKGROUND_ROWS rows skips the preview: it becomes a background
    ImportJob (see directory/importexport/jobs.py) and staff follow its progress page.
    """

    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Each imported row is already in the project's audit log (with the file name); a second,
    # admin LogEntry per row would double the cost of large imports for no new information.
    skip_admin_log = True
    import_template_name = "admin/directory/import.html"
    export_template_name = "admin/directory/export.html"

    def get_context_data(self, **kwargs):
        resource_class = self.resource_classes[0]
        return {
            "column_docs": resource_class.column_docs(),
            "import_name": resource_class.get_display_name(),
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
            "max_rows": settings.IMPORT_MAX_ROWS,
        }

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # One invalid row rolls the whole file back, whatever the caller asked for.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", unreadable_file_message(e))

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                job = self._background_job(request, form)
                if job is not None:
                    return HttpResponseRedirect(import_job_url(job))
                form.cleaned_data["import_file"].seek(0)
        return super().import_action(request, **kwargs)

    def _background_job(self, request, form):
        """A queued ImportJob for a large upload, or None to import it in this request."""
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        rows = rows_estimate(data, filename=upload.name)
        if rows <= settings.IMPORT_BACKGROUND_ROWS:
            return None
        return import_job_create(
            kind=f"directory.{self.opts.model_name}",
            filename=upload.name,
            data=data,
            options={"format": int(form.cleaned_data["format"])},
            actor=request.user,
            total=rows,
        )

    def process_import(self, request, **kwargs):
        formats = self.get_import_formats()
        chosen = whole_number(request.POST.get("format"))
        if request.method == "POST" and not (chosen is not None and chosen < len(formats)):
            messages.error(request, gettext("The import form was incomplete. Please start again."))
            return self._back_to_import()
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # The uploaded copy is gone: the confirm button was pressed twice, or long ago.
            messages.error(
                request,
                gettext(
                    "This import was already confirmed or has expired. Check the list below, "
                    "and upload the file again if it is not there."
                ),
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Rolled back already; show every problem instead of a success message.
            return self._render_problems(request, result)
        response = super().process_result(result, request)
        if result.warnings:
            lines = report_lines(result.warnings, limit=MESSAGE_WARNINGS)
            messages.warning(
                request,
                gettext("These values were left out: %(lines)s") % {"lines": " · ".join(lines)},
            )
        return response

    def _back_to_import(self):
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        )

    def _render_problems(self, request, result):
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "title": _("Import"),
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "fields_list": [],
                "import_error_display": self.import_error_display,
                "result": result,
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context, status=400)


# --- Leaders -----------------------------------------------------------------------------------


def managers_save(request, forms_changed, save) -> None:
    """Save affiliations, giving or taking the right to manage the profile through the service
    (audited) instead of as a plain field: `forms_changed` are (form, instance) pairs."""
    wanted = {}
    for form, instance in forms_changed:
        if "manages_profile" in form.changed_data and not form.cleaned_data.get("DELETE"):
            wanted[id(instance)] = (instance, instance.manages_profile)
            instance.manages_profile = not instance.manages_profile  # as stored: unchanged
    save()
    for instance, manages in wanted.values():
        if instance.pk:
            affiliation_manages_set(affiliation=instance, manages=manages, actor=request.user)


class AffiliationFormsetAdmin:
    """Affiliation inlines save their `manages_profile` through the audited service."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Affiliation:
            return super().save_formset(request, form, formset, change)
        pairs = [(inline_form, inline_form.instance) for inline_form in formset.forms]
        managers_save(request, pairs, formset.save)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "leader"
    fields = ["organization", "role_title", "manages_profile", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["organization"]
    extra = 0


class HasAccountFilter(admin.SimpleListFilter):
    title = _("sign-in account")
    parameter_name = "account"

    def lookups(self, request, model_admin):
        return [("yes", _("Has an account")), ("no", _("No account"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(user__isnull=False)
        if self.value() == "no":
            return queryset.filter(user__isnull=True)
        return queryset


class LeaderAdminForm(forms.ModelForm):
    class Meta:
        model = Leader
        fields = [
            "name",
            "visibility",
            "user",
            "email",
            "phone",
            "city",
            "state",
            "zip_code",
            "area_type",
            "area_lean",
            "roles",
            "topics",
            "bio",
        ]

    def clean_email(self) -> str:
        # Stored lowercased (leader_prepare); compare that way so "Ana@x.org" cannot slip past
        # the unique constraint into a database error.
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email:
            others = Leader.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(_("Another leader already has this email address."))
        return email

    def clean_visibility(self) -> str:
        visibility = self.cleaned_data.get("visibility")
        # Public needs the person's own recorded consent (given on /me/, or in an import's
        # consent column): staff cannot give it for them.
        if visibility == Leader.Visibility.PUBLIC and self.instance.consent_at is None:
            raise forms.ValidationError(
                _(
                    "Only someone who consented can be public: they give consent on their "
                    "profile page, or an import records it in its consent column. Choose "
                    "members or organizers."
                )
            )
        return visibility


@admin.register(Leader)
class LeaderAdmin(AffiliationFormsetAdmin, SpreadsheetAdmin):
    resource_classes = [LeaderResource]
    form = LeaderAdminForm
    list_display = ["name", "email", "city", "state", "visibility", "source", "has_account"]
    list_filter = [
        "state",
        "area_type",
        "area_lean",
        "visibility",
        "source",
        HasAccountFilter,
        "roles",
        "topics",
    ]
    search_fields = ["name", "email", "city"]
    autocomplete_fields = ["user", "roles", "topics"]
    readonly_fields = [
        "slug",
        "source",
        "consent_at",
        "consent_text",
        "latitude",
        "longitude",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "visibility",
                    ("consent_at", "consent_text"),
                    "language",
                    "source",
                    "user",
                ]
            },
        ),
        (
            _("Private contact"),
            {
                "fields": ["email", "phone"],
                "description": _("Never shown on the site; the contact form relays messages."),
            },
        ),
        (
            _("Place"),
            {
                "fields": [
                    "city",
                    "state",
                    "zip_code",
                    "area_type",
                    "area_lean",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (_("Work"), {"fields": ["roles", "topics", "bio"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [AffiliationInline]
    actions = ["create_accounts"]

    @admin.display(boolean=True, description=_("account"), ordering="user")
    def has_account(self, obj: Leader) -> bool:
        return obj.user_id is not None

    def save_model(self, request, obj, form, change):
        services.leader_save(leader=obj, actor=request.user)

    @admin.action(description=_("Create sign-in accounts for the selected leaders"))
    def create_accounts(self, request, queryset):
        if not self.has_change_permission(request):
            messages.error(request, gettext("You may not change leaders."))
            return
        accounts = services.leaders_ensure_accounts(leaders=list(queryset), actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s account created; its owner signs in by resetting the password.",
                "%(count)s accounts created; their owners sign in by resetting the password.",
                len(accounts),
            )
            % {"count": len(accounts)},
        )


# --- Organizations -----------------------------------------------------------------------------


class ChapterInline(admin.TabularInline):
    model = Organization
    fk_name = "parent"
    fields = ["name", "kind", "city", "state", "verified"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    verbose_name = _("chapter")
    verbose_name_plural = _("chapters (edit a chapter to change its parent)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MemberInline(admin.TabularInline):
    model = Affiliation
    fk_name = "organization"
    fields = ["leader", "role_title", "manages_profile", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["leader"]
    extra = 0
    verbose_name = _("affiliated leader")
    verbose_name_plural = _("affiliated leaders")


class OrganizationAdminForm(OrganizationLogoFields, forms.ModelForm):
    """The organization, plus its logo: checked here by content, stored by directory.logos."""

    class Meta:
        model = Organization
        # The admin's fieldsets decide the fields; these are the ones this form adds to.
        fields = ["logo_alt"]


@admin.register(Organization)
class OrganizationAdmin(AffiliationFormsetAdmin, SpreadsheetAdmin):
    form = OrganizationAdminForm
    resource_classes = [OrganizationResource]
    list_display = ["name", "kind", "scope", "city", "state", "parent", "verified", "chapters"]
    list_filter = ["kind", "scope", "state", "verified", "topics"]
    search_fields = ["name", "slug", "city", "website_domain"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "topics"]
    readonly_fields = [
        "slug",
        "website_domain",
        "latitude",
        "longitude",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "scope", "parent", "verified"]}),
        (
            _("Place"),
            {"fields": ["city", "state", "zip_code", ("latitude", "longitude")]},
        ),
        (
            _("Public profile"),
            {
                "fields": [
                    "website",
                    "website_domain",
                    "public_email",
                    "public_phone",
                    "description",
                    "description_es",
                    "topics",
                ]
            },
        ),
        (_("Logo"), {"fields": ["logo_upload", "logo_alt", "logo_remove"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [ChapterInline, MemberInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(chapter_count=Count("chapters", distinct=True))

    @admin.display(description=_("chapters"), ordering="chapter_count")
    def chapters(self, obj: Organization) -> int:
        return obj.chapter_count

    def save_model(self, request, obj, form, change):
        services.organization_save(organization=obj, actor=request.user)
        upload = form.cleaned_data.get("logo_upload")
        if upload:
            organization_logo_set(organization=obj, actor=request.user, data=upload.read())
        elif form.cleaned_data.get("logo_remove"):
            organization_logo_remove(organization=obj, actor=request.user)


# --- Resources ---------------------------------------------------------------------------------


@admin.register(Resource)
class ResourceAdmin(SpreadsheetAdmin):
    resource_classes = [ResourceResource]
    list_display = ["title", "kind", "scope", "state", "provider", "updated_at"]
    list_filter = ["kind", "scope", "state", "topics"]
    search_fields = ["title", "url", "description", "provider__name"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider", "topics"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "provider", "url"]}),
        (_("Where"), {"fields": ["scope", "state", "city"]}),
        (_("About"), {"fields": ["description", "topics"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.resource_save(resource=obj, actor=request.user)


# --- Smaller tables ----------------------------------------------------------------------------


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["leader", "organization", "role_title", "manages_profile", "created_at"]
    list_filter = ["manages_profile", "organization__kind", "organization__state"]
    search_fields = ["leader__name", "leader__email", "organization__name", "role_title"]
    list_select_related = ["leader", "organization"]
    autocomplete_fields = ["leader", "organization"]
    readonly_fields = ["created_at"]

    def save_model(self, request, obj, form, change):
        managers_save(request, [(form, obj)], obj.save)


@admin.register(LeaderRole)
class LeaderRoleAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug", "leader_count"]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(leader_count=Count("leaders", distinct=True))

    @admin.display(description=_("leaders"), ordering="leader_count")
    def leader_count(self, obj: LeaderRole) -> int:
        return obj.leader_count


class DeliveredFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivered"

    def lookups(self, request, model_admin):
        return [("yes", _("Mailed")), ("no", _("Not mailed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(sent_at__isnull=True)
        return queryset


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Read-only record of the contact relay, for staff to audit abuse or delivery problems."""

    list_display = ["created_at", "subject", "sender", "recipient", "sent_at", "attempts"]
    list_filter = [DeliveredFilter]
    search_fields = ["subject", "sender__email", "recipient__name"]
    list_select_related = ["sender", "recipient"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "sender",
        "recipient",
        "subject",
        "body",
        "sent_at",
        "cancelled_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
