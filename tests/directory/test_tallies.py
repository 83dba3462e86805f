"""The directory's tallies always equal a recount, whatever path changed the leaders and
organizations, and every audience is counted as `visible_to` sees it (directory.tallies)."""

import random

import pytest
import tablib
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from directory.demo import DemoSize, demo_load, demo_plan
from directory.duplicates import duplicate_merge
from directory.importexport import LeaderResource
from directory.models import (
    DuplicateCandidate,
    Leader,
    Organization,
    Tally,
    TallyChange,
    visibilities_seen_by,
)
from directory.services import leader_save, organization_save
from directory.tallies import (
    LEADER,
    ORGANIZATION,
    tallies_fold,
    tallies_read,
    tallies_recount,
    tallies_repair,
)
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

VISIBILITIES = [choice.value for choice in Leader.Visibility]
KINDS = [choice.value for choice in Organization.Kind]
# (state, ZIP): located places, and a place with a state but no ZIP (not on the map).
PLACES = [("MA", "02139"), ("NY", "10001"), ("CA", "94110"), ("TX", ""), ("", "")]


def kept() -> dict:
    tallies = tallies_read()
    assert tallies is not None
    return {key: number for key, number in tallies.counts.items() if number}


def assert_tallies_agree(*audiences) -> None:
    """The tallies equal a recount, and each audience's leader count equals its live count."""
    assert kept() == tallies_recount()
    tallies = tallies_read()
    for user in audiences:
        tallied = tallies.count(subject=LEADER, facets=visibilities_seen_by(user))
        assert tallied == Leader.objects.visible_to(user).count()
        by_state = tallies.by_state(subject=LEADER, facets=visibilities_seen_by(user), located=True)
        live = Leader.objects.visible_to(user).exclude(latitude=None).exclude(longitude=None)
        for state in ("MA", "NY", "CA", "TX"):
            assert by_state.get(state, 0) == live.filter(state=state).count()


def random_leader_fields(rng) -> dict:
    state, zip_code = rng.choice(PLACES)
    visibility = rng.choice(VISIBILITIES)
    return {
        "state": state,
        "zip_code": zip_code,
        "visibility": visibility,
        "consent_at": None if visibility == "organizers" and rng.random() < 0.5 else timezone.now(),
    }


def change_leader(rng, actor) -> None:
    leader = Leader.objects.order_by("?").first()
    for name, value in random_leader_fields(rng).items():
        setattr(leader, name, value)
    leader_save(leader=leader, actor=actor)  # location from the ZIP, as the forms do


def create_leader(rng, actor) -> None:
    leader_save(
        leader=Leader(name="New", slug=f"new-{rng.random()}", **random_leader_fields(rng)),
        actor=actor,
    )


def bulk_create(rng, actor) -> None:
    fields = [random_leader_fields(rng) for _ in range(rng.randint(1, 30))]
    Leader.objects.bulk_create(
        Leader(
            name="Bulk",
            slug=f"bulk-{rng.random()}",
            latitude=1 if f["zip_code"] else None,
            longitude=1 if f["zip_code"] else None,
            **f,
        )
        for f in fields
    )


def update_in_bulk(rng, actor) -> None:
    state = rng.choice(PLACES)[0]
    Leader.objects.filter(state=state).update(visibility="organizers")


def move_in_bulk(rng, actor) -> None:
    Leader.objects.filter(state=rng.choice(PLACES)[0]).update(latitude=None)


def delete_some(rng, actor) -> None:
    pks = list(Leader.objects.order_by("?").values_list("pk", flat=True)[: rng.randint(1, 3)])
    Leader.objects.filter(pk__in=pks).delete()


def delete_one(rng, actor) -> None:
    leader = Leader.objects.order_by("?").first()
    leader.delete()


def merge(rng, actor) -> None:
    a, b = Leader.objects.order_by("?")[:2]
    low, high = sorted([a, b], key=lambda leader: leader.pk)
    candidate = DuplicateCandidate.objects.create(
        kind="leader", leader_a=low, leader_b=high, score=0.8, reasons=["similar_name"]
    )
    duplicate_merge(candidate=candidate, keep=rng.choice([a, b]), actor=actor)


def spreadsheet(rng, actor) -> None:
    dataset = tablib.Dataset(
        headers=["email", "name", "state", "zip_code", "visibility", "consent"]
    )
    for n in range(rng.randint(1, 5)):
        state, zip_code = rng.choice(PLACES)
        dataset.append(
            [
                f"import{rng.random()}@example.org",
                f"Imported {n}",
                state,
                zip_code,
                rng.choice(VISIBILITIES),
                rng.choice(["yes", ""]),
            ]
        )
    result = LeaderResource().import_data(dataset, dry_run=False, user=actor)
    assert not result.has_validation_errors()


def organization_change(rng, actor) -> None:
    organization = Organization.objects.order_by("?").first()
    organization.kind = rng.choice(KINDS)
    organization.state, organization.zip_code = rng.choice(PLACES)
    organization_save(organization=organization, actor=actor)


def organization_create_or_delete(rng, actor) -> None:
    if rng.random() < 0.5:
        Organization.objects.order_by("?").first().delete()
    else:
        state, zip_code = rng.choice(PLACES)
        OrganizationFactory(kind=rng.choice(KINDS), state=state, zip_code=zip_code)


def rolled_back(rng, actor) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        create_leader(rng, actor)
        delete_one(rng, actor)
        raise RuntimeError("undo")


def fold(rng, actor) -> None:
    tallies_fold()


CHANGES = [
    change_leader,
    create_leader,
    bulk_create,
    update_in_bulk,
    move_in_bulk,
    delete_some,
    delete_one,
    merge,
    spreadsheet,
    organization_change,
    organization_create_or_delete,
    rolled_back,
    fold,
]


@pytest.mark.parametrize("seed", [1, 2])
def test_tallies_agree_with_a_recount_after_every_kind_of_change(
    seed, staff_user, member_user, organizer_user
):
    rng = random.Random(seed)
    for _ in range(12):
        LeaderFactory(**random_leader_fields(rng))
    for _ in range(6):
        OrganizationFactory(kind=rng.choice(KINDS))
    audiences = (AnonymousUser(), member_user, organizer_user, staff_user)
    assert_tallies_agree(*audiences)
    for change in CHANGES * 3:
        change(rng, staff_user)
        assert_tallies_agree(*audiences)
    for change in rng.choices(CHANGES, k=30):
        change(rng, staff_user)
        assert_tallies_agree(*audiences)


def test_each_audience_counts_only_the_visibilities_it_may_see(
    member_user, organizer_user, staff_user
):
    tallies_repair()  # the member fixture's own profile counted from a clean start
    LeaderFactory(visibility="public")
    LeaderFactory(visibility="organizers")
    tallies = tallies_read()

    def seen(user):
        return tallies.count(subject=LEADER, facets=visibilities_seen_by(user))

    assert seen(AnonymousUser()) == 1
    assert seen(member_user) == 2  # the public one and the member's own members-only profile
    assert seen(organizer_user) == seen(staff_user) == 3


def test_an_organization_kind_and_a_leaderless_state_are_counted_apart():
    OrganizationFactory(kind="union", state="NY", zip_code="10001")
    OrganizationFactory(kind="faith", state="NY", zip_code="")
    tallies = tallies_read()
    assert tallies.count(subject=ORGANIZATION, facets=["union"]) == 1
    assert tallies.by_state(subject=ORGANIZATION, located=True) == {"NY": 1}
    assert tallies.by_state(subject=LEADER) == {}


def test_the_fold_moves_changes_into_the_tallies_without_changing_a_count():
    LeaderFactory.create_batch(3)
    before = kept()
    assert TallyChange.objects.exists()
    assert tallies_fold() > 0
    assert not TallyChange.objects.exists()
    assert kept() == before
    assert Tally.objects.get(subject=LEADER, facet="public", state="MA", located=True).count == 3


def test_the_check_command_finds_drift_and_repair_corrects_it():
    LeaderFactory.create_batch(2)
    call_command("directory_tallies")
    tallies_fold()
    Tally.objects.update(count=F("count") + 5)
    TallyChange.objects.create(subject=LEADER, facet="public", state="MA", located=True, delta=1)
    with pytest.raises(CommandError):
        call_command("directory_tallies")
    drift = tallies_repair()
    assert [(entry.key[1], entry.kept, entry.counted) for entry in drift] == [("public", 8, 2)]
    call_command("directory_tallies")
    assert kept() == tallies_recount()


def test_the_demo_seeder_leaves_its_bulk_inserts_counted_and_folded():
    demo_load(plan=demo_plan(size=DemoSize(leaders=120, organizations=20, resources=5)))
    assert kept() == tallies_recount()
    assert not TallyChange.objects.exists()
    assert sum(kept().values()) == Leader.objects.count() + Organization.objects.count()


# --- Concurrency -------------------------------------------------------------------------------


def _new_leader_committed(n: int) -> None:
    with transaction.atomic():
        LeaderFactory(slug=f"parallel-{n}-{random.random()}", email="", state="MA")
        if n % 5 == 0:
            tallies_fold()


@pytest.mark.django_db(transaction=True)
def test_parallel_changes_to_one_tally_lose_no_update():
    from tests.threads import run_in_threads

    counter = iter(range(1000))
    run_in_threads(8, lambda: [_new_leader_committed(next(counter)) for _ in range(5)])
    assert tallies_read().count(subject=LEADER, state="MA") == 40
    assert kept() == tallies_recount()


@pytest.mark.django_db(transaction=True)
def test_a_writer_never_waits_for_another_transaction_holding_the_same_tally():
    """An open import must not hold up sign-ups: appending a change takes no lock another
    writer waits for. lock_timeout turns a wait into an error instead of a slow test."""
    import threading

    from django.db import connection, connections

    from tests.threads import run_in_threads

    LeaderFactory(state="MA")
    tallies_fold()  # the tally row exists, as it would on a live site
    holding, release = threading.Event(), threading.Event()

    def slow_import() -> None:
        with transaction.atomic():
            LeaderFactory(slug="held", email="held@example.org", state="MA")
            holding.set()
            release.wait(60)
        connections.close_all()

    importer = threading.Thread(target=slow_import)
    importer.start()
    try:
        assert holding.wait(60)

        def sign_up() -> None:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                LeaderFactory(slug="quick", email="quick@example.org", state="MA")
                tallies_fold()

        run_in_threads(1, sign_up)
    finally:
        release.set()
        importer.join(60)
    assert tallies_read().count(subject=LEADER, state="MA") == 3
    assert kept() == tallies_recount()


# --- Pages -------------------------------------------------------------------------------------


def leader_counts(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and '"directory_leader"' in q["sql"]
    ]


@pytest.mark.parametrize(
    "client_name", ["anon_client", "member_client", "organizer_client", "staff_client"]
)
def test_the_overview_the_map_and_the_leaders_list_count_from_the_tallies_for_everyone(
    request, client_name
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    LeaderFactory(visibility="public")
    LeaderFactory(visibility="members", state="NY", zip_code="10001")
    LeaderFactory(visibility="organizers")
    LeaderFactory(visibility="organizers", state="NY", zip_code="10001")
    client = request.getfixturevalue(client_name)
    user = client.get("/me/").wsgi_request.user
    visible = Leader.objects.visible_to(user)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        overview = client.get("/directory/")
        states = client.get("/directory/map-states.geojson").json()
        everyone = client.get("/directory/leaders/")
        in_new_york = client.get("/directory/leaders/", {"state": "NY"})
    assert leader_counts(queries) == []
    assert overview.context["summary"]["leader_count"] == visible.count()
    leaders_by_state = {
        f["properties"]["state"]: f["properties"]["leaders"] for f in states["features"]
    }
    assert leaders_by_state.get("NY", 0) == visible.filter(state="NY").count()
    assert everyone.context["paginator"].count == visible.count()
    assert in_new_york.context["paginator"].count == visible.filter(state="NY").count()


def test_a_topic_or_a_search_still_counts_live(anon_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    LeaderFactory(visibility="public", name="Rita Renter")
    with CaptureQueriesContext(connection) as queries:
        response = anon_client.get("/directory/leaders/", {"city": "Cambridge"})
    assert response.context["paginator"].count == 1
    assert len(leader_counts(queries)) == 1
