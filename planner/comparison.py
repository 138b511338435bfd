"""A printable comparison of 2–4 scenarios for one person: each scenario's day total (or average
over its days), its verdict, and the difference against the first scenario in µg. Pure: numbers
from the typed totals, words from wording, the day passed in."""

from __future__ import annotations

import html
from datetime import date
from typing import Sequence

from planner.export import FDC_CITATION, REPORT_CSS, bar_chart_svg, cell_html
from planner.handout import comparison_title
from planner.plan import Plan
from planner.results import PlanTotals
from planner.wording import (
    DAY_TOTAL_LABEL,
    REPORT_DISCLAIMER,
    day_verdict_text,
    difference_text,
    intake_amount,
    intake_text,
    item_amount,
    micrograms,
)

MIN_SCENARIOS, MAX_SCENARIOS = 2, 4
SCENARIO_COLUMNS = ("Day", "Meal", "Item", "Amount", "B12 counted", "Source")
COUNTED_COLUMN = "B12 counted"  # the one column of numbers, set right
SCENARIO_HEAD = "".join(f"<th class='num'>{name}</th>" if name == COUNTED_COLUMN else f"<th>{name}</th>"
                        for name in SCENARIO_COLUMNS)  # the same for every scenario's items table


def differences_from_first(scenarios: Sequence[tuple[Plan, PlanTotals]]) -> list[str | None]:
    """Each scenario's B12 a day (its average over its days) against the first's, in words; None for
    the first itself. The page and the printable comparison both say these."""
    return [None if index == 0 else difference_text(totals.average.total_ug - scenarios[0][1].average.total_ug,
                                                    scenarios[0][0].name)
            for index, (_, totals) in enumerate(scenarios)]


def scenario_rows(totals: PlanTotals) -> list[tuple[str, str, str, str, str, str]]:
    """A scenario's items as text, in SCENARIO_COLUMNS: the µg each counts ("unknown" without a value)
    and its source; each day's items end with its total, the figure its summary gives."""
    rows = []
    for day in totals.days:
        rows += [(day.label, meal.name, item.description, item_amount(item),
                  "unknown" if item.b12_ug is None else micrograms(item.counted_ug), item.source)
                 for meal in day.meals for item in meal.items]
        rows.append((day.label, "", DAY_TOTAL_LABEL, "", intake_amount(day.total_ug, day.unknown_items), ""))
    return rows


def is_day_total(row: Sequence[str]) -> bool:
    """A day's total row of scenario_rows: no meal (every item has one) and the total's label."""
    return row[SCENARIO_COLUMNS.index("Meal")] == "" and row[SCENARIO_COLUMNS.index("Item")] == DAY_TOTAL_LABEL


def comparison_report_html(scenarios: Sequence[tuple[Plan, PlanTotals]], today: date,
                           client: str | None = None) -> str:
    """The hand-out of scenarios side by side: one summary table with the difference line, then
    each scenario's items in brief, each with its source (dataset and id), as on the page."""
    if not MIN_SCENARIOS <= len(scenarios) <= MAX_SCENARIOS:
        raise ValueError(f"a comparison takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenarios, not {len(scenarios)}")
    title = comparison_title(client, today)
    target = scenarios[0][1].target
    differences = differences_from_first(scenarios)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>", f"<style>{REPORT_CSS}</style></head><body>",
           f"<header><h1>{html.escape(title)}</h1>",
           f'<p class="muted">Prepared {today.isoformat()} with the B12 intake planner. Target '
           f'{target.target_ug:g} µg/day ({html.escape(target.kind.value)}, {html.escape(target.life_stage)}).</p>',
           f'<p class="disclaimer">{html.escape(REPORT_DISCLAIMER)}</p></header><main>',
           "<h2>Scenarios</h2><table><thead><tr><th>Scenario</th><th class='num'>B12 a day</th>"
           "<th class='num'>Absorbed (estimate)</th><th>Status</th><th class='num'>Difference</th></tr></thead><tbody>"]
    for (plan, totals), difference in zip(scenarios, differences, strict=True):
        average = totals.average
        label = plan.name if len(totals.days) == 1 else f"{plan.name} (average of {len(totals.days)} days)"
        verdict = day_verdict_text(average, totals.target, totals.absorption_goal_ug)
        out.append(f"<tr>{cell_html(label)}{cell_html(intake_text(average.total_ug, average.unknown_items), True)}"
                   f"{cell_html(micrograms(average.absorbed_ug), True)}"
                   f'<td class="status">{html.escape(verdict)}</td>{cell_html(difference or "—", True)}</tr>')
    out.append("</tbody></table>")
    out.append(bar_chart_svg([(plan.name, totals.average.total_ug) for plan, totals in scenarios],
                             "B12 a day, by scenario", marker=target.target_ug,
                             marker_label=f"target {target.target_ug:g} µg"))
    for plan, totals in scenarios:
        out.append(f"<h2>{html.escape(plan.name)}</h2><table><thead><tr>{SCENARIO_HEAD}</tr></thead><tbody>")
        for row in scenario_rows(totals):
            cells = "".join(cell_html(text, name == COUNTED_COLUMN)
                            for name, text in zip(SCENARIO_COLUMNS, row, strict=True))
            out.append(f'<tr class="total">{cells}</tr>' if is_day_total(row) else f"<tr>{cells}</tr>")
        out.append("</tbody></table>")
    out.append(f'</main><footer><p class="muted">Data: {html.escape(FDC_CITATION)}</p></footer></body></html>')
    return "\n".join(out) + "\n"
