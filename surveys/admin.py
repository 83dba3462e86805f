from django.contrib import admin

from .models import LeanOverride, Question, Survey, SurveyDelivery


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "survey"


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "status", "opens_at", "closes_at", "anonymous")
    list_filter = ("status", "audience", "anonymous")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("event", "campaign", "created_by")
    inlines = [QuestionInline]


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
