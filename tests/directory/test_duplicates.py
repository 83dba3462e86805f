"""Duplicate detection: on save (eager Celery), in the nightly scan, and what it never does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import duplicates
from directory.duplicates import (
    Reason,
    detection,
    duplicate_dismiss,
    duplicates_find_for_leader,
    duplicates_find_for_organization,
    duplicates_scan_all,
    is_shared_host,
    phone_digits,
)
from directory.models import DuplicateCandidate, Leader, Organization
from directory.services import leader_save, organization_save
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def leader_pairs():
    return {
        (c.leader_a_id, c.leader_b_id): c
        for c in DuplicateCandidate.objects.filter(kind=DuplicateCandidate.Kind.LEADER)
    }


def organization_pairs():
    return {
        (c.organization_a_id, c.organization_b_id): c
        for c in DuplicateCandidate.objects.filter(kind=DuplicateCandidate.Kind.ORGANIZATION)
    }


def quiet_leader(**kwargs):
    """A leader whose email and phone match nobody else's."""
    kwargs.setdefault("phone", "")
    return LeaderFactory(**kwargs)


def quiet_organization(**kwargs):
    kwargs.setdefault("website", "")
    kwargs.setdefault("website_domain", "")
    kwargs.setdefault("public_email", "")
    return OrganizationFactory(**kwargs)


# --- on save -------------------------------------------------------------------------------------


def test_saving_a_leader_flags_a_similar_name_in_the_same_state(
    django_capture_on_commit_callbacks,
):
    existing = quiet_leader(name="John Smith", state="MA")
    with django_capture_on_commit_callbacks(execute=True):
        new = leader_save(leader=Leader(name="Jon Smith", state="MA", city="Boston"), actor=None)
    candidate = leader_pairs()[(existing.pk, new.pk)]
    assert candidate.status == DuplicateCandidate.Status.OPEN
    assert candidate.reasons == [Reason.SIMILAR_NAME]
    assert 0.55 <= candidate.score < 1


def test_a_similar_name_in_another_state_is_not_flagged(django_capture_on_commit_callbacks):
    quiet_leader(name="John Smith", state="MA")
    with django_capture_on_commit_callbacks(execute=True):
        leader_save(leader=Leader(name="Jon Smith", state="NY"), actor=None)
    assert leader_pairs() == {}


def test_different_names_in_the_same_state_are_not_flagged():
    quiet_leader(name="Maria Garcia", state="MA")
    other = quiet_leader(name="Maria Gonzalez", state="MA")
    assert duplicates_find_for_leader(leader=other) == []


def test_the_pair_is_stored_with_the_lower_id_first_whichever_record_was_saved():
    first = quiet_leader(name="Rosa Delgado", state="TX")
    second = quiet_leader(name="Rosa M. Delgado", state="TX")
    duplicates_find_for_leader(leader=first)
    duplicates_find_for_leader(leader=second)
    assert list(leader_pairs()) == [(first.pk, second.pk)]


def test_the_same_email_on_a_profile_and_on_another_profiles_account_is_flagged():
    imported = quiet_leader(name="Dana Whitfield", email="dana@example.net", state="OH")
    account = UserFactory(email="dana@example.net")
    claimed = quiet_leader(name="D. W.", email="", state="CA", user=account)
    found = duplicates_find_for_leader(leader=Leader.objects.get(pk=claimed.pk))
    assert [(c.leader_a_id, c.leader_b_id) for c in found] == [(imported.pk, claimed.pk)]
    assert found[0].reasons == [Reason.SAME_EMAIL]
    assert found[0].score == 1.0


def test_the_same_email_is_matched_without_regard_to_case():
    first = quiet_leader(name="Kim Ortega", email="kim.ortega@example.net")
    account = UserFactory(email="other@example.net")
    second = quiet_leader(name="Someone Else", email="", user=account)
    Leader.objects.filter(pk=first.pk).update(email="KIM.Ortega@Example.net")
    account.email = "kim.ortega@example.NET"
    account.save()
    found = duplicates_find_for_leader(leader=Leader.objects.get(pk=second.pk))
    assert [c.leader_a_id for c in found] == [first.pk]


def test_the_same_phone_written_differently_is_flagged():
    first = LeaderFactory(name="Terry Nguyen", phone="(617) 555-0142", state="MA")
    second = LeaderFactory(name="T. Nguyen-Park", phone="+1 617.555.0142", state="NY")
    found = duplicates_find_for_leader(leader=second)
    assert [(c.leader_a_id, c.leader_b_id) for c in found] == [(first.pk, second.pk)]
    assert Reason.SAME_PHONE in found[0].reasons


def test_a_different_phone_with_the_same_last_digits_is_not_flagged():
    LeaderFactory(name="Alex Brown", phone="617-555-0199", state="MA")
    other = LeaderFactory(name="Chris Lee", phone="212-555-0199", state="NY")
    assert duplicates_find_for_leader(leader=other) == []


def test_several_signals_raise_the_score_and_are_all_listed():
    first = LeaderFactory(name="Jordan Miles", phone="617-555-0100", state="MA")
    second = LeaderFactory(name="Jordan Myles", phone="6175550100", state="MA")
    (candidate,) = duplicates_find_for_leader(leader=second)
    assert candidate.reasons == sorted([Reason.SIMILAR_NAME, Reason.SAME_PHONE])
    assert candidate.score == pytest.approx(0.95)
    assert (candidate.leader_a_id, candidate.leader_b_id) == (first.pk, second.pk)


def test_saving_an_organization_flags_the_same_website_domain(django_capture_on_commit_callbacks):
    existing = quiet_organization(
        name="Riverside Tenants", website="https://riversidetenants.org", state="OR"
    )
    existing.website_domain = "riversidetenants.org"
    existing.save()
    new = Organization(
        name="RTU Portland",
        kind=Organization.Kind.LOCAL_GROUP,
        scope="local",
        state="WA",
        website="http://www.RiversideTenants.org/about",
    )
    with django_capture_on_commit_callbacks(execute=True):
        organization_save(organization=new, actor=None)
    candidate = organization_pairs()[(existing.pk, new.pk)]
    assert candidate.reasons == [Reason.SAME_WEBSITE]


def test_organizations_sharing_a_social_media_host_are_not_flagged():
    quiet_organization(name="Alpha Action", website_domain="facebook.com", state="OH")
    quiet_organization(name="Beta Builders", website_domain="m.facebook.com", state="OH")
    other = quiet_organization(name="Gamma Group", website_domain="facebook.com", state="GA")
    assert duplicates_find_for_organization(organization=other) == []
    assert is_shared_host("sites.google.com")
    assert is_shared_host("linktr.ee")
    assert is_shared_host("wordpress.com")
    assert not is_shared_host("gammagroup.wordpress.com")


def test_organizations_with_the_same_public_email_are_flagged():
    first = quiet_organization(name="Harbor Faith Council", public_email="hello@harbor.org")
    second = quiet_organization(name="HFC", public_email="Hello@Harbor.org", state="RI")
    (candidate,) = duplicates_find_for_organization(organization=second)
    assert (candidate.organization_a_id, candidate.organization_b_id) == (first.pk, second.pk)
    assert candidate.reasons == [Reason.SAME_PUBLIC_EMAIL]


def test_organizations_with_similar_names_in_the_same_state_are_flagged():
    first = quiet_organization(name="Cambridge Tenants Union", state="MA")
    second = quiet_organization(name="Cambridge Tenant Union", state="MA")
    (candidate,) = duplicates_find_for_organization(organization=second)
    assert (candidate.organization_a_id, candidate.organization_b_id) == (first.pk, second.pk)


def test_chapters_of_one_national_organization_sharing_its_website_are_not_flagged():
    national = quiet_organization(name="Vote Forward Together", website_domain="vft.org")
    one = quiet_organization(name="VFT Ohio", parent=national, website_domain="vft.org")
    quiet_organization(name="VFT Georgia", parent=national, website_domain="vft.org")
    assert duplicates_find_for_organization(organization=one) == []


def test_groups_whose_names_differ_only_by_number_are_not_flagged():
    quiet_organization(name="SEIU Local 1199", state="NY")
    other = quiet_organization(name="SEIU Local 32", state="NY")
    assert duplicates_find_for_organization(organization=other) == []


def test_a_dismissed_pair_is_not_reopened_when_a_record_is_saved_again(
    django_capture_on_commit_callbacks, staff_user
):
    first = quiet_leader(name="Pat Kowalski", state="MI")
    second = quiet_leader(name="Pat Kowalsky", state="MI")
    (candidate,) = duplicates_find_for_leader(leader=second)
    assert duplicate_dismiss(candidate=candidate, actor=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        second.bio = "Edited after review"
        leader_save(leader=second, actor=None)
    assert duplicates_find_for_leader(leader=first) == []
    assert duplicates_scan_all() == 0
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.DISMISSED
    assert candidate.reviewed_by == staff_user
    assert DuplicateCandidate.objects.count() == 1


def test_dismissing_twice_reports_that_someone_already_reviewed_it(staff_user):
    quiet_leader(name="Lee Anderson", state="MN")
    second = quiet_leader(name="Lee Andersen", state="MN")
    (candidate,) = duplicates_find_for_leader(leader=second)
    assert duplicate_dismiss(candidate=candidate, actor=staff_user) is True
    assert duplicate_dismiss(candidate=candidate, actor=staff_user) is False


def test_a_pair_is_never_flagged_twice_and_its_reasons_are_refreshed():
    first = LeaderFactory(name="Sam Okafor", phone="", state="GA")
    second = LeaderFactory(name="Sam Okafor", phone="", state="GA")
    duplicates_find_for_leader(leader=first)
    Leader.objects.filter(pk__in=[first.pk, second.pk]).update(phone="404-555-0111")
    duplicates_find_for_leader(leader=Leader.objects.get(pk=second.pk))
    duplicates_scan_all()
    (candidate,) = DuplicateCandidate.objects.all()
    assert candidate.reasons == sorted([Reason.SIMILAR_NAME, Reason.SAME_PHONE])


def test_detection_never_merges_or_deletes_anything():
    LeaderFactory(name="Robin Hale", phone="555-0100-22", state="VT")
    LeaderFactory(name="Robin Hale", phone="555-0100-22", state="VT")
    duplicates_scan_all()
    assert Leader.objects.filter(name="Robin Hale").count() == 2
    assert DuplicateCandidate.objects.get().status == DuplicateCandidate.Status.OPEN


# --- nightly scan --------------------------------------------------------------------------------


def test_the_nightly_scan_finds_pairs_of_every_kind():
    name_a = quiet_leader(name="Fatima Rahman", state="NJ")
    name_b = quiet_leader(name="Fatima Rahmann", state="NJ")
    phone_a = LeaderFactory(name="Ana Costa", phone="973 555 0123", state="NJ")
    phone_b = LeaderFactory(name="Bea Ramos", phone="(973) 555-0123", state="PA")
    account = UserFactory(email="shared@example.net")
    email_a = quiet_leader(name="Ike Obi", email="shared@example.net", state="NJ")
    email_b = quiet_leader(name="Zed Quinn", email="", user=account, state="NY")
    org_name_a = quiet_organization(name="Newark Youth Voters", state="NJ")
    org_name_b = quiet_organization(name="Newark Youth Voter", state="NJ")
    org_web_a = quiet_organization(name="Pine Barrens Alliance", website_domain="pba.org")
    org_web_b = quiet_organization(name="PBA South Jersey", website_domain="pba.org", state="NJ")
    org_mail_a = quiet_organization(name="Shore Faith Network", public_email="sfn@shore.org")
    org_mail_b = quiet_organization(name="SFN", public_email="SFN@shore.org", state="DE")

    assert duplicates_scan_all() == 6

    assert set(leader_pairs()) == {
        (name_a.pk, name_b.pk),
        (phone_a.pk, phone_b.pk),
        (email_a.pk, email_b.pk),
    }
    assert set(organization_pairs()) == {
        (org_name_a.pk, org_name_b.pk),
        (org_web_a.pk, org_web_b.pk),
        (org_mail_a.pk, org_mail_b.pk),
    }
    assert duplicates_scan_all() == 0
    assert DuplicateCandidate.objects.count() == 6


def test_the_scan_skips_a_phone_shared_by_a_whole_office():
    LeaderFactory.create_batch(duplicates.MAX_GROUP + 1, phone="202-555-0000", state="DC")
    duplicates_scan_all()
    assert not DuplicateCandidate.objects.filter(reasons__contains=[Reason.SAME_PHONE]).exists()


def test_the_scan_runs_a_fixed_number_of_queries_however_many_leaders_there_are():
    def scan_queries(count: int) -> int:
        for index in range(count):
            quiet_leader(name=f"Distinct Person {index:03d}", state="MA")
        with CaptureQueriesContext(connection) as context:
            duplicates_scan_all()
        DuplicateCandidate.objects.all().delete()
        Leader.objects.all().delete()
        return len(context.captured_queries)

    assert scan_queries(3) == scan_queries(60)


def test_without_postgresql_names_are_compared_with_a_python_ratio(monkeypatch):
    monkeypatch.setattr(detection, "_is_postgres", lambda: False)
    first = quiet_leader(name="Jonathan Whitaker", state="CO")
    second = quiet_leader(name="Jonathon Whitaker", state="CO")
    quiet_leader(name="Elena Whitmore", state="CO")
    (candidate,) = duplicates_find_for_leader(leader=second)
    assert (candidate.leader_a_id, candidate.leader_b_id) == (first.pk, second.pk)
    DuplicateCandidate.objects.all().delete()
    assert duplicates_scan_all() == 1
    assert list(leader_pairs()) == [(first.pk, second.pk)]


def test_phone_digits_normalizes_common_us_formats():
    assert phone_digits("(617) 555-0142") == "6175550142"
    assert phone_digits("+1 617 555 0142") == "6175550142"
    assert phone_digits("ext 12") == ""


def test_people_sharing_only_a_family_name_are_not_flagged():
    quiet_leader(name="Erin Rodriguez", state="FL")
    other = quiet_leader(name="Kevin Rodriguez", state="FL")
    assert duplicates_find_for_leader(leader=other) == []
    assert duplicates_scan_all() == 0


def test_an_initial_or_a_title_does_not_hide_a_duplicate():
    first = quiet_leader(name="Dr. Maya Lindqvist", state="WA")
    second = quiet_leader(name="Maya J. Lindqvist", state="WA")
    assert duplicates_scan_all() == 1
    assert list(leader_pairs()) == [(first.pk, second.pk)]


def test_saving_a_leader_with_an_office_phone_shared_by_many_flags_nobody():
    LeaderFactory.create_batch(duplicates.MAX_GROUP, phone="202-555-0000", state="DC")
    newcomer = LeaderFactory(name="Newest Staffer", phone="(202) 555-0000", state="VA")
    assert duplicates_find_for_leader(leader=newcomer) == []
