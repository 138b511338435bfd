"""The CSV formula guard looks past leading whitespace of any kind (issue 23, item 6): " =1+1" and
"\u00a0=1+1" are formulas to a spreadsheet that trims the cell, so they are prefixed with "'"."""

from __future__ import annotations

import pytest

from planner.export import neutralise, plan_csv
from tests.unit.test_export import csv_rows, totals_and_plan

LEADING = {"space": " ", "two spaces": "  ", "no-break space": "\u00a0", "ideographic space": "\u3000",
           "em space": "\u2003", "line separator": "\u2028", "vertical tab": "\x0b", "form feed": "\x0c",
           "next line": "\x85", "zero-width space": "\u200b", "byte order mark": "\ufeff",
           "space then zero-width space": " \u200b"}


@pytest.mark.parametrize("lead", LEADING.values(), ids=LEADING.keys())
@pytest.mark.parametrize("formula", ["=1+1", "+1+1", "-1+1", "@SUM(A1)"])
def test_a_formula_after_leading_whitespace_is_prefixed(lead, formula):
    assert neutralise(lead + formula) == "'" + lead + formula


@pytest.mark.parametrize("cell", ["\uff1d1+1", "\u00a0\uff0bcmd", "\ufe6bSUM(A1)"],
                         ids=["fullwidth equals", "fullwidth plus", "small commercial at"])
def test_a_formula_sign_in_another_width_is_prefixed(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", [" Milk", "\u00a0Milk, whole", "   ", "", "Cheddar = good", "1 + 1"])
def test_text_that_is_no_formula_is_left_alone(cell):
    assert neutralise(cell) == cell


def test_the_csv_prefixes_a_spaced_formula_in_an_item_name(catalog):
    _, totals = totals_and_plan(catalog, [{"supplement": " =1+1", "ug": 10, "every": "day"},
                                          {"supplement": "\u00a0=HYPERLINK(\"http://x\")", "ug": 10, "every": "day"}])
    rows = csv_rows(plan_csv(totals))
    assert [rows[1][2], rows[2][2]] == ["' =1+1", "'\u00a0=HYPERLINK(\"http://x\")"]
