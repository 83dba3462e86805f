"""The shared importing module: cell parsers, the Checker's errors and warnings, problems,
headers and file limits."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.test import override_settings

from actlocal.importing import (
    CellError,
    Checker,
    ImportRejected,
    Problem,
    Severity,
    cells,
    csv_rows,
    headers_match,
)
from actlocal.importing.files import rows_estimate


class Colour(models.TextChoices):
    RED = "red", "Red"
    DARK_BLUE = "dark_blue", "Dark blue"


@pytest.mark.parametrize(
    ("parser", "text", "expected"),
    [
        (cells.parse_date, "2021-02-28", datetime.date(2021, 2, 28)),
        (cells.parse_date, "2021-02", datetime.date(2021, 2, 1)),
        (cells.parse_date, "", None),
        (cells.parse_datetime, "2026-05-01 18:30", datetime.datetime(2026, 5, 1, 18, 30)),
        (cells.parse_int, "1,204", 1204),
        (cells.parse_phone, "(617) 555-0100", "(617) 555-0100"),
        (cells.parse_email, "Ana@Example.org", "ana@example.org"),
        (cells.parse_url, "https://example.org/a", "https://example.org/a"),
    ],
)
def test_parsers_return_the_value(parser, text, expected):
    assert parser(text) == expected


@pytest.mark.parametrize(
    ("parser", "text", "message"),
    [
        (cells.parse_date, "2021-02-30", "not a date"),
        (cells.parse_date, "30/02/2021", "not a date"),
        (cells.parse_datetime, "tomorrow", "not a date and time"),
        (cells.parse_int, "twelve", "not a whole number"),
        (cells.parse_phone, "call me", "phone number"),
        (cells.parse_email, "ana at example.org", "not a valid email"),
        (cells.parse_url, "https://example.org/a b", "not a web address"),
        (cells.parse_bool, "maybe", "not yes or no"),
    ],
)
def test_parsers_raise_a_cell_error_with_a_reason(parser, text, message):
    with pytest.raises(CellError) as excinfo:
        parser(text)
    assert message in excinfo.value.message


def test_a_choice_is_found_by_value_or_label_in_any_case():
    assert cells.parse_choice("Dark Blue", choices=Colour) == "dark_blue"
    assert cells.parse_choice("RED", choices=Colour) == "red"
    with pytest.raises(CellError):
        cells.parse_choice("green", choices=Colour)


@pytest.mark.parametrize("value", ["a\x00b", ["a"], {"a": 1}])
def test_cell_text_refuses_nul_bytes_and_structures(value):
    with pytest.raises(CellError):
        cells.cell_text(value)


def test_cell_text_of_spreadsheet_values():
    assert cells.cell_text(6175550100.0) == "6175550100"
    assert cells.cell_text(datetime.date(2021, 1, 2)) == "2021-01-02"
    assert cells.cell_text("'=SUM(A1)") == "=SUM(A1)"


def test_optional_values_are_warnings_and_required_ones_errors():
    check = Checker()

    assert check.url("row 2", "website", "bad link") == ""
    assert check.phone("row 2", "phone", "none") == ""
    assert check.text("row 2", "name", "", max_length=10, required=True) == ""
    assert check.date("row 2", "start", "2021-02-30") is None
    check.date_order("row 3", "end", datetime.date(2021, 2, 1), datetime.date(2021, 1, 1))

    assert [(p.column, p.severity) for p in check.problems] == [
        ("website", Severity.WARNING),
        ("phone", Severity.WARNING),
        ("name", Severity.ERROR),
        ("start", Severity.ERROR),
        ("end", Severity.ERROR),
    ]
    assert check.error_count == 3
    with pytest.raises(ImportRejected) as excinfo:
        check.raise_if_errors()
    assert len(excinfo.value.report()) == 3  # the report lists errors only


def test_warnings_alone_do_not_refuse_the_file():
    check = Checker()
    check.email("row 2", "email", "nope")
    check.raise_if_errors()
    assert [p.is_warning for p in check.problems] == [True]


def test_a_problem_survives_json_and_reads_as_a_sentence():
    problem = Problem("row 4", "phone", "'x' does not look like a phone number", Severity.WARNING)

    again = Problem.from_dict(problem.as_dict())

    assert again == problem
    assert str(again) == "row 4, column “phone”: 'x' does not look like a phone number"


def test_headers_match_with_aliases_and_one_sentence_for_every_problem():
    names, keep = headers_match(
        ["E-mail", "", "Name"],
        known=["email", "name"],
        required=["email"],
        aliases={"e_mail": "email"},
        has_data=lambda index: False,
    )
    assert (names, keep) == (["email", "name"], [0, 2])

    with pytest.raises(ImportRejected) as excinfo:
        headers_match(
            ["name", "name", "colour"],
            known=["email", "name"],
            required=["email"],
            aliases={},
            has_data=lambda index: False,
        )
    message = excinfo.value.problems[0].message
    assert "unknown columns 'colour'" in message
    assert "repeated columns 'name'" in message
    assert "missing columns 'email'" in message


@override_settings(IMPORT_MAX_ROWS=2)
def test_csv_rows_stop_at_the_row_limit():
    assert csv_rows("a,b\n1,2\n3,4\n", where="f.csv")[1][-1] == (3, {"a": "3", "b": "4"})
    with pytest.raises(ImportRejected):
        csv_rows("a,b\n1,2\n3,4\n5,6\n", where="f.csv")


def test_rows_estimate_counts_lines_without_parsing():
    assert rows_estimate(b"a,b\n1,2\n3,4\n", filename="f.csv") == 3
    assert rows_estimate(b"PK\x03\x04 not really a zip", filename="f.zip") == 0


def test_rows_estimate_of_a_workbook_reads_its_declared_dimension():
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for number in range(30):
        book.active.append([f"p{number}@example.org", "P"])
    out = io.BytesIO()
    book.save(out)

    assert rows_estimate(out.getvalue(), filename="people.xlsx") == 29
