"""Who may see and change toolkits. 404 for what you may not see, 403 for what you may not change.

Drafts exist only for editors; members-only and organizers-only toolkits (their documents,
files, zip and search hits) only for the people their visibility names.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Document, Toolkit
from .roles import can_propose, is_toolkit_editor, viewer_visibilities


def access_toolkit(user: Any, slug: str, *, edit: bool = False) -> Toolkit:
    """The toolkit if `user` may see it (404 otherwise); 403 if they may see but not edit it."""
    toolkit = (
        Toolkit.objects.visible_to(user)
        .select_related("organization")
        .defer("search_vector", "organization__search_vector")
        .filter(slug=slug)
        .first()
    )
    if toolkit is None:
        raise Http404
    if edit and not is_toolkit_editor(user):
        raise PermissionDenied
    return toolkit


def toolkit_visible(user: Any, toolkit: Toolkit) -> bool:
    """The rule of `Toolkit.objects.visible_to`, for a toolkit already loaded."""
    if is_toolkit_editor(user):
        return True
    return toolkit.status in (
        Toolkit.Status.PUBLISHED,
        Toolkit.Status.ARCHIVED,
    ) and toolkit.visibility in viewer_visibilities(user)


def access_document(
    user: Any, slug: str, document: str, *, edit: bool = False, propose: bool = False
) -> Document:
    """A document of a toolkit `user` may see (404 otherwise); 403 for edits they may not make.

    One query: the document with its toolkit (and owner) and section; who may see the toolkit
    is then decided by `toolkit_visible`, the same rule the querysets apply.
    """
    found = (
        Document.objects.filter(toolkit__slug=slug, slug=document)
        .select_related("toolkit__organization", "section")
        .defer(
            "search_vector",
            "toolkit__search_vector",
            "toolkit__organization__search_vector",
        )
        .first()
    )
    if found is None or not toolkit_visible(user, found.toolkit):
        raise Http404
    if edit and not is_toolkit_editor(user):
        raise PermissionDenied
    if propose and not (can_propose(user) or is_toolkit_editor(user)):
        raise PermissionDenied
    return found


def require_editor(user: Any) -> None:
    """403 unless `user` edits toolkits (creating and importing them)."""
    if not is_toolkit_editor(user):
        raise PermissionDenied
