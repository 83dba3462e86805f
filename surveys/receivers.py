"""A deleted survey's report is never served from the page cache (surveys.report_cache): a
deletion, cascading from an event or a campaign too, goes through no service that bumps."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Survey
from .report_cache import report_cache_bump_slug


@receiver(post_delete, sender=Survey, dispatch_uid="surveys-report-cache-delete")
def survey_deleted(sender, instance: Survey, **kwargs) -> None:
    report_cache_bump_slug(instance.slug)
