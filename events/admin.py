# Staff admin of events. Edits of an existing event go through events.services (capacity
# promotes from the waitlist, a new time or place notifies attendees); seats and waitlist
# positions are read-only here because only the RSVP service may decide them under its lock.
# Tokens never appear: whoever holds one can answer for the invitee.

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from .models import (
    RSVP,
    Event,
    EventMessage,
    EventRole,
    Invitation,
    InvitationDelivery,
    InviteLink,
    MessageDelivery,
    Nomination,
    NominationNotice,
    Question,
    ReminderDelivery,
    ReminderOffset,
    RSVPMail,
    Session,
)
from .services import events as event_services
from .tokens import new_token


class EventRoleInline(admin.TabularInline):
    model = EventRole
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["added_at"]


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    autocomplete_fields = ["facilitators"]


class QuestionInline(admin.StackedInline):
    # Stacked: each question has its Spanish version beside it, too wide for a table row.
    model = Question
    extra = 0


class ReminderOffsetInline(admin.TabularInline):
    model = ReminderOffset
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "city", "state", "status", "visibility"]
    list_filter = ["status", "kind", "visibility", "is_template", "state"]
    search_fields = ["title", "slug", "city", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "host_organization",
        "co_hosts",
        "topics",
        "parent",
        "invitation_template",
        "reminder_template",
    ]
    readonly_fields = ["created_by", "created_at", "updated_at", "finalized_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_es",
                    "slug",
                    "kind",
                    "status",
                    "visibility",
                    "is_template",
                ]
            },
        ),
        (_("When"), {"fields": ["starts_at", "ends_at", "time_zone"]}),
        (
            _("Where"),
            {"fields": ["venue", "address", "city", "state", "zip_code"]},
        ),
        (
            _("Who"),
            {"fields": ["capacity", "host_organization", "co_hosts", "parent", "topics"]},
        ),
        (
            _("Texts"),
            {
                "fields": [
                    "description",
                    "description_es",
                    "kit_contents",
                    "kit_contents_es",
                    "invitation_text",
                    "invitation_text_es",
                    "invitation_template",
                    "confirmation_text",
                    "confirmation_text_es",
                    "reminder_text",
                    "reminder_text_es",
                    "reminder_template",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_by", "created_at", "updated_at", "finalized_at"]}),
    ]
    inlines = [EventRoleInline, SessionInline, QuestionInline, ReminderOffsetInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            event_services._locate(obj)
            super().save_model(request, obj, form, change)
            audit_log(actor=request.user, obj=obj, action="event.create", data={"admin": True})
            return
        names = [n for n in form.changed_data if n in event_services.EDITABLE_FIELDS]
        # Everything else the form shows (slug, status, parent, kit flag) is saved as is;
        # topics and co-hosts are many-to-many and saved by save_related.
        plain = {f.name for f in Event._meta.concrete_fields}
        others = [n for n in form.changed_data if n in plain and n not in names]
        if "status" in others and obj.status == Event.Status.CANCELLED:
            # Through the service, so everyone going or waitlisted is told.
            others.remove("status")
            self._through_service(request, event_services.event_cancel, event=obj)
        if others:
            obj.save(update_fields=[*others, "updated_at"])
            audit_log(actor=request.user, obj=obj, action="event.admin", data={"fields": others})
        if names:
            changes = {n: form.cleaned_data[n] for n in names}
            self._through_service(request, event_services.event_update, event=obj, changes=changes)

    def _through_service(self, request, service, **kwargs) -> None:
        try:
            service(actor=request.user, **kwargs)
        except ServiceError as exc:
            self.message_user(request, str(exc), level=messages.ERROR)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "event", "status", "sent_at", "responded_at"]
    list_filter = ["status"]
    search_fields = ["email", "name", "event__title"]
    list_select_related = ["event"]
    autocomplete_fields = ["event", "leader"]
    readonly_fields = [
        "token_selector",
        "invited_by",
        "created_at",
        "sent_at",
        "responded_at",
        "last_error",
    ]
    exclude = ["token"]

    def has_add_permission(self, request):
        # Invitations are sent from the organizer pages, which mail them in batches.
        return False


@admin.register(InviteLink)
class InviteLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "uses", "max_uses", "expires_at", "revoked_at"]
    search_fields = ["label", "event__title"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    readonly_fields = ["token_selector", "uses", "created_by", "created_at"]
    exclude = ["token"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.token, obj.token_selector = new_token()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "nominated_by", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event", "nominated_by"]
    autocomplete_fields = ["event", "nominated_by"]
    readonly_fields = ["invitation", "decided_by", "decided_at", "created_at"]


@admin.register(RSVP)
class RSVPAdmin(admin.ModelAdmin):
    # No needs or answers in the list: they are personal and only matter one RSVP at a time.
    list_display = ["leader", "event", "status", "waitlist_position", "checked_in_at", "attendance"]
    list_filter = ["status", "attendance", "is_walk_in", "event__kind"]
    search_fields = ["leader__name", "event__title"]
    list_select_related = ["leader", "event"]
    autocomplete_fields = ["leader", "event"]
    readonly_fields = [
        "status",
        "waitlist_position",
        "invitation",
        "checkin_code",
        "checked_in_at",
        "checked_in_by",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what was sent: for looking up, never for editing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "rsvp",
        "hours_before",
        "created_at",
        "sent_at",
        "cancelled_at",
        "attempts",
        "last_error",
    ]
    list_filter = ["hours_before"]
    search_fields = ["rsvp__leader__name", "rsvp__event__title"]
    list_select_related = ["rsvp__leader", "rsvp__event"]


@admin.register(EventMessage)
class EventMessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "event", "audience", "recipient_count", "created_at", "completed_at"]
    list_filter = ["audience"]
    search_fields = ["subject", "event__title"]
    list_select_related = ["event"]


@admin.register(MessageDelivery)
class MessageDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "notice", "created_at", "sent_at", "cancelled_at", "attempts"]
    search_fields = ["notice", "rsvp__leader__name"]
    list_select_related = ["rsvp"]


@admin.register(RSVPMail)
class RSVPMailAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "created_at", "sent_at", "cancelled_at", "attempts"]
    list_filter = ["kind"]
    search_fields = ["rsvp__leader__name", "rsvp__event__title"]
    list_select_related = ["rsvp"]


@admin.register(InvitationDelivery)
class InvitationDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["invitation", "created_at", "sent_at", "cancelled_at", "attempts", "last_error"]
    search_fields = ["invitation__email", "invitation__event__title"]
    list_select_related = ["invitation__event"]


@admin.register(NominationNotice)
class NominationNoticeAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "created_at", "sent_at", "cancelled_at", "attempts", "last_error"]
    list_select_related = ["nomination__event"]
