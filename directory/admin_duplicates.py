"""Staff review of possible duplicate leaders and organizations (registered from admin.py).

Detection only proposes pairs. Here staff compare the two records side by side and merge one
into the other or mark the pair "not a duplicate"; both go through directory.duplicates.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actlocal.dates import when
from actlocal.errors import ServiceError
from actlocal.text import whole_number

from .duplicates import duplicate_dismiss, duplicate_merge, merge_relations
from .duplicates import reason_labels as _reason_labels
from .models import DuplicateCandidate, Leader, Organization

# Fields that say nothing to a reviewer (derived or internal).
HIDDEN_FIELDS = {"id", "search_vector", "latitude", "longitude", "website_domain"}


def _records(candidate: DuplicateCandidate) -> tuple[type[models.Model], Any, Any]:
    if candidate.kind == DuplicateCandidate.Kind.LEADER:
        return Leader, candidate.leader_a, candidate.leader_b
    return Organization, candidate.organization_a, candidate.organization_b


def _display(obj: models.Model, field: models.Field) -> str:
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = getattr(obj, field.name)
    if value is None or value == "":
        return ""
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    return str(value)


def _field_rows(model: type[models.Model], left: Any, right: Any) -> list[dict[str, Any]]:
    rows = []
    for field in model._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        left_value, right_value = _display(left, field), _display(right, field)
        rows.append(
            {
                "label": str(field.verbose_name).capitalize(),
                "left": left_value,
                "right": right_value,
                "differs": left_value != right_value,
            }
        )
    for field in model._meta.many_to_many:
        left_value = ", ".join(str(item) for item in getattr(left, field.name).all())
        right_value = ", ".join(str(item) for item in getattr(right, field.name).all())
        rows.append(
            {
                "label": str(field.verbose_name).capitalize(),
                "left": left_value,
                "right": right_value,
                "differs": left_value != right_value,
            }
        )
    return rows


def _when(value) -> str:
    return when(value, "date") if value else ""


def _place(record: Any) -> str:
    return ", ".join(part for part in (record.city, record.state) if part)


def _last_active(leader: Leader) -> str:
    # The account's last sign-in says who is really around; a profile without one, its last edit.
    user = leader.user
    if user is not None and user.last_login:
        return _("signed in %(date)s") % {"date": _when(user.last_login)}
    return _("edited %(date)s") % {"date": _when(leader.updated_at)}


def _telling_values(model: type[models.Model], record: Any) -> list[tuple[str, str]]:
    """(label, value) of what tells two records of the same name apart."""
    if model is Leader:
        return [
            (_("City"), _place(record)),
            (_("Organizations"), ", ".join(org.name for org in record.organizations.all())),
            (_("Email domain"), record.email.rpartition("@")[2] if record.email else ""),
            (_("Created"), _when(record.created_at)),
            (_("Last active"), _last_active(record)),
        ]
    return [
        (_("City"), _place(record)),
        (_("Part of"), record.parent.name if record.parent_id else ""),
        (_("Website domain"), record.website_domain),
        (_("Created"), _when(record.created_at)),
        (_("Last updated"), _when(record.updated_at)),
    ]


def _telling_rows(model: type[models.Model], left: Any, right: Any) -> list[dict[str, Any]]:
    """The fields that tell the pair apart, side by side, shown above the full comparison."""
    return [
        {"label": label, "left": left_value, "right": right_value}
        for (label, left_value), (_label, right_value) in zip(
            _telling_values(model, left), _telling_values(model, right), strict=True
        )
    ]


def _relation_rows(model: type[models.Model], left: Any, right: Any) -> list[dict[str, Any]]:
    """How many rows of each related table point at each record (what a merge carries over)."""
    rows = []
    for relation in merge_relations(model):
        related = relation.related_model
        if related._meta.auto_created:
            continue  # plain many-to-many tables: their values are listed with the fields
        manager = related._base_manager
        name = relation.field.name
        counts = [manager.filter(**{name: record}).count() for record in (left, right)]
        label = str(related._meta.verbose_name_plural).capitalize()
        if related is model:
            label = str(relation.field.related_query_name()).capitalize()
        rows.append({"label": label, "left": counts[0], "right": counts[1]})
    return rows


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    list_display = ["pair", "kind", "score_display", "reasons_display", "status", "created_at"]
    list_display_links = ["pair"]
    list_filter = ["kind", "status"]
    search_fields = [
        "leader_a__name",
        "leader_b__name",
        "leader_a__email",
        "leader_b__email",
        "organization_a__name",
        "organization_b__name",
        "organization_a__website_domain",
        "organization_b__website_domain",
    ]
    list_select_related = ["leader_a", "leader_b", "organization_a", "organization_b"]
    list_per_page = 50
    actions = ["dismiss_selected"]

    # --- list -----------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("pair"))
    def pair(self, candidate: DuplicateCandidate) -> str:
        return str(candidate)

    @admin.display(description=gettext_lazy("similarity"), ordering="score")
    def score_display(self, candidate: DuplicateCandidate) -> str:
        return f"{candidate.score:.0%}"

    @admin.display(description=gettext_lazy("reasons"))
    def reasons_display(self, candidate: DuplicateCandidate) -> str:
        return ", ".join(_reason_labels(candidate.reasons))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # pairs come from detection only

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A deleted pair would simply be flagged again; "not a duplicate" is the lasting answer.
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(
        description=gettext_lazy("Mark selected pairs as not duplicates"), permissions=["change"]
    )
    def dismiss_selected(self, request: HttpRequest, queryset) -> None:
        dismissed = sum(
            duplicate_dismiss(candidate=candidate, actor=request.user)
            for candidate in queryset.filter(status=DuplicateCandidate.Status.OPEN)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d pair marked as not a duplicate.",
                "%(count)d pairs marked as not duplicates.",
                dismissed,
            )
            % {"count": dismissed},
            messages.SUCCESS if dismissed else messages.WARNING,
        )

    # --- compare, merge, dismiss ------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/compare/", wrap(self.compare_view), name=f"{prefix}_compare"),
            path("<path:object_id>/merge/", wrap(self.merge_view), name=f"{prefix}_merge"),
            path("<path:object_id>/dismiss/", wrap(self.dismiss_view), name=f"{prefix}_dismiss"),
            *super().get_urls(),
        ]

    def _url(self, name: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A pair has nothing to edit by hand; reviewing it means comparing the two records.
        return HttpResponseRedirect(self._url("compare", object_id))

    def can_merge(self, request: HttpRequest, candidate: DuplicateCandidate) -> bool:
        """Merging changes one record and deletes the other, so it needs both permissions."""
        model = _records(candidate)[0]
        app, name = model._meta.app_label, model._meta.model_name
        return self.has_change_permission(request, candidate) and request.user.has_perms(
            [f"{app}.change_{name}", f"{app}.delete_{name}"]
        )

    def _get_candidate(self, request: HttpRequest, object_id: str) -> DuplicateCandidate:
        queryset = self.get_queryset(request).select_related(
            "leader_a__user", "leader_b__user", "organization_a", "organization_b", "reviewed_by"
        )
        if whole_number(object_id) is None:
            raise Http404
        return get_object_or_404(queryset, pk=object_id)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        candidate = self._get_candidate(request, object_id)
        model, left, right = _records(candidate)
        if left is None or right is None:
            # Merged: one record no longer exists, so there is nothing left to compare.
            self.message_user(
                request,
                _("“%(removed)s” was merged into “%(kept)s” on %(when)s.")
                % {
                    "removed": candidate.removed_label,
                    "kept": left or right,
                    "when": when(candidate.reviewed_at, "card") if candidate.reviewed_at else "?",
                },
                messages.INFO,
            )
            return redirect(_admin_change_url(left or right) or "admin:index")
        is_open = candidate.status == DuplicateCandidate.Status.OPEN
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Compare possible duplicates"),
            "candidate": candidate,
            "reasons": _reason_labels(candidate.reasons),
            "record_opts": model._meta,
            "left": left,
            "right": right,
            "left_admin_url": _admin_change_url(left),
            "right_admin_url": _admin_change_url(right),
            "telling_rows": _telling_rows(model, left, right),
            "field_rows": _field_rows(model, left, right),
            "relation_rows": _relation_rows(model, left, right),
            "can_merge": is_open and self.can_merge(request, candidate),
            "can_dismiss": is_open and self.has_change_permission(request, candidate),
            "merge_url": self._url("merge", candidate.pk),
            "dismiss_url": self._url("dismiss", candidate.pk),
            "changelist_url": self._url("changelist"),
        }
        return TemplateResponse(request, "admin/directory/duplicatecandidate/compare.html", context)

    def merge_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        candidate = self._get_candidate(request, object_id)
        if not self.can_merge(request, candidate):
            raise PermissionDenied
        _model, left, right = _records(candidate)
        side = request.POST.get("keep")
        if side not in ("left", "right"):
            self.message_user(request, _("Choose which record to keep."), messages.ERROR)
            return HttpResponseRedirect(self._url("compare", candidate.pk))
        keep, remove = (left, right) if side == "left" else (right, left)
        removed_label = str(remove)
        try:
            kept = duplicate_merge(candidate=candidate, keep=keep, actor=request.user)
        except ServiceError as error:
            self.message_user(request, str(error), messages.ERROR)
            if DuplicateCandidate.objects.filter(pk=candidate.pk).exists():
                return HttpResponseRedirect(self._url("compare", candidate.pk))
            return HttpResponseRedirect(self._url("changelist"))
        kept_url = _admin_change_url(kept) or kept.get_absolute_url()
        message = format_html(
            _('Merged “{removed}” into <a href="{url}">{kept}</a>; everything linked to it moved.'),
            removed=removed_label,
            url=kept_url,
            kept=str(kept),
        )
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._url("changelist"))

    def dismiss_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        candidate = self._get_candidate(request, object_id)
        if not self.has_change_permission(request, candidate):
            raise PermissionDenied
        if duplicate_dismiss(candidate=candidate, actor=request.user):
            self.message_user(
                request,
                _("“%(pair)s” is marked as not a duplicate; it will not be flagged again.")
                % {"pair": candidate},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("This pair was already reviewed by someone else."), messages.WARNING
            )
        return HttpResponseRedirect(self._url("changelist"))


def _admin_change_url(obj: models.Model) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""  # that model has no admin page (yet)
