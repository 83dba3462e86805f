"""Every save is a revision; history shows a diff between any two; restore and proposals add one."""

import pytest
from django.urls import reverse

from tests.toolkits.factories import DocumentFactory, ToolkitFactory
from toolkits import services
from toolkits.diff import text_diff
from toolkits.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    toolkit = ToolkitFactory(slug="kit")
    return DocumentFactory(toolkit=toolkit, slug="doc", title="Guide", body="line one\nline two\n")


def _edit(client, document, body, note="", title="Guide"):
    return client.post(
        reverse("toolkits:document_edit", args=["kit", document.slug]),
        {"title": title, "slug": document.slug, "body": body, "note": note},
    )


def test_every_save_is_a_numbered_revision_with_who_and_why(editor_client, editor_user, document):
    assert (
        _edit(editor_client, document, "line one\nline 2\n", note="Fix wording").status_code == 302
    )
    _edit(editor_client, document, "line one\nline 2\nline three\n")
    revisions = list(document.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[1].note == "Fix wording" and revisions[1].author == editor_user
    assert revisions[2].body == "line one\nline 2\nline three"


def test_history_shows_a_readable_diff_between_any_two(anon_client, editor_client, document):
    _edit(editor_client, document, "line one\nline 2\n")
    _edit(editor_client, document, "line one\nline 2\nline <b>three</b>\n")
    url = reverse("toolkits:history", args=["kit", "doc"])
    latest = anon_client.get(url).content.decode()
    assert "line &lt;b&gt;three&lt;/b&gt;" in latest and "line two" not in latest
    first_to_last = anon_client.get(url, {"from": 1, "to": 3}).content.decode()
    assert '<del><span class="visually-hidden">Removed: </span>− line two</del>' in first_to_last
    assert "+ line 2</ins>" in first_to_last


@pytest.mark.parametrize("query", [{"from": "x"}, {"to": "99"}, {"from": "9" * 40}])
def test_history_with_unknown_revisions_is_404(anon_client, document, query):
    url = reverse("toolkits:history", args=["kit", "doc"])
    assert anon_client.get(url, query).status_code == 404


def test_authors_are_named_to_organizers_not_to_the_public(
    anon_client, organizer_client, editor_client, document
):
    _edit(editor_client, document, "new text")
    url = reverse("toolkits:history", args=["kit", "doc"])
    assert "Edda Editor" not in anon_client.get(url).content.decode()
    assert "Edda Editor" in organizer_client.get(url).content.decode()


def test_restoring_an_old_revision_adds_a_new_one(editor_client, document):
    _edit(editor_client, document, "rewritten\n", title="New title")
    response = editor_client.post(reverse("toolkits:restore", args=["kit", "doc", 1]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.body) == ("Guide", "line one\nline two\n")
    latest = document.revisions.order_by("-number").first()
    assert (latest.number, latest.note) == (3, "Restored revision 1")
    assert "line two" in document.body_html


def test_organizer_proposes_and_editor_accepts(
    organizer_client, organizer_user, editor_client, document
):
    response = organizer_client.post(
        reverse("toolkits:propose", args=["kit", "doc"]),
        {"title": "Guide", "body": "line one\nbetter line two\n", "note": "Clearer"},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.proposed_by == organizer_user and proposal.base_number == 1
    document.refresh_from_db()
    assert document.body == "line one\nline two\n"  # nothing changes until an editor accepts

    review = editor_client.get(reverse("toolkits:proposals", args=["kit", "doc"]))
    assert "+ better line two" in review.content.decode()
    editor_client.post(
        reverse("toolkits:proposals", args=["kit", "doc"]),
        {"proposal": proposal.pk, "decision": "accept"},
    )
    document.refresh_from_db()
    assert document.body == "line one\nbetter line two"
    assert document.revisions.count() == 2
    assert "Olu Organizer" in document.revisions.order_by("-number").first().note
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


def test_a_proposal_is_decided_once(editor_client, organizer_user, document):
    proposal = services.proposal_create(
        document=document, actor=organizer_user, title="Guide", body="x", note="n"
    )
    assert services.proposal_decline(proposal=proposal, actor=None)
    assert not services.proposal_accept(proposal=proposal, actor=None)
    document.refresh_from_db()
    assert document.body == "line one\nline two\n"


@pytest.mark.parametrize(
    "data", [{"proposal": "abc", "decision": "accept"}, {"proposal": "1", "decision": "maybe"}]
)
def test_bad_decisions_change_nothing_and_never_500(editor_client, document, data):
    response = editor_client.post(reverse("toolkits:proposals", args=["kit", "doc"]), data)
    assert response.status_code in (302, 404)
    assert document.revisions.count() == 1


def test_diff_rows_mark_added_removed_and_gaps():
    old = "\n".join(f"line {n}" for n in range(20))
    new = old.replace("line 2", "line II").replace("line 17", "line XVII")
    rows = text_diff(old, new)
    kinds = [row.kind for row in rows]
    assert "gap" in kinds and kinds.count("added") == 2 and kinds.count("removed") == 2


def test_review_warns_when_the_document_changed_since_the_proposal(
    editor_client, organizer_user, document
):
    services.proposal_create(
        document=document, actor=organizer_user, title="Guide", body="x", note="n"
    )
    services.document_update(document=document, actor=None, data={"body": "newer"}, note="")
    review = editor_client.get(reverse("toolkits:proposals", args=["kit", "doc"]))
    assert "written against revision 1" in review.content.decode()
