"""Letters and op-eds in the admin: read-only, since publishing goes through letter_mark."""

from __future__ import annotations

from django.contrib import admin

from .models_letters import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "kind", "status", "outlet", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "outlet", "campaign__title"]
    raw_id_fields = ["campaign", "author", "official", "action"]
    readonly_fields = ["status", "action", "outlet", "url"]
