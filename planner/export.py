"""Exports a dietitian can hand over: the plan file, a CSV of every item, and a self-contained
printable HTML report (inline SVG charts and print CSS; no CDN, no scripts). Pure: returns
text or bytes; `export_file` is the one source of the bytes the app and the CLI hand out."""

from __future__ import annotations

import csv
import html
import io
import json
import unicodedata
from datetime import date
from enum import Enum
from typing import Iterable, Sequence

from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.fndds import FNDDS_CITATION
from planner.handout import handout_title
from planner.jsonshapes import plan_json
from planner.plan import Plan
from planner.plancheck import MAX_FILE_BYTES
from planner.planfile import plan_to_json
from planner.results import PlanTotals, Suggestions
from planner.snapshot import SR_CITATION, FoodCatalog
from planner.totals import plan_totals
from planner.wording import (
    DAY_TOTAL_LABEL,
    REPORT_DISCLAIMER,
    addition_text,
    day_verdict_text,
    empty_day_text,
    goal_basis_text,
    intake_amount,
    intake_text,
    item_amount,
    item_notes,
    micrograms,
    note_text,
    sentence,
    unknown_items_text,
)

# OWASP's CSV-injection starts, plus a line feed (a quoted cell may begin with one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FDC_CITATION = ("U.S. Department of Agriculture, Agricultural Research Service. FoodData Central; "
                f"{SR_CITATION}, National Nutrient Database for Standard Reference; "
                f"{FNDDS_CITATION}, Food and Nutrient Database for Dietary Studies. Public domain.")
CSV_COLUMNS = ["day", "meal", "item", "amount", "grams", "b12_ug", "counted_ug", "absorbed_ug", "verdict", "source",
               "note"]
HANDOUT_COLUMNS = ("client", "prepared")  # a hand-out's CSV: after the plan's columns, on every row
DAY_TOTAL = "day total"  # the meal column of each day's total row


FORMULA_SIGNS = FORMULA_START[:4]  # "=", "+", "-", "@": what a formula starts with once spaces are trimmed


def _formula_like(cell: str) -> bool:
    """A formula start first, or after leading whitespace or invisible characters of any kind (a
    spreadsheet may trim " =1+1" or a no-break space), in any width ("＝" is "=" under NFKC)."""
    if cell.startswith(FORMULA_START):
        return True
    first = next((char for char in cell if not char.isspace() and unicodedata.category(char) != "Cf"), "")
    return unicodedata.normalize("NFKC", first)[:1] in FORMULA_SIGNS


def neutralise(cell: object) -> object:
    """Stop a spreadsheet from running a cell as a formula (=, +, -, @ …)."""
    if isinstance(cell, str) and _formula_like(cell):
        return "'" + cell
    return cell


def plan_csv(totals: PlanTotals, client: str | None = None, prepared: date | None = None) -> str:
    """One row per item, then one total row per day, each value in its own column; µg throughout,
    with each number's source. A hand-out (`prepared` given) appends "client" and "prepared" to every
    row, after the plan's columns: a spreadsheet still reads one table, a script reading columns by
    position still works, and several clients' files pasted together can be filtered by client."""
    out = io.StringIO()
    # RFC 4180 line ends: the csv module quotes a field holding any character of the line
    # terminator, so with "\r\n" a lone CR is quoted too (with "\n" it was not, and a spreadsheet
    # read a new row there).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    stamp = () if prepared is None else (neutralise(client or ""), prepared.isoformat())
    writer.writerow([*CSV_COLUMNS, *(HANDOUT_COLUMNS if stamp else ())])
    goal = totals.absorption_goal_ug
    for day in totals.days:
        for meal in day.meals:
            for item in meal.items:
                writer.writerow([neutralise(v) for v in (
                    day.label, meal.name, item.description, item_amount(item),
                    "" if item.grams is None else round(item.grams, 1),
                    "" if item.b12_ug is None else round(item.b12_ug, 3),
                    round(item.counted_ug, 3), "", "", item.source, item_notes(item))] + [*stamp])
        writer.writerow([neutralise(v) for v in (
            day.label, DAY_TOTAL, "", "", "", "", round(day.total_ug, 3), round(day.absorbed_ug, 3),
            day_verdict_text(day, totals.target, goal), "",
            unknown_items_text(day.unknown_items))] + [*stamp])
    return out.getvalue()


# ---- SVG charts ------------------------------------------------------------------------

LABEL_CHARS = 90  # a bar's label sits on its own line above the bar, across the chart


def _distinct_labels(labels: Sequence[str]) -> list[str]:
    """Labels a reader can tell apart: long ones shortened, repeats numbered."""
    shortened = [label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…" for label in labels]
    seen: dict[str, int] = {}
    out = []
    for label in shortened:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def bar_chart_svg(rows: Sequence[tuple[str, float]], title: str, marker: float | None = None,
                  marker_label: str = "", unit: str = "µg", width: int = 640) -> str:
    """Horizontal bars, each labelled in full on the line above it, with values; an optional dashed
    marker line, only where each bar is a whole day (the daily target across a meal's bar read as that
    meal meeting the day)."""
    label_h, bar_h, gap, right = 14, 14, 8, 80
    row_h = label_h + bar_h + gap
    height = 28 + len(rows) * row_h + 18
    top = max([v for _, v in rows] + [marker or 0.0, 1e-9])
    scale = (width - right) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {width} {height}" '
             f'preserveAspectRatio="xMinYMin meet" aria-label="{html.escape(title)}">',
             f'<text x="0" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for index, (label, (_, value)) in enumerate(zip(_distinct_labels([r[0] for r in rows]), rows, strict=True)):
        y = 28 + index * row_h
        parts.append(f'<text x="0" y="{y + 11}" font-size="11">{html.escape(label)}</text>')
        parts.append(f'<rect x="0" y="{y + label_h}" width="{max(value * scale, 0):.1f}" height="{bar_h}" '
                     'fill="#2f6b8a"/>')
        parts.append(f'<text x="{value * scale + 4:.1f}" y="{y + label_h + 11}" font-size="11">'
                     f'{value:,.2f} {unit}</text>')
    if marker is not None:
        x = marker * scale
        parts.append(f'<line x1="{x:.1f}" y1="24" x2="{x:.1f}" y2="{height - 16}" stroke="#a4322a" '
                     'stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" font-size="11" fill="#a4322a" text-anchor="middle">'
                     f'{html.escape(marker_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---- HTML report ---------------------------------------------------------------------------

REPORT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2327; margin: 2rem; \
max-width: 60rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ccd; \
padding-bottom: .2rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #ccd; padding: .25rem .45rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.disclaimer { background: #fff6d6; border: 1px solid #e5c55a; padding: .6rem .8rem; }
.muted { color: #555; font-size: .85rem; }
.status, tr.total td { font-weight: 600; }
svg { max-width: 40rem; display: block; margin: .5rem 0; }
@page { size: auto; margin: 10mm 12mm; }
@media print {
  /* One printed page (A4 or Letter) for a day of up to 8 items: small type, tight tables, small
     charts, notes run on as one compact list; nothing forces a page break. */
  body { margin: 0; max-width: none; font-size: 8.5pt; line-height: 1.25; }
  h1 { font-size: 13pt; margin: 0 0 .1rem; } h2 { font-size: 10pt; margin: .45rem 0 .15rem; padding-bottom: 0; }
  p { margin: .15rem 0; } .muted { font-size: 7.5pt; }
  .disclaimer { padding: .2rem .4rem; font-size: 7.5pt; }
  table { margin: .15rem 0; font-size: 7.5pt; } th, td { padding: 0 .25rem; }
  table.profile, table.profile tbody { display: block; border: 0; }  /* the profile runs on as one paragraph */
  table.profile tr { display: inline; } table.profile th, table.profile td { display: inline; border: 0; padding: 0; }
  table.profile th::after { content: ": "; } table.profile td::after { content: ";  "; }
  svg.sources { display: none; }  /* on paper the additions table says it; the chart stays on screen */
  svg { max-width: 22rem; max-height: 6.5rem; margin: .1rem 0; }
  ul.notes { margin: .1rem 0; padding-left: 1rem; font-size: 7.5pt; }
  ul.notes li { margin: 0; }
  h1, h2 { break-after: avoid; page-break-before: auto; }
  tr, li, svg, .disclaimer { break-inside: avoid; }  /* tables may break between rows: no half-empty pages */
  thead { display: table-header-group; }
}
"""


def cell_html(value: object, numeric: bool = False) -> str:
    return f'<td class="num">{html.escape(str(value))}</td>' if numeric else f"<td>{html.escape(str(value))}</td>"


def _profile_rows(plan: Plan) -> Iterable[tuple[str, str]]:
    profile = plan.profile
    age = f"{profile.age_months} months" if profile.infant else f"{profile.age_years} years"
    state = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "—"
    yield "Age", age
    yield "Sex", profile.sex.value
    yield "Pregnancy / lactation", state
    yield "Diet", profile.diet.value
    yield "Reference standard", profile.standard.name
    yield "B12 absorption", {"normal": "normal", "food_bound": "poor from food (food-bound malabsorption)",
                             "no_intrinsic_factor": "no intrinsic factor"}[profile.absorption.value]
    yield "Excluded words", ", ".join(profile.exclude) or "—"
    yield "Supplements allowed", "yes" if profile.supplements_allowed else "no"


def has_gap(suggestions: Suggestions | None) -> bool:
    """Whether the report has additions to suggest: none when the day already meets the target and
    the absorption goal ("Nothing to add")."""
    return suggestions is not None and bool(suggestions.plan)


def report_html(plan: Plan, totals: PlanTotals, suggestions: Suggestions | None = None,
                generated: date | None = None, client: str | None = None) -> str:
    """A printable report with profile, target, every item with its USDA source, totals and charts;
    titled with the client's name (when there is one) and the day it is made."""
    target = totals.target
    generated = generated or date.today()
    title = handout_title(plan.name, client, generated)
    out: list[str] = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>", f"<style>{REPORT_CSS}</style></head><body>",
        f"<header><h1>{html.escape(title)}</h1>",
        f'<p class="muted">Prepared {generated.isoformat()} with the B12 intake planner.</p>',
        f'<p class="disclaimer">{html.escape(REPORT_DISCLAIMER)}</p></header><main>',
        '<h2>Profile</h2><table class="profile">',
        *(f"<tr><th>{html.escape(k)}</th>{cell_html(v)}</tr>" for k, v in _profile_rows(plan)), "</table>",
        "<h2>Target</h2><table>",
        f"<tr><th>Life stage</th>{cell_html(target.life_stage)}</tr>",
        f"<tr><th>Target</th>{cell_html(f'{target.target_ug:g} µg/day ({target.kind.value})')}</tr>",
        f"<tr><th>Average requirement (EAR)</th>"
        f"{cell_html('—' if target.ear_ug is None else f'{target.ear_ug:g} µg/day')}</tr>",
        f"<tr><th>Source</th>{cell_html(target.source)}</tr>", "</table>",
    ]
    average = totals.average
    out += ["<h2>Summary</h2><table>",
            "<tr><th>Day</th><th class='num'>Intake</th><th class='num'>Absorbed (estimate)</th><th>Status</th></tr>"]
    goal = totals.absorption_goal_ug
    for day in totals.days:
        verdict = day_verdict_text(day, target, goal)
        out.append(f"<tr>{cell_html(day.label)}{cell_html(intake_text(day.total_ug, day.unknown_items), True)}"
                   f"{cell_html(micrograms(day.absorbed_ug), True)}"
                   f'<td class="status">{html.escape(verdict)}</td></tr>')
    verdict = day_verdict_text(average, target, goal)
    out.append(f"<tr><th>Average</th>{cell_html(intake_text(average.total_ug, average.unknown_items), True)}"
               f"{cell_html(micrograms(average.absorbed_ug), True)}"
               f'<td class="status">{html.escape(verdict)}</td></tr></table>')
    out.append(f'<p class="muted">{html.escape(sentence(goal_basis_text(totals.goal)))}</p>')
    warnings = [note_text(w) for day in totals.days for w in day.warnings]
    if warnings:
        out.append("<h2>Safety warnings</h2><ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in warnings) + "</ul>")
    for day in totals.days:
        out.append(f"<h2>{html.escape(day.label)}</h2>")
        meal_rows = [(meal.name, meal.total_ug) for meal in day.meals]
        if meal_rows:
            out.append(bar_chart_svg(meal_rows, f"B12 by meal, {day.label} (the day: "
                                                f"{micrograms(day.total_ug)} of {target.target_ug:g} µg)"))
        if day.empty:
            out.append(f"<p>{html.escape(empty_day_text(day))}</p>")
        out.append("<table><thead><tr><th>Meal</th><th>Item</th><th>Amount</th>"
                   "<th class='num'>B12 counted</th><th>Source (dataset and id)</th></tr></thead><tbody>")
        for meal in day.meals:
            for item in meal.items:
                b12 = "unknown" if item.b12_ug is None else micrograms(item.counted_ug)
                notes = item_notes(item)
                out.append(f"<tr>{cell_html(meal.name)}{cell_html(item.description + (f' ({notes})' if notes else ''))}"
                           f"{cell_html(item_amount(item))}{cell_html(b12, True)}{cell_html(item.source)}</tr>")
        out.append(f"<tr><th></th><th>{DAY_TOTAL_LABEL}</th><th></th>"
                   f"{cell_html(intake_amount(day.total_ug, day.unknown_items), True)}<th></th></tr>")
        out.append("</tbody></table>")
    if suggestions is not None and has_gap(suggestions):
        out.append("<h2>Suggested additions</h2>")
        if suggestions.plan:
            out.append("<table><tr><th>Meal</th><th>Addition</th><th class='num'>B12</th></tr>")
            for addition in suggestions.plan:
                out.append(f"<tr>{cell_html(addition.meal)}{cell_html(addition_text(addition))}"
                           f"{cell_html(micrograms(addition.b12_ug), True)}</tr>")
            out.append("</table>")
        if suggestions.sources:
            top = [(s.food.description, s.b12_ug_per_serving) for s in suggestions.sources[:8]]
            chart = bar_chart_svg(top, "Top sources, µg per typical serving")
            out.append(chart.replace("<svg ", '<svg class="sources" ', 1))
    out.append('<h2>Notes</h2><ul class="notes">')
    out += [f"<li>{html.escape(note_text(note))}</li>" for note in totals.notes]
    if suggestions is not None:
        out += [f"<li>{html.escape(note_text(note))}</li>" for note in suggestions.notes if note not in totals.notes]
    out.append("</ul>")
    out.append(f'</main><footer><p class="muted">Data: {html.escape(FDC_CITATION)}</p></footer></body></html>')
    return "\n".join(out) + "\n"


# ---- the downloads ---------------------------------------------------------------------------

class ExportFormat(str, Enum):
    JSON = "json"
    CSV = "csv"
    HTML = "html"


EXPORT_MIME = {ExportFormat.JSON: "application/json", ExportFormat.CSV: "text/csv", ExportFormat.HTML: "text/html"}


def plan_file_for(plan: Plan, client: str | None) -> str:
    """The plan file, with the client's name as an optional top-level "client" when there is one
    (readers of version 1 ignore it; plancheck checks it is text)."""
    if not client:
        return plan_to_json(plan)
    document = plan_json(plan)
    document = {"version": document["version"], "name": document["name"], "client": client,
                **{k: v for k, v in document.items() if k not in ("version", "name")}}
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return text if len(text.encode("utf-8")) <= MAX_FILE_BYTES else plan_to_json(plan)


def export_file(plan: Plan, catalog: FoodCatalog, kind: ExportFormat, day_index: int = 0,
                generated: date | None = None, client: str | None = None) -> bytes:
    """One download as UTF-8 bytes: the same for the app's buttons and `python -m planner export`.

    The report's suggestions are for the day at `day_index` (the day the app shows), drawn from
    the bundled foods, as the app's "What to add" panel draws them. The client's name (when there
    is one) and the day (`generated`; the caller passes date.today()) name the hand-out.
    """
    generated = generated or date.today()
    if kind is ExportFormat.JSON:
        return plan_file_for(plan, client).encode("utf-8")
    totals = plan_totals(plan, catalog)
    if kind is ExportFormat.CSV:
        return plan_csv(totals, client, generated).encode("utf-8")
    suggestions = suggest(plan.profile, catalog.values(), CurrentDay.from_day(totals.days[day_index]),
                          bundled_search_index())
    return report_html(plan, totals, suggestions, generated, client).encode("utf-8")
