# Staff admin of the toolkits library. Document saves go through toolkits.services, so the
# sanitized HTML, the table of contents and the revision history stay right. Files are
# read-only here: uploads are accepted only by the editors' pages, which check their content.

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Attachment, Document, Proposal, Revision, Section, Toolkit


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["name", "kind", "content_type", "size", "created_at"]
    readonly_fields = fields


class RevisionInline(ReadOnlyInline):
    model = Revision
    fields = ["number", "title", "note", "author", "created_at"]
    readonly_fields = fields


@admin.register(Toolkit)
class ToolkitAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organization", "visibility", "status", "updated_at"]
    list_filter = ["status", "kind", "visibility", "topics"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organization", "topics"]
    readonly_fields = ["cover", "created_by", "created_at", "updated_at"]
    inlines = [SectionInline]

    # Deletions go through the service so the stored files (private ones too) go with the rows.
    def delete_model(self, request, obj) -> None:
        services.toolkit_delete(toolkit=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for toolkit in queryset:
            services.toolkit_delete(toolkit=toolkit, actor=request.user)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "toolkit", "position"]
    search_fields = ["title", "toolkit__title"]
    list_select_related = ["toolkit"]
    autocomplete_fields = ["toolkit"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "toolkit", "section", "position", "reading_minutes", "updated_at"]
    list_filter = ["toolkit__kind", "toolkit__status"]
    search_fields = ["title", "slug", "body", "toolkit__title"]
    list_select_related = ["toolkit", "section"]
    autocomplete_fields = ["toolkit", "topics"]
    readonly_fields = ["reading_minutes", "created_at", "updated_at"]
    inlines = [AttachmentInline, RevisionInline]

    def save_model(self, request, obj, form, change) -> None:
        services.document_update(
            document=obj, actor=request.user, data={}, note=str(_("Edited in the staff admin"))
        )

    def delete_model(self, request, obj) -> None:
        services.document_delete(document=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for document in queryset:
            services.document_delete(document=document, actor=request.user)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "content_type", "size", "document", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "title", "document__title"]
    list_select_related = ["document"]
    readonly_fields = [
        "document",
        "file",
        "thumbnail",
        "name",
        "kind",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        services.attachment_delete(attachment=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for attachment in queryset:
            services.attachment_delete(attachment=attachment, actor=request.user)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["document", "number", "note", "author", "created_at"]
    search_fields = ["document__title", "note"]
    list_select_related = ["document", "author"]
    readonly_fields = ["document", "number", "title", "body", "note", "author", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["document", "note", "proposed_by", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["document__title", "note"]
    list_select_related = ["document", "proposed_by"]
    readonly_fields = ["base_number", "proposed_by", "decided_by", "decided_at", "created_at"]
