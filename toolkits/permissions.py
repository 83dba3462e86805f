"""Who may see and change toolkits. 404 for what you may not see, 403 for what you may not change.

Drafts exist only for editors; members-only and organizers-only toolkits (their documents,
files, zip and search hits) only for the people their visibility names.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Document, Toolkit
from .roles import can_propose, is_toolkit_editor


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


def access_document(
    user: Any, slug: str, document: str, *, edit: bool = False, propose: bool = False
) -> Document:
    """A document of a toolkit `user` may see (404 otherwise); 403 for edits they may not make."""
    toolkit = access_toolkit(user, slug)
    found = (
        Document.objects.filter(toolkit=toolkit, slug=document)
        .select_related("section")
        .defer("search_vector")
        .first()
    )
    if found is None:
        raise Http404
    found.toolkit = toolkit
    if edit and not is_toolkit_editor(user):
        raise PermissionDenied
    if propose and not (can_propose(user) or is_toolkit_editor(user)):
        raise PermissionDenied
    return found


def require_editor(user: Any) -> None:
    """403 unless `user` edits toolkits (creating and importing them)."""
    if not is_toolkit_editor(user):
        raise PermissionDenied
