"""The resources file. A row finds the resource it updates by link when given, else by title."""

from __future__ import annotations

from collections import defaultdict

from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Resource as DirectoryResource
from ..services import resource_prepare
from .bulk import chunked
from .cells import CellError, parse_text, parse_url, safe_text
from .columns import RESOURCE_ALIASES, RESOURCE_COLUMNS
from .lookups import organization_index
from .shared import DirectorySpreadsheet


class ResourceResource(DirectorySpreadsheet):
    column_help = RESOURCE_COLUMNS
    required_columns = ("title",)
    export_only_columns = ("slug",)
    header_aliases = RESOURCE_ALIASES
    derived_fields = ("updated_at",)
    slug_source = "title"

    class Meta:
        model = DirectoryResource
        name = _("Resources")

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        urls, titles = set(), set()
        for values in dataset.dict:
            url, title = self._key_parts(values)
            if url:
                urls.add(url)
            elif title:
                titles.add(title)
        self.by_url: dict[str, list] = defaultdict(list)
        self.by_title: dict[str, list] = defaultdict(list)
        queryset = (
            DirectoryResource.objects.annotate(title_key=Lower("title"))
            .select_related("provider")
            .order_by("pk")
        )
        for chunk in chunked(sorted(urls)):
            for resource in queryset.filter(url__in=chunk):
                self.by_url[resource.url].append(resource)
        for chunk in chunked(sorted(titles)):
            for resource in queryset.filter(title_key__in=chunk):
                self.by_title[resource.title_key].append(resource)
        self.provider_index = organization_index()
        groups = [*self.by_url.values(), *self.by_title.values()]
        self.load_topics({resource.pk for group in groups for resource in group})
        self.seen_keys: dict[tuple, int] = {}

    @staticmethod
    def _key_parts(row) -> tuple[str, str]:
        try:
            url = parse_url(safe_text(row.get("url")))
        except CellError:
            url = ""
        return url, safe_text(row.get("title")).lower()

    def find_existing(self, row) -> DirectoryResource | None:
        url, title = self._key_parts(row)
        if url:
            self.current_key, column, matches = ("url", url), "url", self.by_url.get(url, [])
        elif title:
            self.current_key, column = ("title", title), "title"
            matches = self.by_title.get(title, [])
        else:
            self.current_key, matches = None, []
        if len(matches) > 1:
            self.key_errors[column] = gettext(
                "%(count)s resources match; give each a distinct link to tell them apart"
            ) % {"count": len(matches)}
            return None
        return matches[0] if matches else None

    # Columns ------------------------------------------------------------------------------------

    def import_url(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        url = parse_url(text)
        if url:
            resource.url = url

    def import_title(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.title = parse_text(" ".join(text.split()), max_length=200, required=True)

    def import_provider(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.provider = self.provider_index.find(text) if text else None

    def row_checks(self, resource: DirectoryResource, pending: dict, number: int) -> dict:
        problems = {}
        if not resource.title:
            problems["title"] = gettext("a title is required")
        for column in ("kind", "scope"):
            if not getattr(resource, column):
                problems[column] = gettext("required for a new resource")
        key = self.current_key
        if key and (first := self.earlier_row(self.seen_keys, key, number)):
            problems[key[0]] = gettext("the same resource is already on row %(row)s") % {
                "row": first
            }
        return problems

    # Values -------------------------------------------------------------------------------------

    def value_provider(self, resource: DirectoryResource) -> str:
        return self.org_ref(resource.provider) if resource.provider_id else ""

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("provider").prefetch_related("topics")

    # Writing ------------------------------------------------------------------------------------

    def prepare(self, resource: DirectoryResource) -> None:
        resource_prepare(resource)
