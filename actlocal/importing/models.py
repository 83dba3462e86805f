"""ImportJob: a large file imported by a Celery task, its progress and its result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .problems import Problem


class ImportJob(models.Model):
    """One uploaded file waiting for, or imported by, the background import task.

    The file's bytes live in the row (not on a disk the web and the worker might not share)
    until the job ends; then they are cleared. `problems` holds the errors that refused the file
    or the warnings of an imported one, as Problem dicts.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=60)
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"), default=b"", editable=False)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("rows done"), default=0)
    progress_total = models.PositiveIntegerField(_("rows"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="importjob_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def problem_list(self) -> list[Problem]:
        return [Problem.from_dict(item) for item in self.problems]

    def errors(self) -> list[Problem]:
        return [problem for problem in self.problem_list() if not problem.is_warning]

    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problem_list() if problem.is_warning]
