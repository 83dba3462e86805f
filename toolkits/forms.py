"""Editing forms. Uploads are checked by content in `clean_*` (see toolkits.uploads)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.models import Topic
from directory.models import Organization

from .merge import merge_unknown_fields
from .models import Document, Proposal, Section, Toolkit
from .uploads import CheckedUpload, upload_check, uploaded_read

# Addresses the library's own pages use: a toolkit or document named so would be unreachable.
RESERVED_TOOLKIT_SLUGS = {"new", "import", "search"}
RESERVED_DOCUMENT_SLUGS = {"print", "edit", "manage", "documents", "files", "cover-png"}


def _checked(uploaded) -> CheckedUpload | None:
    if not uploaded:
        return None
    data, name = uploaded_read(uploaded)
    return upload_check(data=data, name=name)


class ToolkitForm(forms.ModelForm):
    cover_upload = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP. It is shown resized."),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    class Meta:
        model = Toolkit
        fields = [
            "title",
            "slug",
            "summary",
            "title_es",
            "summary_es",
            "kind",
            "topics",
            "organization",
            "visibility",
            "status",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_es": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("Letters, numbers and hyphens; part of the toolkit's address.")}
        labels = {"topics": _("Topics")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by(ReaderOrder("name"), "id")
        self.fields["organization"].queryset = Organization.objects.only("id", "name").order_by(
            "name"
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_TOOLKIT_SLUGS:
            raise ValidationError(
                _("“%(slug)s” is reserved; choose another address.") % {"slug": slug}
            )
        return slug

    def clean_cover_upload(self):
        checked = _checked(self.cleaned_data.get("cover_upload"))
        if checked is not None and checked.detected.kind != "image":
            raise ValidationError(_("The cover must be an image (PNG, JPEG, GIF or WebP)."))
        return checked


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class DocumentForm(forms.ModelForm):
    note = forms.CharField(
        label=_("What changed (for the history)"), max_length=300, required=False
    )

    class Meta:
        model = Document
        fields = [
            "title",
            "slug",
            "section",
            "position",
            "topics",
            "template_for",
            "body",
            "title_es",
            "body_es",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 20}),
            "body_es": forms.Textarea(attrs={"rows": 20}),
        }
        help_texts = {
            "body": _(
                "Markdown: # headings, **bold**, lists, [links](https://example.org), tables. "
                "HTML is shown as text."
            ),
            "position": _("Documents are listed by this number within their section."),
        }
        labels = {"section": _("Section"), "topics": _("Topics")}

    def __init__(self, *args, toolkit: Toolkit, **kwargs):
        super().__init__(*args, **kwargs)
        self.toolkit = toolkit
        self.fields["section"].queryset = toolkit.sections.order_by("position", "id")
        self.fields["topics"].queryset = Topic.objects.order_by(ReaderOrder("name"), "id")
        self.fields["position"].required = False

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_DOCUMENT_SLUGS:
            raise ValidationError(
                _("“%(slug)s” is reserved; choose another address.") % {"slug": slug}
            )
        clash = Document.objects.filter(toolkit=self.toolkit, slug=slug)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                _("This toolkit already has a document at “%(slug)s”.") % {"slug": slug}
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("template_for")
        if place:
            unknown = merge_unknown_fields(text=cleaned.get("body") or "", place=place)
            if unknown:
                self.add_error(
                    "body",
                    _(
                        "This template uses fields its place does not offer: %(unknown)s. "
                        "Use only the fields listed next to the editor."
                    )
                    % {"unknown": ", ".join(unknown)},
                )
        return cleaned

    def validate_unique(self):
        # The toolkit is not a form field, so the (toolkit, slug) rule is checked in clean_slug.
        pass


class AttachmentForm(forms.Form):
    # Shown on the same page as the document form, whose fields have the same names.
    prefix = "attachment"

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image, office document, slides or spreadsheet."),
    )
    title = forms.CharField(label=_("Description"), max_length=200, required=False)

    def clean_file(self):
        return _checked(self.cleaned_data.get("file"))


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "body", "note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}


class ImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Toolkit zip"), help_text=_("A zip made by “Export” on this or another site.")
    )


def _section_choices(sections, *, empty_label) -> list[tuple[str, str]]:
    return [("", str(empty_label)), *((str(s.pk), s.title) for s in sections)]


class SectionMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Move up")), ("down", _("Move down"))])


class DocumentSectionForm(forms.Form):
    """Move a document to another section; the choices are built once per page, not per row."""

    section = forms.TypedChoiceField(
        label=_("Move to section"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_choices(
            sections, empty_label=_("No section (listed last)")
        )


class SectionDeleteForm(forms.Form):
    """What happens to the documents of a section being deleted."""

    MOVE, DELETE = "move", "delete"

    documents = forms.ChoiceField(
        label=_("Its documents"),
        choices=[
            (MOVE, _("Move them to another section")),
            (DELETE, _("Delete them, with their history and files")),
        ],
        widget=forms.RadioSelect,
        initial=MOVE,
    )
    move_to = forms.TypedChoiceField(
        label=_("Move them to"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, others, has_documents: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].choices = _section_choices(
            others, empty_label=_("No section (listed last)")
        )
        if not has_documents:
            del self.fields["documents"]
            del self.fields["move_to"]
