"""The team's page of an event's (or kit's) toolkit documents: see them and choose them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError

from ..document_selectors import documents_choosable, event_document_ids, event_documents
from ..forms.documents import EventDocumentsForm
from ..permissions import access_event
from ..services.documents import event_documents_set
from ..template_texts import event_template_texts


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    form = EventDocumentsForm(
        request.POST or None,
        queryset=documents_choosable(user=request.user),
        initial={
            "documents": event_document_ids(event=event),
            "shared": event_document_ids(event=event, shared=True),
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event_documents_set(
                    event=event,
                    actor=request.user,
                    documents=form.cleaned_data["documents"],
                    shared=form.cleaned_data["shared"],
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The event's documents are saved."))
                return redirect("events:documents", slug=event.slug)
        status = 400
    chosen = event_documents(event=event, user=request.user)
    context = {
        "event": event,
        "form": form,
        "documents": chosen,
        "texts": event_template_texts(
            event=event, documents=chosen, sender_name=request.user.name or ""
        ),
    }
    return render(request, "events/documents_manage.html", context, status=status)
