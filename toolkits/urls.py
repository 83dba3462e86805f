from django.urls import path

from .views import editing, history, library, sections

app_name = "toolkits"

urlpatterns = [
    path("", library.toolkit_list, name="list"),
    path("search/", library.search_fragment, name="search_fragment"),
    path("new/", editing.toolkit_create, name="create"),
    path("import/", editing.toolkit_import_view, name="import"),
    path("<slug:slug>/", library.toolkit_detail, name="detail"),
    path("<slug:slug>/print/", library.toolkit_print, name="print"),
    path("<slug:slug>/download.zip", library.toolkit_download, name="download"),
    path("<slug:slug>/cover.png", library.toolkit_cover, name="cover"),
    path("<slug:slug>/edit/", editing.toolkit_edit, name="edit"),
    path("<slug:slug>/manage/", sections.toolkit_manage, name="manage"),
    path("<slug:slug>/sections/<int:pk>/rename/", sections.section_rename, name="section_rename"),
    path("<slug:slug>/sections/<int:pk>/move/", sections.section_move, name="section_move"),
    path("<slug:slug>/sections/<int:pk>/delete/", sections.section_delete, name="section_delete"),
    path("<slug:slug>/export.zip", editing.toolkit_export, name="export"),
    path("<slug:slug>/documents/new/", editing.document_create, name="document_create"),
    path(
        "<slug:slug>/files/<int:pk>/thumbnail.png", library.attachment_thumbnail, name="thumbnail"
    ),
    path("<slug:slug>/files/<int:pk>/delete/", editing.attachment_delete, name="attachment_delete"),
    path("<slug:slug>/files/<int:pk>/<str:name>", library.attachment_download, name="attachment"),
    path("<slug:slug>/<slug:document>/", library.document_detail, name="document"),
    path("<slug:slug>/<slug:document>/edit/", editing.document_edit, name="document_edit"),
    path(
        "<slug:slug>/<slug:document>/section/",
        sections.document_section,
        name="document_section",
    ),
    path("<slug:slug>/<slug:document>/files/", editing.attachment_upload, name="attachment_upload"),
    path("<slug:slug>/<slug:document>/history/", history.document_history, name="history"),
    path(
        "<slug:slug>/<slug:document>/history/<int:number>/restore/",
        history.revision_restore,
        name="restore",
    ),
    path("<slug:slug>/<slug:document>/propose/", history.proposal_create, name="propose"),
    path("<slug:slug>/<slug:document>/proposals/", history.proposal_review, name="proposals"),
]
