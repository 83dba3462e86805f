"""The staff pages of background imports: the list of jobs, and one job's progress and result.

A job's page is for the person who uploaded the file (and superusers); anyone else gets 404.
While the job runs the page polls its progress with htmx, or refreshes itself without JS.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .jobs import import_job_progress
from .models import ImportJob

POLL_SECONDS = 2


def import_job_url(job: ImportJob) -> str:
    return reverse("admin:actlocal_importjob_progress", args=[job.pk])


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "filename", "status", "created_by"]
    list_filter = ["status", "kind"]
    list_select_related = ["created_by"]
    search_fields = ["filename", "created_by__email"]
    exclude = ["data"]

    def get_queryset(self, request):
        # A queued job holds its whole file; the list and the detail never show it.
        return super().get_queryset(request).defer("data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.progress_view)
        return [
            path("<int:pk>/progress/", view, name="actlocal_importjob_progress"),
            *super().get_urls(),
        ]

    def progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
        if not (request.user.is_superuser or job.created_by_id == request.user.pk):
            raise Http404
        done, total = import_job_progress(job=job)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import of %(file)s") % {"file": job.filename},
            "job": job,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "poll_seconds": POLL_SECONDS,
            "errors": job.errors(),
            "warnings": job.warnings(),
        }
        request.current_app = self.admin_site.name
        if getattr(request, "htmx", False) and not job.is_finished:
            return TemplateResponse(request, "admin/actlocal/_import_job_progress.html", context)
        response = TemplateResponse(request, "admin/actlocal/import_job.html", context)
        if getattr(request, "htmx", False):
            # Finished: the whole page (with the result) replaces the progress bar.
            response["HX-Refresh"] = "true"
        return response
