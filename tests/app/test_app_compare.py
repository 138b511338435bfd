"""Compare scenarios under AppTest: each scenario's items with the µg they count and their source,
and each later scenario's difference from the first, worked out here from the plans' own totals."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from planner.plan import Plan
from planner.snapshot import bundled_foods
from planner.totals import plan_totals
from tests.support.apptest import APP, TIMEOUT, button, plan, show, texts, two_scenarios
from ui.plans import COMPARE_TABLE_CLASS
from ui.session import View


def compared_tables(at: AppTest) -> list[list[dict[str, str]]]:
    """Each scenario's items table on the page, in order: one dict per row, by column heading."""
    tables = []
    for element in at.get("html"):
        if COMPARE_TABLE_CLASS not in element.value:
            continue
        head = [html.unescape(c) for c in re.findall(r"<th>(.*?)</th>", element.value)]
        body = element.value.split("<tbody>", 1)[1]
        tables.append([dict(zip(head, (html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)),
                                strict=True))
                       for row in re.findall(r"<tr>(.*?)</tr>", body)])
    return tables


def scenarios_on_compare() -> tuple[AppTest, dict[str, Plan]]:
    """Client A's two scenarios, each plan as the app opens it, then the Compare view."""
    at = two_scenarios(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), "Client A")
    plans = {plan(at).name: plan(at)}
    show(at, View.MY_PLANS)
    button(at, "current diet").click().run()
    plans[plan(at).name] = plan(at)
    show(at, View.COMPARE)
    return at, plans


def test_compare_shows_each_scenarios_items_with_their_b12_and_source():
    at, plans = scenarios_on_compare()
    names = [h.value for h in at.subheader if h.value in plans]
    assert sorted(names) == sorted(plans)
    catalog = bundled_foods()
    expected = []
    for name in names:
        rows = []
        for day in plan_totals(plans[name], catalog).days:
            rows += [{"Day": day.label, "Meal": meal.name, "Item": item.description,
                      "B12 counted": "unknown" if item.b12_ug is None else f"{item.counted_ug:.2f} µg",
                      "Source": item.source} for meal in day.meals for item in meal.items]
            rows.append({"Day": day.label, "Meal": "", "Item": "Day total", "B12 counted": f"{day.total_ug:.2f} µg",
                         "Source": ""})  # the day's total, as its summary gives it
        expected.append(rows)
    shown = [[{column: row[column] for column in ("Day", "Meal", "Item", "B12 counted", "Source")} for row in table]
             for table in compared_tables(at)]
    assert shown == expected
    assert [len(table) for table in shown] == [2, 3]  # cheddar; cheddar and soy milk; each with its total
    for table in shown:  # the total row is the sum of the rows above it, as shown
        *items, total = table
        assert abs(sum(float(row["B12 counted"].split()[0]) for row in items)
                   - float(total["B12 counted"].split()[0])) < 0.006 * len(items)


def test_compare_says_each_later_scenarios_difference_from_the_first():
    at, plans = scenarios_on_compare()
    first, second = [h.value for h in at.subheader if h.value in plans]
    catalog = bundled_foods()
    difference = (plan_totals(plans[second], catalog).average.total_ug
                  - plan_totals(plans[first], catalog).average.total_ug)
    assert round(difference, 2) != 0
    said = [m for m in texts(at, "markdown") if m.startswith("Difference:")]
    assert said == ["Difference: none, the others are compared with this one",
                    f"Difference: {difference:+.2f} µg vs {first}"]
