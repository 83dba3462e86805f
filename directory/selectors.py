"""Read queries shared by the directory's views, the home page, exports and tasks."""

from __future__ import annotations

from django.db.models import QuerySet

from actlocal.models import Topic

from .models import Leader, Organization, Resource


def directory_counts() -> dict[str, int]:
    """Headline numbers for the home page: public leaders, organizations, resources."""
    return {
        "leaders": Leader.objects.filter(visibility=Leader.Visibility.PUBLIC).count(),
        "organizations": Organization.objects.count(),
        "resources": Resource.objects.count(),
    }


def featured_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(featured=True).order_by("name")
