"""Merging a duplicate pair keeps everything of both records; dismissing keeps both records."""

import pytest
from django.apps import apps
from django.db import models

from actlocal.models import AuditEntry
from directory.cache import directory_cache_version
from directory.duplicates import (
    MergeError,
    Reason,
    duplicate_dismiss,
    duplicate_merge,
    duplicates_find_for_leader,
    merge_relations,
)
from directory.models import (
    Affiliation,
    ContactMessage,
    DuplicateCandidate,
    Leader,
    LeaderRole,
    Organization,
    Resource,
)
from tests.actlocal.factories import TopicFactory, UserFactory, staff_login
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def leader_candidate(a, b, **kwargs):
    low, high = sorted([a, b], key=lambda leader: leader.pk)
    return DuplicateCandidate.objects.create(
        kind="leader", leader_a=low, leader_b=high, score=0.8, reasons=["similar_name"], **kwargs
    )


def organization_candidate(a, b, **kwargs):
    low, high = sorted([a, b], key=lambda organization: organization.pk)
    return DuplicateCandidate.objects.create(
        kind="organization",
        organization_a=low,
        organization_b=high,
        score=0.9,
        reasons=["same_website"],
        **kwargs,
    )


@pytest.fixture
def pair_of_leaders():
    """The same person twice: an imported profile and the one they registered themselves."""
    roles = list(LeaderRole.objects.order_by("slug")[:2])
    housing, voting, transit = (TopicFactory(slug=f"merge-{n}", name=n) for n in "abc")
    imported = LeaderFactory(
        name="Marisol Vega",
        email="marisol.vega@imported.example.org",
        phone="",
        bio="",
        city="",
        area_type="",
        visibility=Leader.Visibility.ORGANIZERS,
        topics=[housing, voting],
        roles=[roles[0]],
    )
    account = UserFactory(email="marisol@self.example.org")
    registered = LeaderFactory(
        name="Marisol Vega-Ruiz",
        email="marisol@self.example.org",
        user=account,
        phone="617-555-0123",
        bio="Tenant organizer in East Somerville.",
        city="Somerville",
        area_type="suburban",
        visibility=Leader.Visibility.PUBLIC,
        topics=[voting, transit],
        roles=roles,
    )
    return imported, registered, account, (housing, voting, transit), roles


def test_merging_leaders_keeps_every_relation_and_fills_blank_fields(pair_of_leaders, staff_user):
    keep, remove, account, topics, roles = pair_of_leaders
    shared_org, only_removed_org, only_kept_org = OrganizationFactory.create_batch(3)
    AffiliationFactory(leader=keep, organization=shared_org, role_title="")
    AffiliationFactory(leader=remove, organization=shared_org, role_title="Chapter co-lead")
    AffiliationFactory(leader=remove, organization=only_removed_org, role_title="Member")
    AffiliationFactory(leader=keep, organization=only_kept_org, role_title="Volunteer")
    message = ContactMessage.objects.create(recipient=remove, subject="Hello", body="Hi there")
    candidate = leader_candidate(keep, remove)

    kept = duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)

    assert not Leader.objects.filter(pk=remove.pk).exists()
    kept.refresh_from_db()
    assert set(kept.topics.all()) == set(topics)
    assert set(kept.roles.all()) == set(roles)
    affiliations = {a.organization_id: a.role_title for a in kept.affiliations.all()}
    assert affiliations == {
        shared_org.pk: "Chapter co-lead",
        only_removed_org.pk: "Member",
        only_kept_org.pk: "Volunteer",
    }
    assert Affiliation.objects.filter(organization=shared_org).count() == 1
    message.refresh_from_db()
    assert message.recipient == kept
    assert kept.user == account
    assert kept.phone == "617-555-0123"
    assert kept.bio == "Tenant organizer in East Somerville."
    assert kept.city == "Somerville"
    assert kept.area_type == "suburban"
    # Its own values win; its own email stays.
    assert kept.name == "Marisol Vega"
    assert kept.email == "marisol.vega@imported.example.org"
    # The account holder chose "public" on the profile that came with their account.
    assert kept.visibility == Leader.Visibility.PUBLIC


def test_a_merge_is_audited_with_what_moved(pair_of_leaders, staff_user):
    keep, remove, *_ = pair_of_leaders
    candidate = leader_candidate(keep, remove)
    duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)
    entry = AuditEntry.objects.get(action="leader.merge")
    assert entry.actor == staff_user
    assert entry.object_id == str(keep.pk)
    assert entry.data["removed_id"] == remove.pk
    assert entry.data["candidate"] == candidate.pk
    assert "phone" in entry.data["filled"]
    assert entry.data["moved"]["directory.leader_topics"] >= 1


def test_the_merged_pair_is_reviewed_and_no_longer_open(pair_of_leaders, staff_user):
    keep, remove, *_ = pair_of_leaders
    candidate = leader_candidate(keep, remove)
    duplicate_merge(candidate=candidate, keep=remove, actor=staff_user)
    # The review stays on file: the kept side still points at its record, the removed side is
    # empty and named, and the audit entry records the staff decision.
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.MERGED
    assert candidate.reviewed_by == staff_user and candidate.reviewed_at is not None
    assert {candidate.leader_a_id, candidate.leader_b_id} == {remove.pk, None}
    assert candidate.removed_label == "Marisol Vega"
    assert "Marisol Vega" in str(candidate)
    assert not DuplicateCandidate.objects.filter(status=DuplicateCandidate.Status.OPEN).exists()
    assert AuditEntry.objects.filter(action="leader.merge", actor=staff_user).exists()


def test_the_comparison_page_of_a_merged_pair_points_to_the_kept_record(
    pair_of_leaders, staff_client, staff_user
):
    keep, remove, *_ = pair_of_leaders
    candidate = leader_candidate(keep, remove)
    duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)
    response = staff_client.get(compare_url(candidate), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"/admin/directory/leader/{keep.pk}/change/"
    assert "was merged into" in response.content.decode()


def test_merging_into_the_other_record_works_the_same_way(pair_of_leaders, staff_user):
    keep_later, keep, account, topics, _roles = pair_of_leaders
    candidate = leader_candidate(keep_later, keep)
    kept = duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)
    assert not Leader.objects.filter(pk=keep_later.pk).exists()
    assert set(kept.topics.all()) == set(topics)
    assert kept.user == account


def test_without_an_account_the_merged_profile_takes_the_more_private_visibility(staff_user):
    public = LeaderFactory(name="Ola Public", visibility=Leader.Visibility.PUBLIC)
    members = LeaderFactory(name="Ola Members", visibility=Leader.Visibility.MEMBERS)
    kept = duplicate_merge(
        candidate=leader_candidate(public, members), keep=public, actor=staff_user
    )
    assert kept.visibility == Leader.Visibility.MEMBERS


def test_two_profiles_with_accounts_are_not_merged_and_nothing_changes(staff_user):
    first = LeaderFactory(user=UserFactory(email="one@example.net"), name="Ana Ruiz")
    second = LeaderFactory(user=UserFactory(email="two@example.net"), name="Ana Ruiz")
    topic = TopicFactory(slug="merge-refused")
    second.topics.add(topic)
    candidate = leader_candidate(first, second)
    with pytest.raises(MergeError, match="user accounts"):
        duplicate_merge(candidate=candidate, keep=first, actor=staff_user)
    assert Leader.objects.filter(pk=second.pk).exists()
    assert list(second.topics.all()) == [topic]
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.OPEN


def test_a_dismissed_pair_cannot_be_merged(staff_user):
    first, second = LeaderFactory.create_batch(2)
    candidate = leader_candidate(first, second)
    duplicate_dismiss(candidate=candidate, actor=staff_user)
    with pytest.raises(MergeError):
        duplicate_merge(candidate=candidate, keep=first, actor=staff_user)
    assert Leader.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_the_record_to_keep_must_belong_to_the_pair(staff_user):
    first, second, stranger = LeaderFactory.create_batch(3)
    candidate = leader_candidate(first, second)
    with pytest.raises(MergeError):
        duplicate_merge(candidate=candidate, keep=stranger, actor=staff_user)
    assert Leader.objects.count() == 3


def test_merging_organizations_keeps_chapters_resources_affiliations_and_topics(staff_user):
    national = OrganizationFactory(name="Vote Together")
    keep = OrganizationFactory(name="Vote Together Ohio", description="", verified=False)
    remove = OrganizationFactory(
        name="Vote Together OH", parent=national, description="Statewide voter outreach."
    )
    chapter = OrganizationFactory(name="Vote Together Dayton", parent=remove)
    resource = ResourceFactory(provider=remove)
    topic_a, topic_b = TopicFactory(slug="org-a"), TopicFactory(slug="org-b")
    keep.topics.add(topic_a)
    remove.topics.add(topic_a, topic_b)
    member = LeaderFactory()
    AffiliationFactory(leader=member, organization=keep, role_title="")
    AffiliationFactory(leader=member, organization=remove, role_title="Treasurer")
    other_member = AffiliationFactory(organization=remove).leader

    kept = duplicate_merge(
        candidate=organization_candidate(keep, remove), keep=keep, actor=staff_user
    )

    assert not Organization.objects.filter(pk=remove.pk).exists()
    chapter.refresh_from_db()
    resource.refresh_from_db()
    assert chapter.parent == kept
    assert resource.provider == kept
    assert set(kept.topics.all()) == {topic_a, topic_b}
    assert {(a.leader_id, a.role_title) for a in kept.affiliations.all()} == {
        (member.pk, "Treasurer"),
        (other_member.pk, "Member"),
    }
    assert kept.parent == national
    assert kept.description == "Statewide voter outreach."
    assert kept.verified is True
    assert AuditEntry.objects.filter(action="organization.merge", object_id=str(kept.pk)).exists()


def test_merging_a_chapter_with_its_parent_never_makes_a_record_its_own_parent(staff_user):
    parent = OrganizationFactory(name="Faith in Action")
    chapter = OrganizationFactory(name="Faith in Action Chapter", parent=parent)
    kept = duplicate_merge(
        candidate=organization_candidate(parent, chapter), keep=chapter, actor=staff_user
    )
    kept.refresh_from_db()
    assert kept.parent is None


def test_other_flagged_pairs_of_the_removed_record_move_to_the_kept_one(staff_user):
    keep, remove, third, fourth = LeaderFactory.create_batch(4)
    candidate = leader_candidate(keep, remove)
    open_pair = leader_candidate(remove, third)
    dismissed = leader_candidate(remove, fourth)
    duplicate_dismiss(candidate=dismissed, actor=staff_user)

    duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)

    moved = DuplicateCandidate.objects.get(pk=open_pair.pk)
    assert {moved.leader_a_id, moved.leader_b_id} == {keep.pk, third.pk}
    assert moved.leader_a_id < moved.leader_b_id
    still_dismissed = DuplicateCandidate.objects.get(pk=dismissed.pk)
    assert {still_dismissed.leader_a_id, still_dismissed.leader_b_id} == {keep.pk, fourth.pk}
    assert still_dismissed.status == DuplicateCandidate.Status.DISMISSED


def test_a_merge_invalidates_the_public_page_cache(pair_of_leaders, staff_user):
    keep, remove, *_ = pair_of_leaders
    before = directory_cache_version()
    duplicate_merge(candidate=leader_candidate(keep, remove), keep=keep, actor=staff_user)
    assert directory_cache_version() > before


def test_the_kept_record_is_checked_again_for_duplicates_after_the_merge(
    staff_user, django_capture_on_commit_callbacks
):
    keep = LeaderFactory(name="Quinn Harlow", phone="", state="VT")
    remove = LeaderFactory(name="Quinn Harlowe", phone="802-555-0188", state="VT")
    same_phone = LeaderFactory(name="Someone Unrelated", phone="(802) 555-0188", state="NH")
    with django_capture_on_commit_callbacks(execute=True):
        duplicate_merge(candidate=leader_candidate(keep, remove), keep=keep, actor=staff_user)
    pair = DuplicateCandidate.objects.get(leader_a=keep, leader_b=same_phone)
    assert pair.reasons == [Reason.SAME_PHONE]


def test_every_foreign_key_to_a_leader_or_organization_is_carried_by_a_merge():
    """A relation added later (events, campaigns...) is moved without touching the merge code."""
    for model in (Leader, Organization):
        expected = {
            (field.model, field.name)
            for other in apps.get_models(include_auto_created=True)
            for field in other._meta.get_fields()
            if isinstance(field, models.ForeignKey | models.OneToOneField)
            and field.related_model is model
            and other is not DuplicateCandidate
        }
        covered = {(rel.related_model, rel.field.name) for rel in merge_relations(model)}
        assert expected == covered


def test_a_resource_of_the_removed_organization_keeps_its_topics(staff_user):
    keep, remove = OrganizationFactory.create_batch(2)
    topic = TopicFactory(slug="resource-topic")
    resource = ResourceFactory(provider=remove, topics=[topic])
    duplicate_merge(candidate=organization_candidate(keep, remove), keep=keep, actor=staff_user)
    resource = Resource.objects.get(pk=resource.pk)
    assert resource.provider_id == keep.pk
    assert list(resource.topics.all()) == [topic]


def test_detection_after_a_merge_does_not_flag_the_merged_pair_again(staff_user):
    keep = LeaderFactory(name="Devon Clarke", phone="", state="IL")
    remove = LeaderFactory(name="Devon Clark", phone="", state="IL")
    (candidate,) = duplicates_find_for_leader(leader=keep)
    kept = duplicate_merge(candidate=candidate, keep=keep, actor=staff_user)
    assert duplicates_find_for_leader(leader=kept) == []
    assert not Leader.objects.filter(pk=remove.pk).exists()


# --- the staff admin ------------------------------------------------------------------------------


def compare_url(candidate):
    return f"/admin/directory/duplicatecandidate/{candidate.pk}/compare/"


def merge_url(candidate):
    return f"/admin/directory/duplicatecandidate/{candidate.pk}/merge/"


def dismiss_url(candidate):
    return f"/admin/directory/duplicatecandidate/{candidate.pk}/dismiss/"


@pytest.fixture
def candidate():
    first = LeaderFactory(name="Imani Brooks", email="imani@private.example.org", phone="")
    second = LeaderFactory(name="Imani Brookes", email="", phone="312-555-0101")
    return leader_candidate(first, second)


@pytest.mark.parametrize("view", [compare_url, merge_url, dismiss_url])
def test_anonymous_visitors_are_sent_to_the_admin_login(anon_client, candidate, view):
    if view is compare_url:
        response = anon_client.get(view(candidate))
    else:
        response = anon_client.post(view(candidate), {"keep": "left"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert Leader.objects.count() == 2


@pytest.mark.parametrize("view", [compare_url, merge_url, dismiss_url])
def test_members_who_are_not_staff_cannot_reach_the_review_pages(member_client, candidate, view):
    if view is compare_url:
        response = member_client.get(view(candidate))
    else:
        response = member_client.post(view(candidate), {"keep": "left"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.OPEN


def test_staff_without_permissions_are_refused(client, candidate):
    staff_login(client)
    assert client.get(compare_url(candidate)).status_code == 403
    assert client.post(merge_url(candidate), {"keep": "left"}).status_code == 403
    assert client.post(dismiss_url(candidate)).status_code == 403
    assert client.get("/admin/directory/duplicatecandidate/").status_code == 403
    assert Leader.objects.count() == 2


def test_staff_who_may_only_view_pairs_see_the_comparison_without_buttons(client, candidate):
    staff_login(client, "view_duplicatecandidate")
    response = client.get(compare_url(candidate))
    assert response.status_code == 200
    assert b"Merge into left" not in response.content
    assert client.post(merge_url(candidate), {"keep": "left"}).status_code == 403
    assert client.post(dismiss_url(candidate)).status_code == 403


def test_staff_who_may_not_delete_leaders_cannot_merge_but_can_dismiss(client, candidate):
    staff_login(client, "view_duplicatecandidate", "change_duplicatecandidate", "change_leader")
    response = client.get(compare_url(candidate))
    assert b"Merge into left" not in response.content
    assert b"Not a duplicate" in response.content
    assert client.post(merge_url(candidate), {"keep": "left"}).status_code == 403
    assert Leader.objects.count() == 2
    assert client.post(dismiss_url(candidate)).status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.DISMISSED


def test_staff_with_every_permission_merge_from_the_comparison_page(client, candidate):
    staff_login(
        client,
        "view_duplicatecandidate",
        "change_duplicatecandidate",
        "change_leader",
        "delete_leader",
    )
    page = client.get(compare_url(candidate))
    assert page.status_code == 200
    assert b"Imani Brooks" in page.content and b"Imani Brookes" in page.content
    assert b"Merge into left" in page.content and b"Merge into right" in page.content
    response = client.post(merge_url(candidate), {"keep": "right"}, follow=True)
    assert response.status_code == 200
    assert list(Leader.objects.values_list("name", flat=True)) == ["Imani Brookes"]
    kept = Leader.objects.get()
    assert kept.email == "imani@private.example.org"
    assert "Merged" in " ".join(str(m) for m in response.context["messages"])


def test_the_comparison_shows_both_records_fields_and_relation_counts(staff_client, candidate):
    AffiliationFactory(leader=candidate.leader_a, role_title="Chair")
    response = staff_client.get(compare_url(candidate))
    content = response.content.decode()
    assert "Similar name in the same state" in content
    assert "312-555-0101" in content  # staff see private fields to decide
    assert "Affiliations" in content
    assert "Contact messages" in content


def test_a_merge_with_a_missing_choice_changes_nothing(staff_client, candidate):
    response = staff_client.post(merge_url(candidate), {"keep": "both"}, follow=True)
    assert "Choose which record to keep" in response.content.decode()
    assert Leader.objects.count() == 2


def test_a_refused_merge_is_explained_to_staff(staff_client):
    first = LeaderFactory(user=UserFactory(email="a1@example.net"))
    second = LeaderFactory(user=UserFactory(email="b1@example.net"))
    pair = leader_candidate(first, second)
    response = staff_client.post(merge_url(pair), {"keep": "left"}, follow=True)
    assert "user accounts" in response.content.decode()
    assert Leader.objects.count() == 2


def test_merge_and_dismiss_only_accept_post(staff_client, candidate):
    assert staff_client.get(merge_url(candidate)).status_code == 405
    assert staff_client.get(dismiss_url(candidate)).status_code == 405


def test_merge_requires_the_csrf_token(staff_user, candidate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.post(merge_url(candidate), {"keep": "left"}).status_code == 403
    assert Leader.objects.count() == 2


def test_the_not_a_duplicate_button_dismisses_the_pair(staff_client, staff_user, candidate):
    response = staff_client.post(dismiss_url(candidate), follow=True)
    assert "will not be flagged again" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.DISMISSED
    assert candidate.reviewed_by == staff_user
    assert candidate.reviewed_at is not None


def test_the_list_filters_searches_and_dismisses_in_bulk(staff_client, candidate):
    other = leader_candidate(*LeaderFactory.create_batch(2))
    listing = staff_client.get("/admin/directory/duplicatecandidate/?status__exact=open")
    assert listing.status_code == 200
    assert "Imani Brooks" in listing.content.decode()
    found = staff_client.get("/admin/directory/duplicatecandidate/?q=Brookes")
    assert found.context["cl"].result_count == 1
    response = staff_client.post(
        "/admin/directory/duplicatecandidate/",
        {"action": "dismiss_selected", "_selected_action": [candidate.pk, other.pk]},
        follow=True,
    )
    assert "2 pairs marked as not duplicates" in response.content.decode()
    assert not DuplicateCandidate.objects.filter(status="open").exists()


def test_the_change_page_of_a_pair_opens_the_comparison(staff_client, candidate):
    response = staff_client.get(f"/admin/directory/duplicatecandidate/{candidate.pk}/change/")
    assert response.status_code == 302
    assert response["Location"].endswith(compare_url(candidate))


def test_an_unknown_pair_is_not_found(staff_client):
    assert (
        staff_client.get("/admin/directory/duplicatecandidate/999999/compare/").status_code == 404
    )
    assert staff_client.get("/admin/directory/duplicatecandidate/abc/compare/").status_code == 404


def test_a_merge_while_the_broker_is_down_answers_normally(
    staff_client, candidate, broker_down, django_capture_on_commit_callbacks
):
    # The follow-up duplicate check cannot be queued; the nightly scan does it instead.
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(merge_url(candidate), {"keep": "left"})
    assert response.status_code == 302
    assert Leader.objects.count() == 1


def test_a_record_kept_by_one_merge_can_be_merged_into_another(staff_user):
    kept_first, first, second = LeaderFactory.create_batch(3)
    duplicate_merge(
        candidate=leader_candidate(kept_first, first), keep=kept_first, actor=staff_user
    )
    # The first pair stays as the record of its review, its removed side now empty.
    merged = duplicate_merge(
        candidate=leader_candidate(kept_first, second), keep=second, actor=staff_user
    )
    assert list(Leader.objects.filter(pk__in=[kept_first.pk, first.pk, second.pk])) == [merged]
    assert DuplicateCandidate.objects.filter(status="merged").count() == 2
