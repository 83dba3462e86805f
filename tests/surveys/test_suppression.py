"""Small cells are never shown, nor any number from which one could be worked out."""

import itertools

from surveys.suppression import MIN_CELL, OVERALL, suppress


def _derivable(table, totals, counts, choices, single_answer):
    """Hidden numbers a reader could work out from one sum with exactly one unknown."""
    found = []
    rows = [r for r in totals if r != OVERALL]
    equations = []  # (known total, cells in the sum)
    equations.append(((OVERALL, ""), [(r, "") for r in rows]))
    for c in choices:
        equations.append(((OVERALL, c), [(r, c) for r in rows]))
    if single_answer:
        for r in [OVERALL, *rows]:
            equations.append(((r, ""), [(r, c) for c in choices]))

    def shown(cell):
        r, c = cell
        return (table.totals[r] if c == "" else table.counts[r][c]) is not None

    for whole, parts in equations:
        unknown = [cell for cell in parts if not shown(cell)]
        if shown(whole) and len(unknown) == 1:
            found.append(unknown[0])
    return found


def _check(totals, counts, choices, single_answer):
    table = suppress(totals=totals, counts=counts, choices=choices, single_answer=single_answer)
    for row in totals:
        if table.totals[row] is not None:
            assert table.totals[row] >= MIN_CELL or table.totals[row] == 0
        for c in choices:
            value = table.counts[row][c]
            assert value is None or value == 0 or value >= MIN_CELL, (row, c, value)
    assert _derivable(table, totals, counts, choices, single_answer) == []
    return table


def test_a_cell_under_five_is_hidden_and_its_row_partner_too():
    totals = {OVERALL: 40, "urban": 40}
    counts = {OVERALL: {"a": 37, "b": 3}, "urban": {"a": 37, "b": 3}}
    table = _check(totals, counts, ["a", "b"], single_answer=True)
    # b is 3: hidden; a would give it away (40 - 37), so a is hidden as well.
    assert table.counts[OVERALL] == {"a": None, "b": None}


def test_a_small_segment_is_hidden_with_a_complementary_segment():
    totals = {OVERALL: 50, "urban": 30, "suburban": 17, "rural": 3}
    counts = {
        OVERALL: {"a": 30, "b": 20},
        "urban": {"a": 20, "b": 10},
        "suburban": {"a": 8, "b": 9},
        "rural": {"a": 2, "b": 1},
    }
    table = _check(totals, counts, ["a", "b"], single_answer=True)
    assert table.totals["rural"] is None
    # Otherwise rural = 50 - 30 - 17: the next smallest segment is hidden too.
    assert table.totals["suburban"] is None
    assert table.totals["urban"] == 30 and table.counts["urban"]["a"] == 20


def test_a_column_with_one_hidden_cell_hides_another():
    totals = {OVERALL: 60, "blue": 30, "red": 30}
    counts = {OVERALL: {"a": 40, "b": 23}, "blue": {"a": 20, "b": 20}, "red": {"a": 20, "b": 3}}
    table = _check(totals, counts, ["a", "b"], single_answer=False)  # multiple choice
    assert table.counts["red"]["b"] is None and table.counts["blue"]["b"] is None
    assert table.counts[OVERALL]["b"] == 23


def test_fewer_than_five_respondents_overall_show_nothing():
    totals = {OVERALL: 4, "urban": 4}
    counts = {OVERALL: {"a": 4}, "urban": {"a": 4}}
    table = _check(totals, counts, ["a"], single_answer=True)
    assert table.totals[OVERALL] is None and table.counts[OVERALL]["a"] is None


def test_no_table_of_small_random_numbers_leaks_a_small_cell():
    import random

    rng = random.Random(7)
    choices = ["a", "b", "c"]
    for _case, single in itertools.product(range(300), (True, False)):
        rows = {f"s{i}": None for i in range(rng.randint(1, 5))}
        counts = {}
        for row in rows:
            if single:
                per = [rng.choice([0, 1, 2, 3, 6, 9, 14]) for _ in choices]
                counts[row] = dict(zip(choices, per, strict=True))
            else:
                counts[row] = {c: rng.choice([0, 2, 5, 8]) for c in choices}
        totals = {
            row: (sum(counts[row].values()) if single else max(counts[row].values()) + 2)
            for row in rows
        }
        totals[OVERALL] = sum(totals.values())
        counts[OVERALL] = {c: sum(counts[r][c] for r in rows) for c in choices}
        _check(totals, counts, choices, single_answer=single)
