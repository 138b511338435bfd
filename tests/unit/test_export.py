"""Exports: CSV with formula cells neutralised, a self-contained printable HTML report."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pandas as pd

from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.export import neutralise, plan_csv, report_html
from planner.planfile import parse_plan
from planner.totals import plan_totals
from tests.support.plans import plan_document


def totals_and_plan(catalog, items):
    plan = parse_plan(json.dumps(plan_document([[("breakfast", items)]])), catalog)
    return plan, plan_totals(plan, catalog)


def test_formula_cells_are_neutralised():
    for dangerous in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Milk") == "Milk" and neutralise(3.5) == 3.5


def test_csv_has_items_sources_and_safe_cells(catalog):
    _, totals = totals_and_plan(catalog, [{"food": "sr:08077", "grams": 30},
                                          {"supplement": "=HYPERLINK(\"x\")", "ug": 10, "every": "day"},
                                          {"food": "sr:01188", "grams": 20}])
    rows = list(csv.DictReader(io.StringIO(plan_csv(totals))))
    assert rows[0]["source"] == "USDA SR Legacy (SR28, 2016), NDB 08077" and rows[0]["b12_ug"] == "6.0"
    assert rows[1]["item"].startswith("'=")
    assert rows[2]["b12_ug"] == "" and "no B12 value" in rows[2]["note"]
    total = rows[-1]  # each value in its own column
    assert (total["meal"], total["item"], total["counted_ug"]) == ("day total", "", "16.0")
    assert total["verdict"].startswith("Meets the recommended amount") and "Absorption" in total["verdict"]
    assert total["note"] == "1 item has no B12 value"
    assert rows[0]["amount"] == "30 g" and rows[1]["amount"] == "10 µg every day"


ISSUE_NAME = "B12 tablet\r=2+5+cmd|' /C calc'!A0"  # issue 12, finding 3, verbatim
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def pandas_rows(text: str) -> list[list[str]]:
    frame = pd.read_csv(io.StringIO(text, newline=""), header=None, dtype=str, keep_default_na=False)
    return frame.values.tolist()


def test_a_carriage_return_in_a_name_stays_inside_its_quoted_cell(catalog):
    _, totals = totals_and_plan(catalog, [{"supplement": ISSUE_NAME, "ug": 10, "every": "day"}])
    text = plan_csv(totals)
    assert f'"{ISSUE_NAME}"' in text
    rows = csv_rows(text)
    assert rows == pandas_rows(text)
    assert len(rows) == 3  # header, the item, the day's total
    assert rows[1][2] == ISSUE_NAME
    assert not [cell for row in rows for cell in row if cell.startswith(UNSAFE_START)]


def test_a_name_starting_with_a_line_break_and_a_formula_is_neutralised(catalog):
    _, totals = totals_and_plan(catalog, [{"supplement": "\r=1+1", "ug": 10, "every": "day"},
                                          {"supplement": "\n@SUM(A1)", "ug": 10, "every": "day"}])
    rows = csv_rows(plan_csv(totals))
    assert [rows[1][2], rows[2][2]] == ["'\r=1+1", "'\n@SUM(A1)"]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.external = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and value.startswith("http"):
                self.external.append(value)


def test_report_is_self_contained_and_cites_every_number(catalog):
    plan, totals = totals_and_plan(catalog, [{"food": "sr:13326", "portion": "1 slice", "count": 1},
                                             {"food": "sr:16235", "grams": 243}])
    html = report_html(plan, totals, suggest(plan.profile, catalog.values(), CurrentDay.from_day(totals.days[0])))
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "link" not in parser.tags and parser.external == []
    assert "svg" in parser.tags and "@media print" in html
    assert "NDB 13326" in html and "NDB 16235" in html
    assert "µg" in html and "not a diagnosis" in html
    assert "Institute of Medicine" in html


def test_report_has_landmarks_household_amounts_plain_supplements_and_full_chart_labels(catalog):
    from planner.export import bar_chart_svg

    plan, totals = totals_and_plan(catalog, [{"food": "sr:16139", "portion": "1 cup", "count": 1},
                                             {"supplement": "B12", "ug": 2000, "every": "week"}])
    page = report_html(plan, totals)
    assert "<main>" in page and "<header>" in page and "<footer>" in page
    assert "1 cup (243 g)" in page  # the household amount beside the grams
    assert "2,000 µg weekly = 285.71 µg a day" in page and "× 1 tablet" not in page
    long_name = "MORNINGSTAR FARMS Grillers Original, frozen, unprepared"
    svg = bar_chart_svg([(long_name, 4.5), ("Soymilk, original and vanilla", 2.1),
                         ("Soymilk, original and vanilla", 2.4)], "By food")
    assert f">{long_name}<" in svg  # the whole label, never clipped to "ORNINGSTAR …"
    assert ">Soymilk, original and vanilla (2)<" in svg  # repeats told apart


def test_an_empty_day_says_it_is_empty_and_what_a_weekly_supplement_still_gives(catalog):
    document = plan_document([[("breakfast", [{"supplement": "B12", "ug": 2000, "every": "week"}])],
                              [("breakfast", [])]])
    plan = parse_plan(json.dumps(document), catalog)
    page = report_html(plan, plan_totals(plan, catalog))
    assert ("Nothing is planned for Day 2 yet. B12 (2,000 µg weekly = 285.71 µg a day), listed on Day 1, "
            "still counts.") in page


def test_both_hand_outs_credit_every_bundled_dataset_their_rows_cite(catalog):
    """An FNDDS row's source is credited in the footer too, not SR Legacy alone."""
    import re
    from datetime import date

    from planner.comparison import comparison_report_html

    plan, totals = totals_and_plan(catalog, [{"food": "sr:01077", "portion": "1 cup", "count": 1},
                                             {"food": "fndds:11360200", "grams": 240}])  # whole milk; oat milk
    sources = [item.source for meal in totals.days[0].meals for item in meal.items]
    datasets = {source.split(", NDB ")[0].split(", food code ")[0] for source in sources}
    assert datasets == {"USDA SR Legacy (SR28, 2016)", "USDA FNDDS 2021–2023"}
    for page in (report_html(plan, totals), comparison_report_html([(plan, totals)] * 2, date(2026, 12, 6))):
        (credit,) = re.findall(r"<footer>.*?Data: (.*?)</p>", page, re.S)
        assert all(dataset in credit for dataset in datasets)
