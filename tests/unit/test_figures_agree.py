"""Every figure of a planned day says the same: the summary's total, the items table (each row the µg
it counts, then a total row), the charts, the CSV and the report. The day holds the three items that
used to make them disagree: a weekly supplement (a daily share, not its dose), an analogue-only food
(counted as 0, its reason said once) and a food with no B12 value (unknown, the total a minimum)."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from planner.export import DAY_TOTAL, plan_csv, report_html
from planner.notes import NotReliable
from planner.planfile import parse_plan
from planner.totals import plan_totals
from planner.wording import DAY_TOTAL_LABEL, intake_amount, notes_text
from tests.support.plans import plan_document
from ui.charts import food_bars, meal_bars
from ui.table import day_rows, item_cells, total_cells

WEEKLY_UG = 2000.0
ITEMS = {
    "breakfast": [{"food": "sr:01077", "portion": "1 cup", "count": 1},  # whole milk
                  {"supplement": "Cyanocobalamin", "ug": WEEKLY_UG, "every": "week"}],
    "lunch": [{"food": "sr:16114", "portion": "1 cup", "count": 1},  # tempeh: analogues, counted as 0
              {"food": "sr:01188", "portion": "2 tbsp", "count": 1}],  # no B12 value in the data
    "dinner": [{"food": "sr:15076", "grams": 85}],  # salmon
}


@pytest.fixture
def planned(catalog):
    plan = parse_plan(json.dumps(plan_document([[(meal, items) for meal, items in ITEMS.items()]])), catalog)
    return plan, plan_totals(plan, catalog)


def _ug(text: str) -> float:
    return float(text.removeprefix("at least ").removesuffix(" µg").replace(",", ""))


def test_the_table_counts_what_the_total_counts_and_ends_with_it(planned):
    _, totals = planned
    day = totals.days[0]
    rows, _ = day_rows(day)
    shown = {row["Item"]: row["B12 (µg)"] for row in rows}
    assert shown["Cyanocobalamin"] == pytest.approx(WEEKLY_UG / 7, abs=0.005)  # its daily share, not 2,000
    assert shown["Tempeh"] == 0.0  # counted as 0, as the total counts it
    assert shown["KRAFT CHEEZ WHIZ Pasteurized Process Cheese Sauce"] is None
    cells = [item_cells(row) for row in rows] + [total_cells(day)]
    assert cells[-1][1] == DAY_TOTAL_LABEL and cells[-1][3] == intake_amount(day.total_ug, day.unknown_items)
    assert cells[-1][3].startswith("at least ")  # one item has no value
    row_sum = sum(_ug(c[3]) for c in cells[:-1] if c[3] != "unknown")
    assert row_sum == pytest.approx(_ug(cells[-1][3]), abs=0.005 * len(rows))
    weekly = next(c for c in cells if c[1] == "Cyanocobalamin")
    assert "2,000 µg weekly = 285.71 µg a day" in weekly[2] and weekly[3] == "285.71 µg"


def test_the_weekly_note_says_the_daily_share_its_row_counts(planned):
    _, totals = planned
    (weekly,) = [row for row in day_rows(totals.days[0])[0] if row["Item"] == "Cyanocobalamin"]
    shown = item_cells(weekly)[3]
    (note,) = [text for text in notes_text(totals.notes) if text.startswith("A weekly supplement")]
    assert f"counts as {shown} on every day" in note  # "285.71 µg" in both, not 285.7 beside 285.71


def test_the_analogue_reason_is_said_once(planned):
    _, totals = planned
    day = totals.days[0]
    rows, _ = day_rows(day)
    tempeh = next(row for row in rows if row["Item"] == "Tempeh")
    assert "counted as 0 µg" in tempeh["Source"] and "seaweed" not in tempeh["Source"]
    reasons = [text for text in notes_text(totals.notes) if "inactive B12 analogues" in text]
    assert len(reasons) == 1 and reasons[0].startswith("Tempeh does not count")


def test_mashed_potatoes_are_not_blamed_on_seaweed(catalog):
    plan = parse_plan(json.dumps(plan_document([[("lunch", [{"food": "sr:31036", "grams": 100}])]])), catalog)
    (note,) = [n for n in plan_totals(plan, catalog).notes if isinstance(n, NotReliable)]
    (text,) = notes_text([note])
    assert "seaweed" not in text and "nothing in it explains" in text


def test_the_charts_add_up_to_the_total(planned):
    _, totals = planned
    day = totals.days[0]
    assert sum(ug for _, _, ug in meal_bars(day)) == pytest.approx(day.total_ug, abs=0.001 * len(day.meals))
    foods = {label: ug for label, _, ug in food_bars(day)}
    assert "Tempeh" not in foods  # counts nothing, so no bar
    supplement_share = WEEKLY_UG / 7
    assert sum(foods.values()) + supplement_share == pytest.approx(day.total_ug, abs=0.005)


def test_the_csv_rows_add_up_to_its_day_total_row(planned):
    _, totals = planned
    day = totals.days[0]
    rows = list(csv.DictReader(io.StringIO(plan_csv(totals))))
    items, (total,) = rows[:-1], rows[-1:]
    assert total["meal"] == DAY_TOTAL and float(total["counted_ug"]) == pytest.approx(day.total_ug, abs=0.001)
    assert sum(float(r["counted_ug"]) for r in items) == pytest.approx(float(total["counted_ug"]), abs=0.001)
    weekly = next(r for r in items if r["item"] == "Cyanocobalamin")
    assert float(weekly["counted_ug"]) == pytest.approx(WEEKLY_UG / 7, abs=0.001)


def test_the_report_shows_the_same_rows_and_total(planned):
    plan, totals = planned
    day = totals.days[0]
    page = report_html(plan, totals)
    table = page[page.index("<th>Meal</th><th>Item</th>"):]
    table = table[:table.index("</table>")]
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1])]
    assert cells[-1][1] == DAY_TOTAL_LABEL and cells[-1][3] == intake_amount(day.total_ug, day.unknown_items)
    counted = [_ug(c[3]) for c in cells[:-1] if c[3] != "unknown"]
    assert sum(counted) == pytest.approx(_ug(cells[-1][3]), abs=0.005 * len(cells))
    assert "2,000 µg weekly = 285.71 µg a day" in page and "2000.00" not in page


def _day_of(catalog, items, profile=None):
    plan = parse_plan(json.dumps(plan_document([[("breakfast", items)]], profile=profile)), catalog)
    return plan_totals(plan, catalog)


def test_a_verdict_compares_the_total_as_shown(catalog):
    """2.398 µg shows as "2.40 µg": the verdict must not call it below 2.4 µg, nor the gap "0.00 short"."""
    from planner.results import Status
    from planner.totals import status_for
    from planner.wording import gap_text, micrograms

    target = _day_of(catalog, []).target
    assert micrograms(2.398) == "2.40 µg" and status_for(2.398, target) is Status.MEETS_TARGET
    assert gap_text(2.398, 2.4) == "exactly 2.4 µg"
    assert status_for(2.394, target) is Status.BELOW_TARGET and gap_text(2.394, 2.4) == "0.01 µg short of 2.4 µg"


@pytest.mark.parametrize("items,both", [
    ([{"food": "sr:15076", "grams": 85}], True),  # salmon alone: met with food-bound B12
    ([{"food": "sr:15076", "grams": 85}, {"supplement": "B12", "ug": 25, "every": "day"}], False),
])
def test_over_50_meeting_the_rda_from_food_hears_the_iom_advice_in_the_verdict(catalog, items, both):
    from planner.wording import day_verdict_text

    totals = _day_of(catalog, items, profile={"age_years": 70, "sex": "female"})
    verdict = day_verdict_text(totals.days[0], totals.target, totals.absorption_goal_ug)
    assert verdict.startswith("Meets the recommended amount (RDA)")
    assert ("after 50, the IOM advises getting most of it from fortified foods or a supplement" in verdict) is both
    younger = _day_of(catalog, items, profile={"age_years": 40, "sex": "female"})
    assert "IOM advises" not in day_verdict_text(younger.days[0], younger.target, younger.absorption_goal_ug)
