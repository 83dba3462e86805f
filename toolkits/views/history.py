"""Revision history, diffs, restores, and organizers' edit proposals with editors' decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from actlocal.text import whole_number

from .. import selectors, services
from ..diff import text_diff
from ..forms import ProposalForm
from ..permissions import access_document
from ..roles import can_propose, is_toolkit_editor
from ..selectors import document_revisions
from .common import page_render


def _revision_number(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if whole_number(raw, max_digits=9) is None:
        raise Http404
    return int(raw)


@require_safe
def document_history(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    """Every revision (who, when, note) and a diff between any two (?from=&to=)."""
    found = access_document(request.user, slug, document)
    revisions = list(document_revisions(document=found))
    latest = revisions[0].number if revisions else 0
    new_number = _revision_number(request, "to", latest)
    old_number = _revision_number(request, "from", max(new_number - 1, 1))
    pair = selectors.document_revision_pair(document=found, numbers=[old_number, new_number])
    if revisions and (old_number not in pair or new_number not in pair):
        raise Http404
    diff = (
        text_diff(pair[old_number].body, pair[new_number].body)
        if revisions and old_number != new_number
        else []
    )
    context = {
        "toolkit": found.toolkit,
        "document": found,
        "revisions": revisions,
        "old": pair.get(old_number),
        "new": pair.get(new_number),
        "diff": diff,
        "can_edit": is_toolkit_editor(request.user),
        # Authors' names are for the people who write the library, not for every reader.
        "show_authors": is_toolkit_editor(request.user) or can_propose(request.user),
    }
    return page_render(request, "toolkits/document_history.html", context)


@login_required
@require_POST
def revision_restore(request: HttpRequest, slug: str, document: str, number: int) -> HttpResponse:
    found = access_document(request.user, slug, document, edit=True)
    revision = selectors.document_revision_or_404(document=found, number=number)
    services.revision_restore(revision=revision, actor=request.user)
    messages.success(
        request, _("Revision %(number)s restored as a new revision.") % {"number": number}
    )
    return redirect("toolkits:history", slug=slug, document=document)


@login_required
def proposal_create(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    found = access_document(request.user, slug, document, propose=True)
    initial = {"title": found.title, "body": found.body}
    form = ProposalForm(request.POST or None, initial=initial)
    context = {"form": form, "toolkit": found.toolkit, "document": found}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "toolkits/proposal_form.html", context, status=400)
        services.proposal_create(
            document=found, actor=request.user, **{k: form.cleaned_data[k] for k in form.fields}
        )
        messages.success(request, _("Thank you: an editor will review your proposed changes."))
        return redirect(found.get_absolute_url())
    return render(request, "toolkits/proposal_form.html", context)


@login_required
def proposal_review(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    """Editors see open proposals with their diff against the current text, then decide."""
    found = access_document(request.user, slug, document, edit=True)
    if request.method == "POST":
        raw = request.POST.get("proposal", "").strip()
        if whole_number(raw, max_digits=18) is None:
            raise Http404
        proposal = selectors.document_proposal_or_404(document=found, pk=int(raw))
        decision = request.POST.get("decision")
        if decision == "accept":
            done = services.proposal_accept(proposal=proposal, actor=request.user)
            text = _("Proposal accepted as a new revision.")
        elif decision == "decline":
            done = services.proposal_decline(proposal=proposal, actor=request.user)
            text = _("Proposal declined.")
        else:
            messages.error(request, _("Choose to accept or decline the proposal."))
            return redirect("toolkits:proposals", slug=slug, document=document)
        if done:
            messages.success(request, text)
        else:
            messages.info(request, _("Someone already decided on this proposal."))
        return redirect("toolkits:proposals", slug=slug, document=document)
    proposals = [
        (proposal, text_diff(found.body, proposal.body))
        for proposal in selectors.document_open_proposals(document=found)
    ]
    context = {
        "toolkit": found.toolkit,
        "document": found,
        "proposals": proposals,
        "latest_number": selectors.document_latest_revision_number(document=found),
    }
    return render(request, "toolkits/proposal_review.html", context)
