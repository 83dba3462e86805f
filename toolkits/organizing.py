"""Toolkits' part of "My organizing" (actlocal.organizing): for editors, the toolkits they
started, each with what waits for them next (proposals to review, a draft to publish)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actlocal.organizing import (
    CURRENT,
    DRAFT,
    PAST,
    NextAction,
    OrganizingItem,
    OrganizingSource,
    organizing_source_register,
)

from .models import Toolkit
from .roles import is_toolkit_editor
from .selectors import toolkits_started_by

_GROUPS = {Toolkit.Status.DRAFT: DRAFT, Toolkit.Status.PUBLISHED: CURRENT}


def toolkit_next_action(toolkit: Toolkit) -> NextAction:
    """What the editor should do next (open_proposals is annotated by toolkits_started_by)."""
    manage = reverse("toolkits:manage", kwargs={"slug": toolkit.slug})
    if toolkit.open_proposals:
        label = ngettext(
            "Review %(n)s proposed edit", "Review %(n)s proposed edits", toolkit.open_proposals
        ) % {"n": toolkit.open_proposals}
        return NextAction(label, manage)
    if toolkit.status == Toolkit.Status.DRAFT:
        return NextAction(_("Finish and publish"), reverse("toolkits:edit", args=[toolkit.slug]))
    return NextAction(_("Edit"), manage)


def _items(user: Any) -> list[OrganizingItem]:
    if not is_toolkit_editor(user):
        return []
    return [
        OrganizingItem(
            title=toolkit.title,
            url=reverse("toolkits:manage", kwargs={"slug": toolkit.slug}),
            group=_GROUPS.get(toolkit.status, PAST),
            status=str(toolkit.get_status_display()),
            role=_("Editor"),
            when=toolkit.updated_at,
            next_action=toolkit_next_action(toolkit),
        )
        for toolkit in toolkits_started_by(user=user)
    ]


def _new_actions(user: Any) -> list[NextAction]:
    if not is_toolkit_editor(user):
        return []
    return [NextAction(_("New toolkit"), reverse("toolkits:create"))]


def register() -> None:
    organizing_source_register(
        OrganizingSource(
            key="toolkits",
            heading=gettext_lazy("Toolkits"),
            items=_items,
            has_role=is_toolkit_editor,
            new_actions=_new_actions,
        )
    )
