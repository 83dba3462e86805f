from django import forms
from django.contrib import admin

from .forms import AudienceFields
from .models import LeanOverride, Question, Survey, SurveyDelivery
from .report_cache import report_cache_bump_slug
from .services.rollups import results_version_bump


class SurveyAdminForm(AudienceFields, forms.ModelForm):
    """The admin's survey form: the audience as the same fields as the staff survey page,
    never typed JSON."""

    class Meta:
        model = Survey
        fields = [
            "title", "slug", "intro", "audience", "event", "campaign", "opens_at", "closes_at",
            "status", "anonymous", "send_after_hours", "reminder_after_days", "published_at",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.update(self.initial_from(self.instance.audience_filter))

    def save(self, commit=True):
        survey = super().save(commit=False)
        leaders = survey.audience == Survey.Audience.LEADERS
        survey.audience_filter = self.audience_filter() if leaders else {}
        if commit:
            survey.save()
            self.save_m2m()
        return survey


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "survey"


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    form = SurveyAdminForm
    list_display = ("title", "audience", "status", "opens_at", "closes_at", "anonymous")
    list_filter = ("status", "audience", "anonymous")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("event", "campaign")
    inlines = [QuestionInline]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Questions or settings edited here change what the results show.
        results_version_bump(survey_pk=form.instance.pk)
        if change and "slug" in form.changed_data:
            # The report's old URL must not be served from the page cache any more.
            report_cache_bump_slug(form.initial["slug"])


@admin.register(LeanOverride)
class LeanOverrideAdmin(admin.ModelAdmin):
    list_display = ("leader", "area_lean", "set_by", "set_at")
    raw_id_fields = ("leader", "set_by")


@admin.register(SurveyDelivery)
class SurveyDeliveryAdmin(admin.ModelAdmin):
    list_display = ("survey", "leader", "kind", "sent_at", "cancelled_at", "attempts")
    list_filter = ("kind",)
    raw_id_fields = ("survey", "leader")
    readonly_fields = ("sent_at", "cancelled_at", "claimed_at", "attempts", "last_error")
