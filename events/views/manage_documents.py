"""The team's page of an event's (or kit's) toolkit documents: see them and choose them, and
choose the templates the invitation and reminder mails are written from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.errors import ServiceError

from ..document_selectors import (
    documents_choosable,
    event_document_ids,
    event_documents,
    mail_templates_chosen,
    templates_choosable,
)
from ..forms.documents import EventDocumentsForm, EventMailTemplatesForm
from ..models import Event
from ..permissions import access_event
from ..services.documents import event_documents_set, event_mail_templates_set
from ..template_texts import (
    INVITATION_PLACES,
    REMINDER_PLACES,
    event_template_texts,
    mail_personal_text,
)


def _documents_form(request: HttpRequest, event: Event, data=None) -> EventDocumentsForm:
    return EventDocumentsForm(
        data,
        queryset=documents_choosable(user=request.user),
        initial={
            "documents": event_document_ids(event=event),
            "shared": event_document_ids(event=event, shared=True),
        },
    )


def _mail_form(
    request: HttpRequest, event: Event, chosen: dict, data=None
) -> EventMailTemplatesForm:
    return EventMailTemplatesForm(
        data,
        invitations=templates_choosable(user=request.user, places=INVITATION_PLACES),
        reminders=templates_choosable(user=request.user, places=REMINDER_PLACES),
        hidden=[name for name in ("invitation", "reminder") if name not in chosen],
        initial={name: document.pk for name, document in chosen.items() if document},
    )


def _previews(request: HttpRequest, event: Event, chosen: dict) -> list[tuple[str, str]]:
    """How each chosen mail text reads, as if the viewer were the recipient."""
    name = request.user.name or ""
    previews = []
    for key, label, places in (
        ("invitation", _("Invitation mail"), INVITATION_PLACES),
        ("reminder", _("Reminder mail"), REMINDER_PLACES),
    ):
        document = chosen.get(key)
        if document is not None:
            text = mail_personal_text(
                event=event,
                template=document,
                places=places,
                recipient_name=name,
                sender_name=name,
            )
            previews.append((label, text))
    return previews


def _page(
    request: HttpRequest,
    event: Event,
    *,
    form: EventDocumentsForm | None = None,
    mail_form: EventMailTemplatesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    chosen_templates = mail_templates_chosen(event=event, user=request.user)
    chosen = event_documents(event=event, user=request.user)
    context = {
        "event": event,
        "form": form or _documents_form(request, event),
        "mail_form": mail_form or _mail_form(request, event, chosen_templates),
        "mail_templates_hidden": [
            name for name in ("invitation", "reminder") if name not in chosen_templates
        ],
        "previews": _previews(request, event, chosen_templates),
        "documents": chosen,
        "texts": event_template_texts(
            event=event, documents=chosen, sender_name=request.user.name or ""
        ),
    }
    return render(request, "events/documents_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    if request.method != "POST":
        return _page(request, event)
    form = _documents_form(request, event, request.POST)
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
    return _page(request, event, form=form, status=400)


@login_required
@require_POST
def mail_templates(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    chosen = mail_templates_chosen(event=event, user=request.user)
    form = _mail_form(request, event, chosen, request.POST)
    if form.is_valid():
        try:
            event_mail_templates_set(event=event, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The mail templates are saved."))
            return redirect("events:documents", slug=event.slug)
    return _page(request, event, mail_form=form, status=400)
