# Staff admin of campaigns. Current stances are read-only everywhere: they follow verified stance
# reports, and reports are verified or rejected only through campaigns.services.stances (the
# list actions below), so the admin can never move a scoreboard with an unverified claim.
# Bodies, districts, precincts, ZIP codes and officials are registered in admin_imports.

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from .models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    CampaignRole,
    CampaignScript,
    CampaignStep,
    Meeting,
    MeetingAttendee,
    MeetingReport,
    Opponent,
    PlaybookTemplate,
    PlaybookTemplateStep,
    PressureAction,
    StanceReport,
)
from .services.campaigns import ask_problem
from .services.stances import stance_report_create, stance_report_review

# --- Campaigns ----------------------------------------------------------------------------------


class CampaignAdminForm(forms.ModelForm):
    draft_text_url = forms.URLField(
        label=_("draft ordinance text"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "summary",
            "topics",
            "target_body",
            "ask",
            "title_es",
            "summary_es",
            "ask_es",
            "reference",
            "draft_text_url",
            "meeting_goal",
            "votes_needed",
            "starts_on",
            "ends_on",
            "stale_after_weeks",
            "coalition_partners",
            "resources",
        ]

    def clean_ask(self) -> str:
        ask = (self.cleaned_data.get("ask") or "").strip()
        problem = ask_problem(ask)
        if problem:
            raise forms.ValidationError(problem)
        return ask

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", _("The end must come after the start."))
        body = cleaned.get("target_body")
        if cleaned.get("kind") == Campaign.Kind.ORDINANCE and body and not body.municipality:
            self.add_error("target_body", _("A local ordinance campaign targets a local body."))
        return cleaned


class CampaignRoleInline(admin.TabularInline):
    model = CampaignRole
    extra = 0
    autocomplete_fields = ["user"]


class CampaignScriptInline(admin.StackedInline):
    model = CampaignScript
    extra = 0


class CampaignStepInline(admin.TabularInline):
    model = CampaignStep
    extra = 0
    fields = ["position", "title", "title_es", "status", "owner", "due_on"]
    autocomplete_fields = ["owner"]


class CampaignOfficialInline(admin.TabularInline):
    model = CampaignOfficial
    extra = 0
    fields = ["official", "stance", "stance_changed_at", "is_sponsor", "is_champion"]
    readonly_fields = ["stance", "stance_changed_at"]
    raw_id_fields = ["official"]
    verbose_name_plural = _("targeted officials (stances follow verified reports)")


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignAdminForm
    list_display = ["title", "kind", "target_body", "status", "meeting_goal", "votes_needed"]
    list_filter = ["kind", "status"]
    list_select_related = ["target_body"]
    search_fields = ["title", "slug", "ask", "reference"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["target_body"]
    autocomplete_fields = ["topics", "resources", "coalition_partners"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "summary", "topics"]}),
        (
            _("The ask"),
            {"fields": ["target_body", "ask", "reference", "draft_text_url"]},
        ),
        (
            _("Goals and dates"),
            {
                "fields": [
                    ("meeting_goal", "votes_needed"),
                    ("starts_on", "ends_on"),
                    "stale_after_weeks",
                ]
            },
        ),
        (_("Partners"), {"fields": ["coalition_partners", "resources"]}),
        (_("Record"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]
    inlines = [CampaignRoleInline, CampaignScriptInline, CampaignStepInline, CampaignOfficialInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            obj=obj,
            action="campaign.admin" if change else "campaign.create",
            data={"fields": form.changed_data, "admin": True},
        )


@admin.register(CampaignMember)
class CampaignMemberAdmin(admin.ModelAdmin):
    list_display = ["leader", "campaign", "role", "affected_community", "municipality", "joined_at"]
    list_filter = ["role", "affected_community", "campaign"]
    list_select_related = ["leader", "campaign"]
    search_fields = ["leader__name", "leader__email", "campaign__title", "municipality"]
    autocomplete_fields = ["leader", "campaign"]
    raw_id_fields = ["districts"]
    readonly_fields = ["joined_at"]


# --- Meetings -----------------------------------------------------------------------------------


class MeetingAttendeeInline(admin.TabularInline):
    model = MeetingAttendee
    extra = 0
    autocomplete_fields = ["member"]


class MeetingReportForm(forms.ModelForm):
    class Meta:
        model = MeetingReport
        fields = ["answer", "quotes", "follow_up_needed", "follow_up", "reporter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reporter" in self.fields:
            self.fields["reporter"].required = False


class MeetingReportInline(admin.StackedInline):
    model = MeetingReport
    form = MeetingReportForm
    extra = 0
    max_num = 1
    autocomplete_fields = ["reporter"]
    readonly_fields = ["created_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["official", "campaign", "status", "scheduled_at", "format"]
    list_filter = ["status", "format", "campaign"]
    list_select_related = ["official", "campaign"]
    search_fields = ["official__name", "campaign__title", "place"]
    date_hierarchy = "scheduled_at"
    autocomplete_fields = ["campaign"]
    raw_id_fields = ["official"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [MeetingAttendeeInline, MeetingReportInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A report filed here without a reporter is the staff member's own.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, MeetingReport) and instance.reporter_id is None:
                instance.reporter = request.user
            instance.save()
        formset.save_m2m()


# --- Stance reports -----------------------------------------------------------------------------


class StanceReportAdminForm(forms.ModelForm):
    evidence_url = forms.URLField(
        label=_("evidence link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = StanceReport
        fields = [
            "campaign",
            "official",
            "stance",
            "source",
            "evidence_url",
            "notes",
            "meeting",
            "reporter",
            "reported_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reporter" in self.fields:
            self.fields["reporter"].required = False
            self.fields["reporter"].help_text = _("Empty: you.")

    def clean(self):
        cleaned = super().clean()
        campaign, official = cleaned.get("campaign"), cleaned.get("official")
        if campaign and official and official.body_id != campaign.target_body_id:
            self.add_error(
                "official", _("This official does not sit on the campaign's target body.")
            )
        return cleaned


@admin.register(StanceReport)
class StanceReportAdmin(admin.ModelAdmin):
    form = StanceReportAdminForm
    list_display = ["official", "campaign", "stance", "source", "review", "reported_at"]
    list_filter = ["review", "stance", "source", "campaign"]
    list_select_related = ["official", "campaign"]
    search_fields = ["official__name", "campaign__title", "notes"]
    date_hierarchy = "reported_at"
    autocomplete_fields = ["campaign", "reporter"]
    raw_id_fields = ["official", "meeting"]
    actions = ["verify", "reject"]
    # Settled reports keep what was decided: editing one would move a stance without review.
    settled_fields = ["campaign", "official", "stance", "source", "reported_at", "meeting"]

    def get_readonly_fields(self, request, obj=None):
        fields = ["review", "reviewed_by", "reviewed_at"]
        if obj is not None and obj.review != StanceReport.Review.PENDING:
            fields += self.settled_fields
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # New reports go through the service: pending, audited, the official's row ensured.
        try:
            report = stance_report_create(
                campaign=obj.campaign,
                official=obj.official,
                stance=obj.stance,
                source=obj.source,
                reporter=obj.reporter or request.user,
                evidence_url=obj.evidence_url,
                notes=obj.notes,
                meeting=obj.meeting,
                reported_at=obj.reported_at,
            )
        except ServiceError as exc:  # pragma: no cover - the form checks the same rule
            self.message_user(request, str(exc), level=messages.ERROR)
            return
        obj.pk = report.pk

    def _review(self, request, queryset, *, verified: bool) -> None:
        if not self.has_change_permission(request):
            self.message_user(request, _("You may not review stance reports."), messages.ERROR)
            return
        done = 0
        for report in queryset.order_by("reported_at", "id"):
            stance_report_review(report=report, verified=verified, actor=request.user)
            done += 1
        message = (
            ngettext("%(count)d report verified.", "%(count)d reports verified.", done)
            if verified
            else ngettext("%(count)d report rejected.", "%(count)d reports rejected.", done)
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Verify the selected reports (moves current stances)"))
    def verify(self, request, queryset):
        self._review(request, queryset, verified=True)

    @admin.action(description=_("Reject the selected reports"))
    def reject(self, request, queryset):
        self._review(request, queryset, verified=False)


# --- Pressure, playbooks, opposition ------------------------------------------------------------


@admin.register(PressureAction)
class PressureActionAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "kind", "campaign", "official", "district", "count", "happened_on"]
    list_filter = ["kind", "campaign"]
    list_select_related = ["campaign", "official", "district"]
    search_fields = ["title", "outlet", "url", "official__name"]
    date_hierarchy = "happened_on"
    autocomplete_fields = ["campaign"]
    raw_id_fields = ["official", "district"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class PlaybookTemplateStepInline(admin.TabularInline):
    model = PlaybookTemplateStep
    extra = 1
    ordering = ["position"]


@admin.register(PlaybookTemplate)
class PlaybookTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "description"]
    search_fields = ["name", "name_es"]
    inlines = [PlaybookTemplateStepInline]


@admin.register(Opponent)
class OpponentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "campaign", "organization", "official"]
    list_filter = ["kind", "campaign"]
    list_select_related = ["campaign", "organization", "official"]
    search_fields = ["name", "arguments", "responses"]
    autocomplete_fields = ["campaign", "organization"]
    raw_id_fields = ["official"]


# Bodies, districts, precincts, ZIP codes and officials, with their imports (helper module).
from . import admin_imports, admin_letters  # noqa: E402, F401
