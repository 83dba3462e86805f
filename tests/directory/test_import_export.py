"""Staff import and export of leaders, organizations and resources (CSV and XLSX)."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
import tablib
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry, Topic, User
from directory.cache import directory_cache_version
from directory.importexport import LeaderResource
from directory.models import Affiliation, Leader, LeaderRole, Organization, Resource
from tests.actlocal.factories import UserFactory, staff_login
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
LEADER_HEADER = ["email", "name", "city", "state", "zip_code", "topics", "roles", "organizations"]


def csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, model: str, content: bytes, *, name="people.csv", fmt=CSV_FORMAT):
    return client.post(
        reverse(f"admin:directory_{model}_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )


def problems(response) -> list[str]:
    result = response.context.get("result")
    if result is not None:
        return result.problems()
    return [str(error) for error in response.context["form"].errors.get("import_file", [])]


def confirm(client, model: str, preview):
    assert "confirm_form" in preview.context, problems(preview)
    return client.post(
        reverse(f"admin:directory_{model}_process_import"), preview.context["confirm_form"].initial
    )


def import_file(client, model: str, content: bytes, **kwargs):
    preview = upload(client, model, content, **kwargs)
    assert preview.status_code == 200
    response = confirm(client, model, preview)
    assert response.status_code == 302, problems(response)
    return preview


def export(client, model: str, fmt: str = CSV_FORMAT, query: str = ""):
    resource = {"leader": LeaderResource}.get(model)
    data = {"format": fmt, "resource": "0"}
    if resource is not None:
        # The export form has a checkbox per column; tick them all.
        for column in resource.column_help:
            data[f"leaderresource_{column}"] = "on"
    else:
        prefix = {"organization": "organizationresource", "resource": "resourceresource"}[model]
        from directory.importexport import OrganizationResource, ResourceResource

        cls = {"organization": OrganizationResource, "resource": ResourceResource}[model]
        for column in cls.column_help:
            data[f"{prefix}_{column}"] = "on"
    return client.post(reverse(f"admin:directory_{model}_export") + query, data)


def exported_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def riverside(db):
    return OrganizationFactory(name="Riverside Tenants Union", slug="riverside-tenants", state="MA")


# --- Leaders: the happy path -------------------------------------------------------------------


def test_importing_leaders_creates_them_with_relations_derived_fields_and_accounts(
    staff_client, staff_user, riverside
):
    content = csv_bytes(
        [
            LEADER_HEADER,
            [
                "Ana.Diaz@Example.org",
                "Ana Diaz",
                "Cambridge",
                "ma",
                "2139",
                "Housing; voting-elections",
                "Faith leader",
                "Riverside Tenants Union (Chair)",
            ],
            ["bo@example.org", "Bo Li", "Austin", "Texas", "78701", "", "", ""],
        ]
    )
    import_file(staff_client, "leader", content)

    ana = Leader.objects.get(email="ana.diaz@example.org")
    assert (ana.name, ana.state, ana.zip_code, ana.slug) == ("Ana Diaz", "MA", "02139", "ana-diaz")
    assert ana.latitude and ana.longitude
    assert ana.source == Leader.Source.IMPORT
    assert ana.visibility == Leader.Visibility.ORGANIZERS
    assert {t.slug for t in ana.topics.all()} == {"housing", "voting-elections"}
    assert [r.slug for r in ana.roles.all()] == ["faith-leader"]
    affiliation = Affiliation.objects.get(leader=ana)
    assert (affiliation.organization, affiliation.role_title) == (riverside, "Chair")
    assert Leader.objects.get(email="bo@example.org").state == "TX"

    user = ana.user
    assert user.email == "ana.diaz@example.org"
    assert user.name == "Ana Diaz"
    assert not user.has_usable_password()
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)
    assert AuditEntry.objects.filter(
        action="leader.create", object_id=str(ana.pk), actor=staff_user
    ).exists()


def test_preview_shows_the_changes_and_writes_nothing(staff_client, riverside):
    content = csv_bytes([LEADER_HEADER, ["ana@example.org", "Ana Diaz", "", "", "", "", "", ""]])
    preview = upload(staff_client, "leader", content)

    assert preview.status_code == 200
    assert preview.context["result"].totals["new"] == 1
    assert b"Ana Diaz" in preview.content
    assert b"Confirm import" in preview.content
    assert not Leader.objects.exists()
    assert not User.objects.filter(email="ana@example.org").exists()


def test_preview_and_errors_show_markup_in_cells_as_text(staff_client):
    content = csv_bytes(
        [
            ["email", "name", "state"],
            ["x@example.org", "<script>alert(1)</script>", "MA"],
        ]
    )
    preview = upload(staff_client, "leader", content)
    assert b"<script>alert(1)" not in preview.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in preview.content

    content = csv_bytes([["email", "name", "state"], ["x@example.org", "X", "<b>MA</b>"]])
    errors = upload(staff_client, "leader", content)
    assert b"<b>MA</b>" not in errors.content
    assert b"&#x27;&lt;b&gt;MA&lt;/b&gt;&#x27; is not a US state code" in errors.content


def test_reimporting_the_same_file_updates_instead_of_duplicating(staff_client, riverside):
    rows = [
        LEADER_HEADER,
        [
            "ana@example.org",
            "Ana Diaz",
            "Cambridge",
            "MA",
            "02139",
            "Housing",
            "",
            "Riverside Tenants Union",
        ],
    ]
    import_file(staff_client, "leader", csv_bytes(rows))
    again = import_file(staff_client, "leader", csv_bytes(rows))
    assert again.context["result"].totals["skip"] == 1

    rows[1][1] = "Ana María Díaz"
    rows[1][5] = "Housing; Education"
    changed = import_file(staff_client, "leader", csv_bytes(rows))

    assert changed.context["result"].totals["update"] == 1
    assert Leader.objects.count() == 1
    assert User.objects.filter(email="ana@example.org").count() == 1
    ana = Leader.objects.get()
    assert ana.name == "Ana María Díaz"
    assert {t.slug for t in ana.topics.all()} == {"housing", "education"}
    assert ana.affiliations.count() == 1


def test_email_matching_ignores_case_on_reimport(staff_client):
    LeaderFactory(email="ana@example.org", name="Ana")
    import_file(
        staff_client, "leader", csv_bytes([["Email", "Name"], ["ANA@Example.ORG", "Ana D."]])
    )
    assert Leader.objects.get().name == "Ana D."


def test_exported_leaders_import_back_as_updates(staff_client, riverside):
    housing = Topic.objects.get(slug="housing")
    student = LeaderRole.objects.get(slug="student")
    leader = LeaderFactory(
        name="Cleo Park", email="cleo@example.org", topics=[housing], roles=[student]
    )
    AffiliationFactory(leader=leader, organization=riverside, role_title="Treasurer")
    LeaderFactory(name="Dev Shah", email="dev@example.org")

    response = export(staff_client, "leader")
    assert response.status_code == 200
    rows = exported_rows(response)
    cleo = next(row for row in rows if row["email"] == "cleo@example.org")
    assert cleo["topics"] == "Housing"
    assert cleo["roles"] == "Student"
    assert cleo["organizations"] == "Riverside Tenants Union (Treasurer)"

    cleo["city"] = "Somerville"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    preview = import_file(staff_client, "leader", out.getvalue().encode())

    totals = preview.context["result"].totals
    assert totals["new"] == 0
    assert Leader.objects.count() == 2
    leader.refresh_from_db()
    assert leader.city == "Somerville"
    assert list(leader.topics.all()) == [housing]
    assert leader.affiliations.get().role_title == "Treasurer"


def test_import_never_makes_a_leader_who_chose_more_visible(staff_client):
    LeaderFactory(
        email="ana@example.org",
        name="Ana Diaz",
        visibility=Leader.Visibility.MEMBERS,
        consent_at=timezone.now(),
    )
    response = upload(
        staff_client,
        "leader",
        csv_bytes([["email", "visibility"], ["ana@example.org", "public"]]),
    )
    assert problems(response) == [
        "Row 2, column visibility: Ana Diaz chose 'members' themselves; an import can make a "
        "profile less visible, never more"
    ]

    import_file(
        staff_client,
        "leader",
        csv_bytes([["email", "visibility"], ["ana@example.org", "organizers only"]]),
    )
    assert Leader.objects.get().visibility == Leader.Visibility.ORGANIZERS


def test_imported_leader_is_linked_to_an_existing_account_with_the_same_email(staff_client):
    existing = UserFactory(email="ana@example.org")
    import_file(staff_client, "leader", csv_bytes([["email", "name"], ["ana@example.org", "Ana"]]))
    assert Leader.objects.get().user == existing
    assert User.objects.filter(email="ana@example.org").count() == 1


def test_leader_already_linked_to_an_account_keeps_it(staff_client):
    own = UserFactory(email="own-login@example.org")
    LeaderFactory(email="ana@example.org", name="Ana", user=own)
    import_file(
        staff_client, "leader", csv_bytes([["email", "name"], ["ana@example.org", "Ana D"]])
    )
    assert Leader.objects.get().user == own
    assert not User.objects.filter(email="ana@example.org").exists()


def test_successful_import_invalidates_the_public_directory_cache(staff_client):
    before = directory_cache_version()
    import_file(staff_client, "leader", csv_bytes([["email", "name"], ["ana@example.org", "Ana"]]))
    assert directory_cache_version() > before


# --- Errors: per row, all or nothing ---------------------------------------------------------


def test_row_errors_name_the_row_the_column_and_the_problem(staff_client):
    content = csv_bytes(
        [
            ["email", "name", "state", "zip_code", "topics", "visibility"],
            ["ok@example.org", "Fine Person", "MA", "02139", "Housing", "public"],
            ["zz@example.org", "Bad State", "ZZ", "", "", ""],
            ["not-an-email", "Bad Email", "", "", "", ""],
            ["zip@example.org", "Bad Zip", "", "00000", "Healthcare", "everyone"],
            ["ok@example.org", "Same Person Again", "", "", "", ""],
        ]
    )
    response = upload(staff_client, "leader", content)

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert problems(response) == [
        "Row 3, column state: 'ZZ' is not a US state code",
        "Row 4, column email: 'not-an-email' is not a valid email address",
        "Row 5, column zip_code: '00000' is not a US ZIP code",
        "Row 5, column topics: unknown topic 'Healthcare'",
        "Row 5, column visibility: 'everyone' is not one of: public, members, organizers",
        "Row 6, column email: the same email is already on row 2",
    ]
    assert b"Row 3, column state: &#x27;ZZ&#x27; is not a US state code" in response.content
    assert not Leader.objects.exists()


def test_unknown_names_come_with_a_suggestion(staff_client):
    response = upload(
        staff_client, "leader", csv_bytes([["email", "topics"], ["a@example.org", "Housng"]])
    )
    assert problems(response) == [
        "Row 2, column topics: unknown topic 'Housng' (did you mean 'Housing'?)",
        "Row 2, column name: a name is required for a new leader",
    ]


def test_one_bad_row_means_nothing_is_written(staff_user):
    dataset = tablib.Dataset(headers=["email", "name", "state"])
    dataset.append(["one@example.org", "One", "MA"])
    dataset.append(["two@example.org", "Two", "ZZ"])
    dataset.append(["three@example.org", "Three", "NY"])

    result = LeaderResource().import_data(dataset, dry_run=False, user=staff_user)

    assert result.has_validation_errors()
    assert not Leader.objects.exists()
    assert not User.objects.filter(email__endswith="@example.org").exclude(pk=staff_user.pk)
    assert not AuditEntry.objects.filter(action="leader.create").exists()


def test_a_failure_while_writing_rolls_the_whole_import_back(staff_client, monkeypatch):
    preview = upload(
        staff_client,
        "leader",
        csv_bytes([["email", "name"], ["one@example.org", "One"], ["two@example.org", "Two"]]),
    )

    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("directory.importexport.shared.audit_many", fail)
    response = confirm(staff_client, "leader", preview)

    assert response.status_code == 400
    assert "unexpected error (RuntimeError)" in problems(response)[0]
    assert not Leader.objects.exists()
    assert not User.objects.filter(email__in=["one@example.org", "two@example.org"]).exists()


@pytest.mark.parametrize(
    ("content", "name", "fmt", "message"),
    [
        ("email,name\nana@example.org,José\n".encode("latin-1"), "l.csv", CSV_FORMAT, "not UTF-8"),
        (b"\xff\xfe\x00\x01\x02junk\x00\x9f", "l.csv", CSV_FORMAT, "not UTF-8"),
        (b"email,name\na@example.org,Ana,extra,cells\n", "l.csv", CSV_FORMAT, "more cells"),
        (b"", "l.csv", CSV_FORMAT, "The submitted file is empty"),
        (b"email,name\n", "l.csv", CSV_FORMAT, "No valid data to import"),
        (b"email,name\na@example.org,Ana\n", "l.xlsx", XLSX_FORMAT, "not a readable XLSX"),
    ],
    ids=["latin-1", "binary-junk", "ragged-rows", "empty", "header-only", "csv-as-xlsx"],
)
def test_unreadable_files_get_a_clear_message_and_change_nothing(
    staff_client, content, name, fmt, message
):
    response = upload(staff_client, "leader", content, name=name, fmt=fmt)

    assert response.status_code == 200
    assert any(message in problem for problem in problems(response)), problems(response)
    assert not Leader.objects.exists()


def test_control_characters_in_a_cell_are_refused(staff_client):
    response = upload(
        staff_client, "leader", b"email,name\na@example.org,Ana\x00\x01Diaz\n", name="l.csv"
    )
    assert problems(response) == [
        "Row 2, column name: contains control characters; is this really a text file?"
    ]


def test_xlsx_with_wrong_columns_is_refused_naming_them(staff_client):
    content = xlsx_bytes([["Full Name", "Emial", "Favourite colour"], ["Ana", "a@x.org", "red"]])
    response = upload(staff_client, "leader", content, name="l.xlsx", fmt=XLSX_FORMAT)

    assert response.status_code == 200
    [problem] = problems(response)
    assert "unknown columns 'Emial', 'Favourite colour'" in problem
    assert "missing columns 'email'" in problem
    assert "confirm_form" not in response.context
    assert not Leader.objects.exists()


def test_semicolon_separated_csv_gets_a_hint(staff_client):
    response = upload(staff_client, "leader", b"email;name\na@example.org;Ana\n")
    [problem] = problems(response)
    assert "unknown columns 'email;name'" in problem
    assert "separated by semicolons" in problem


def test_xlsx_import_reads_numbers_and_restores_zip_leading_zeros(staff_client):
    content = xlsx_bytes(
        [["email", "name", "zip_code", "phone"], ["ana@example.org", "Ana", 2139, 6175550100]]
    )
    import_file(staff_client, "leader", content, name="l.xlsx", fmt=XLSX_FORMAT)
    leader = Leader.objects.get()
    assert (leader.zip_code, leader.phone) == ("02139", "6175550100")


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(staff_client):
    content = csv_bytes([["email", "state"], ["", ""], ["a@example.org", "QQ"]])
    response = upload(staff_client, "leader", content)
    assert "Row 3, column state: 'QQ' is not a US state code" in problems(response)


def test_confirming_twice_shows_a_message_instead_of_failing(staff_client):
    preview = upload(staff_client, "leader", csv_bytes([["email", "name"], ["a@example.org", "A"]]))
    assert confirm(staff_client, "leader", preview).status_code == 302
    second = confirm(staff_client, "leader", preview)
    assert second.status_code == 302
    assert Leader.objects.count() == 1


def test_tampered_confirm_form_is_refused_without_an_error_page(staff_client):
    response = staff_client.post(
        reverse("admin:directory_leader_process_import"),
        {"import_file_name": "x", "original_file_name": "x.csv", "format": "99", "resource": "0"},
    )
    assert response.status_code == 302


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["leader", "organization", "resource"])
def test_anonymous_visitors_and_members_are_sent_to_the_admin_login(
    anon_client, member_client, model
):
    for client in (anon_client, member_client):
        for view in ("import", "export"):
            response = client.get(reverse(f"admin:directory_{model}_{view}"))
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]


def test_staff_without_the_import_permission_is_refused():
    client = staff_login(Client(), "view_leader", "add_leader", "change_leader", "export_leader")
    assert client.get(reverse("admin:directory_leader_import")).status_code == 403
    response = upload(client, "leader", csv_bytes([["email", "name"], ["a@example.org", "A"]]))
    assert response.status_code == 403
    response = client.post(
        reverse("admin:directory_leader_process_import"),
        {"import_file_name": "x", "original_file_name": "x.csv", "format": "0", "resource": "0"},
    )
    assert response.status_code == 403
    changelist = client.get(reverse("admin:directory_leader_changelist")).content.decode()
    assert reverse("admin:directory_leader_import") not in changelist
    assert reverse("admin:directory_leader_export") in changelist
    assert not Leader.objects.exists()


def test_staff_without_the_export_permission_cannot_export():
    LeaderFactory(email="private@example.org")
    client = staff_login(Client(), "view_leader", "import_leader")
    response = export(client, "leader")
    assert response.status_code == 403
    assert b"private@example.org" not in response.content


def test_staff_with_the_import_permission_can_import():
    client = staff_login(Client(), "view_leader", "import_leader")
    import_file(client, "leader", csv_bytes([["email", "name"], ["a@example.org", "A"]]))
    assert Leader.objects.filter(email="a@example.org").exists()


# --- Export --------------------------------------------------------------------------------------


def test_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(staff_client):
    LeaderFactory(
        name='=HYPERLINK("http://evil.example","click")',
        email="f@example.org",
        phone="+1 617 555 0100",
        city="@SUM(A1)",
        bio="-2+3",
    )
    row = exported_rows(export(staff_client, "leader"))[0]
    assert row["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["phone"] == "'+1 617 555 0100"
    assert row["city"] == "'@SUM(A1)"
    assert row["bio"] == "'-2+3"

    response = export(staff_client, "leader", fmt=XLSX_FORMAT)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert values["name"].startswith("'=")
    assert sheet.cell(row=2, column=header.index("name") + 1).data_type == "s"


def test_neutralised_cells_import_back_unchanged(staff_client):
    LeaderFactory(name="-Dash Person", email="dash@example.org", phone="+1 617 555 0100")
    content = export(staff_client, "leader").content
    import_file(staff_client, "leader", content)
    leader = Leader.objects.get()
    assert (leader.name, leader.phone) == ("-Dash Person", "+1 617 555 0100")


def test_xlsx_export_imports_back_unchanged(staff_client, riverside):
    leader = LeaderFactory(
        email="xl@example.org",
        user=UserFactory(email="xl@example.org"),
        topics=[Topic.objects.first()],
    )
    AffiliationFactory(leader=leader, organization=riverside, role_title="")
    content = export(staff_client, "leader", fmt=XLSX_FORMAT).content
    preview = upload(staff_client, "leader", content, name="l.xlsx", fmt=XLSX_FORMAT)
    assert preview.context["result"].totals["skip"] == 1, problems(preview)


def test_export_follows_the_list_filters(staff_client):
    LeaderFactory(email="ma@example.org", state="MA")
    LeaderFactory(email="ny@example.org", state="NY", city="Albany", zip_code="12207")
    rows = exported_rows(export(staff_client, "leader", query="?state__exact=NY"))
    assert [row["email"] for row in rows] == ["ny@example.org"]


# --- Organizations -------------------------------------------------------------------------------


def test_organizations_import_with_chapters_listed_before_their_parent(staff_client):
    content = csv_bytes(
        [
            ["name", "kind", "scope", "parent", "state", "website", "topics", "verified"],
            [
                "Vote Boston",
                "Local chapter",
                "local",
                "Vote Everywhere",
                "MA",
                "voteboston.org",
                "Voting and elections",
                "yes",
            ],
            [
                "Vote Everywhere",
                "national",
                "national",
                "",
                "",
                "https://www.vote.example.org/",
                "",
                "no",
            ],
        ]
    )
    import_file(staff_client, "organization", content)

    chapter = Organization.objects.get(name="Vote Boston")
    national = Organization.objects.get(name="Vote Everywhere")
    assert chapter.parent == national
    assert chapter.kind == Organization.Kind.CHAPTER
    assert chapter.website == "https://voteboston.org"
    assert chapter.website_domain == "voteboston.org"
    assert national.website_domain == "vote.example.org"
    assert chapter.slug == "vote-boston"
    assert chapter.verified is True
    assert [t.slug for t in chapter.topics.all()] == ["voting-elections"]


def test_organizations_reimport_by_slug_or_by_name_and_state_updates(staff_client):
    org = OrganizationFactory(
        name="Faith Alliance", slug="faith-alliance", state="OH", city="Dayton"
    )
    import_file(
        staff_client,
        "organization",
        csv_bytes([["name", "state", "city"], ["faith alliance", "OH", "Columbus"]]),
    )
    import_file(
        staff_client,
        "organization",
        csv_bytes(
            [["slug", "name", "description"], ["faith-alliance", "Faith Alliance of Ohio", "Hi"]]
        ),
    )
    assert Organization.objects.count() == 1
    org.refresh_from_db()
    assert (org.name, org.city, org.description) == ("Faith Alliance of Ohio", "Columbus", "Hi")


def test_an_organization_cannot_be_its_own_parent(staff_client):
    OrganizationFactory(name="Alpha", slug="alpha")
    content = csv_bytes([["slug", "name", "parent"], ["alpha", "Alpha", "alpha"]])
    assert problems(upload(staff_client, "organization", content)) == [
        "Row 2, column parent: an organization cannot be its own parent"
    ]


def test_organization_parent_cycles_across_rows_are_refused(staff_client):
    OrganizationFactory(name="Alpha", slug="alpha")
    OrganizationFactory(name="Beta", slug="beta")
    content = csv_bytes(
        [["slug", "name", "parent"], ["alpha", "Alpha", "Beta"], ["beta", "Beta", "Alpha"]]
    )
    response = upload(staff_client, "organization", content)
    assert problems(response) == [
        "Row 2, column parent: 'Alpha' would become one of its own parent organizations",
        "Row 3, column parent: 'Beta' would become one of its own parent organizations",
    ]
    assert not Organization.objects.filter(parent__isnull=False).exists()


def test_organization_unknown_parent_and_new_org_without_kind_are_reported(staff_client):
    content = csv_bytes([["name", "scope", "parent"], ["Newcomers", "local", "Nobody Known"]])
    assert problems(upload(staff_client, "organization", content)) == [
        "Row 2, column parent: unknown organization 'Nobody Known'",
        "Row 2, column kind: required for a new organization",
    ]


# --- Resources -----------------------------------------------------------------------------------


def test_resources_import_by_link_or_title_with_provider_and_topics(staff_client, riverside):
    existing = ResourceFactory(title="Know your rights", url="https://rights.example.org/kyr")
    content = csv_bytes(
        [
            ["url", "title", "kind", "scope", "provider", "topics"],
            [
                "rights.example.org/kyr",
                "Know your rights (2025)",
                "toolkit",
                "national",
                "riverside-tenants",
                "Housing",
            ],
            [
                "",
                "Voter guide",
                "Toolkit",
                "state",
                "Riverside Tenants Union",
                "Voting and elections",
            ],
        ]
    )
    import_file(staff_client, "resource", content)
    import_file(staff_client, "resource", content)

    assert Resource.objects.count() == 2
    existing.refresh_from_db()
    assert existing.title == "Know your rights (2025)"
    assert existing.provider == riverside
    guide = Resource.objects.get(title="Voter guide")
    assert guide.slug == "voter-guide"
    assert [t.slug for t in guide.topics.all()] == ["voting-elections"]


def test_resource_with_an_unknown_provider_is_reported(staff_client):
    content = csv_bytes(
        [["title", "kind", "scope", "provider"], ["Guide", "toolkit", "national", "Ghost Org"]]
    )
    assert problems(upload(staff_client, "resource", content)) == [
        "Row 2, column provider: unknown organization 'Ghost Org'"
    ]
    assert not Resource.objects.exists()


def test_resource_and_organization_exports_round_trip(staff_client, riverside):
    ResourceFactory(
        title="Rent guide", provider=riverside, topics=[Topic.objects.get(slug="housing")]
    )
    for model in ("organization", "resource"):
        response = export(staff_client, model)
        assert response.status_code == 200
        preview = upload(staff_client, model, response.content)
        assert preview.context["result"].totals["skip"] == 1, problems(preview)
    assert Resource.objects.count() == 1
    assert Organization.objects.count() == 1


def test_consent_given_late_in_the_evening_exports_as_that_local_day():
    """At 23:30 in New York it is already the next day in UTC; the file must carry the local day,
    or every export made in the evening would refuse to import back ("in the future")."""
    evening = timezone.make_aware(datetime.datetime(2026, 3, 9, 23, 30))
    leader = Leader.objects.get(pk=LeaderFactory(consent_at=evening).pk)
    assert evening.astimezone(datetime.UTC).date().isoformat() == "2026-03-10"
    assert LeaderResource().value_consent(leader) == "2026-03-09"
