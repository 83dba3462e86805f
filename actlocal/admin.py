from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .importing import admin as importing_admin  # noqa: F401  (registers ImportJobAdmin)
from .models import AuditEntry, OutboxMail, Topic, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug", "featured"]
    list_filter = ["featured"]
    search_fields = ["name", "name_es", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_type", "object_id", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeliveryAdmin(admin.ModelAdmin):
    """Read-only view of an outbox model for staff: what is waiting, what failed and why."""

    list_display = ["__str__", "created_at", "sent_at", "cancelled_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "cancelled_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(DeliveryAdmin):
    list_display = ["subject", "created_at", "sent_at", "cancelled_at", "attempts", "last_error"]
    search_fields = ["subject"]
    # The body may hold a one-time link until sent; staff see who and when, not the content.
    exclude = ["body_text", "body_html", "headers"]
