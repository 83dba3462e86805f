"""The toolkits' part of a person's data download: what they proposed and wrote."""

import json

import pytest
from django.urls import reverse

from toolkits.services import document_update, proposal_create

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_download_lists_the_proposals_and_revisions_a_person_wrote(member_client, member_user):
    document = DocumentFactory(title="Writing an op-ed")
    proposal_create(
        document=document, actor=member_user, title="Writing an op-ed", body="New", note="Tighter"
    )
    document_update(document=document, actor=member_user, data={"body": "Edited"}, note="Typos")
    DocumentFactory(title="Someone else's guide")

    data = json.loads(member_client.get(reverse("me_data")).content)

    assert [row["note"] for row in data["toolkit_proposals"]] == ["Tighter"]
    assert [row["document"] for row in data["toolkit_revisions"]] == ["Writing an op-ed"]
    assert data["toolkit_revisions"][0]["note"] == "Typos"


def test_download_of_someone_who_wrote_nothing_has_no_toolkit_sections(member_client):
    data = json.loads(member_client.get(reverse("me_data")).content)
    assert "toolkit_proposals" not in data and "toolkit_revisions" not in data
