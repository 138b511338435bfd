"""The day's items and the suggested sources as lines to read (each drawn beside its own button), the
items as grid rows to edit, and the grid's edits as edits of the plan's items (planner.plan.edit_items
applies them). Pure."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Collection, Mapping, Sequence

from planner.plan import UNCHANGED, ItemEdit
from planner.results import DayTotal, Source
from planner.units import as_shown
from planner.wording import (
    DAY_TOTAL_LABEL,
    caveats_text,
    grams_text,
    intake_amount,
    measure_count,
    micrograms,
    said_amount,
)

COLUMNS = ["Meal", "Item", "Amount", "Unit", "B12 (µg)"]  # the grid's: amounts and meals, read at a glance
AMOUNT_WORDS = "Amount in words"  # for the table to read; not one of the grid's COLUMNS
LISTED_ON = "Listed on"  # the day a weekly dose shown here is listed (and removed) on; None for the day's own
TABLE_CLASS = "b12-table"
LINE_CLASS, ITEMS_ROW_CLASS, SOURCES_ROW_CLASS = "b12-line", "b12-items", "b12-sources"
ITEM_HEAD = ["Meal", "Item", "Amount", "B12 counted", "Source (dataset and id)"]
SOURCE_HEAD = ["Food", "Serving", "B12", "Of the target", "USDA value and source"]
HEAD_ROW, TOTAL_ROW = "head", "total"
LINE_BUTTON_PX = 176  # a line's button, beside it: the header and total lines leave its room (and the gap)
TABLE_STYLE = f"""<style>
.{TABLE_CLASS} {{border-collapse: collapse; width: 100%; font-size: .9rem; color: #0e1117}}
.{TABLE_CLASS} th, .{TABLE_CLASS} td {{border-bottom: 1px solid #d5d7de; padding: .35rem .5rem;
  text-align: left; vertical-align: top}}
.{TABLE_CLASS} td.num {{text-align: right; white-space: nowrap}}
</style>"""
LINES_STYLE = f"""<style>
.{LINE_CLASS} {{display: grid; gap: .2rem .75rem; font-size: .9rem; color: #0e1117;
  border-bottom: 1px solid #d5d7de; padding-bottom: .35rem}}
.{ITEMS_ROW_CLASS} {{grid-template-columns: 5.5rem minmax(0, 2fr) minmax(0, 1.3fr) 6.5rem minmax(0, 2fr)}}
.{SOURCES_ROW_CLASS} {{grid-template-columns: minmax(0, 2fr) minmax(0, 1.3fr) 5.5rem 4.5rem minmax(0, 2fr)}}
.{LINE_CLASS} > div {{overflow-wrap: anywhere}}
.{LINE_CLASS} .num {{text-align: right; white-space: nowrap}}
.{LINE_CLASS}.{HEAD_ROW}, .{LINE_CLASS}.{TOTAL_ROW} {{font-weight: 600; margin-right: calc({LINE_BUTTON_PX}px + 1rem)}}
@media (max-width: 640px) {{.{LINE_CLASS} {{grid-template-columns: minmax(0, 1fr) minmax(0, 1fr)}}
  .{LINE_CLASS}.{HEAD_ROW} {{display: none}} .{LINE_CLASS}.{TOTAL_ROW} {{margin-right: 0}}}}
</style>"""


@dataclass(frozen=True)
class RowRef:
    meal: str
    index: int  # position within the meal


def amount_words(portion: str, amount: float) -> str:
    """An amount as said: "150 g", "1 cup", "2 × 1 slice" (portion "grams" for grams)."""
    return grams_text(amount) if portion == "grams" else measure_count(portion, amount)


def day_rows(day: DayTotal) -> tuple[list[dict[str, Any]], list[RowRef | None]]:
    """One row per item of the day's totals, with the µg it counts (a weekly dose its daily share, a food
    that does not count 0), so the rows add up to the day's total. A ref says where a row lives in the
    plan; None for a weekly supplement listed on another day (shown, counted, edited on its own day)."""
    rows: list[dict[str, Any]] = []
    refs: list[RowRef | None] = []
    for meal in day.meals:
        for index, item in enumerate(meal.items):
            amount: float | None
            if item.every is not None:
                amount, unit = item.b12_ug, f"µg, every {item.every.value}"
            elif item.portion is not None:
                amount, unit = item.count, f"× {item.portion}"
            else:
                amount, unit = item.grams, "g"
            caveat = caveats_text(item.caveats)
            rows.append({
                "Meal": meal.name, "Item": item.description, "Amount": amount, "Unit": unit,
                AMOUNT_WORDS: said_amount(item), "B12 (µg)": None if item.b12_ug is None else as_shown(item.counted_ug),
                "Source": item.source + (f" — {caveat}" if caveat else ""), LISTED_ON: item.listed_on,
            })
            refs.append(None if item.listed_on else RowRef(meal.name, index))
    return rows, refs


def editable_rows(rows: Sequence[dict[str, Any]], refs: Sequence[RowRef | None]
                  ) -> tuple[list[dict[str, Any]], list[RowRef]]:
    """The rows the grid edits: the day's own items (a weekly supplement listed on another day is edited there)."""
    kept = [(row, ref) for row, ref in zip(rows, refs, strict=True) if ref is not None]
    return [row for row, _ in kept], [ref for _, ref in kept]


def table_html(css_class: str, head: Sequence[str], rows: Sequence[Sequence[str]],
               numeric: Collection[int] = ()) -> str:
    """Text in rows as one HTML table, every cell escaped. Plain HTML draws far quicker than the
    data grid or a Markdown table, which the browser redraws or parses on every change."""
    header = "".join(f"<th>{html.escape(cell)}</th>" for cell in head)
    opening = ['<td class="num">' if column in numeric else "<td>" for column in range(len(head))]
    body = "".join("<tr>" + "".join(f"{opening[column]}{html.escape(cell)}</td>" for column, cell in enumerate(row))
                   + "</tr>" for row in rows)
    return f'<table class="{TABLE_CLASS} {css_class}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'


def item_cells(row: Mapping[str, Any]) -> list[str]:
    """A row of the day's items to read: its amount in words, the µg it counts and its whole source."""
    ug = row["B12 (µg)"]
    return [row["Meal"], row["Item"], row[AMOUNT_WORDS], "unknown" if ug is None else micrograms(ug), row["Source"]]


def total_cells(day: DayTotal) -> list[str]:
    """The last row: the day's total, the same figure as the summary above."""
    return ["", DAY_TOTAL_LABEL, "", intake_amount(day.total_ug, day.unknown_items), ""]


def source_cells(source: Source, share_of_target: float) -> list[str]:
    """A suggested source's line: its serving, µg, share of the target (%) and its USDA origin."""
    food = source.food
    flags = [word for word, on in (("fortified", food.fortified), ("check the label", food.check_label)) if on]
    notes = ", ".join(flags + ([f"+{source.more_like_this} more like this"] if source.more_like_this else []))
    kcal = "" if source.kcal_per_serving is None else f", {source.kcal_per_serving:.0f} kcal"
    caveat = caveats_text(source.caveats)
    return [f"{food.description}{f' ({notes})' if notes else ''}", f"{source.serving.label}{kcal}",
            micrograms(source.b12_ug_per_serving), f"{share_of_target:.0f} %",
            f"{food.b12_ug_per_100g:g} µg/100 g, {food.source}" + (f"; {caveat}" if caveat else "")]


def line_html(css_class: str, cells: Sequence[str], numeric: Collection[int], kind: str = "") -> str:
    """One line of a list drawn line by line (each beside its own button), every cell escaped. A grid of
    fixed columns per list (LINES_STYLE), so its lines line up as a table and wrap instead of scrolling
    sideways."""
    body = "".join(f'<div class="num">{html.escape(cell)}</div>' if column in numeric
                   else f"<div>{html.escape(cell)}</div>" for column, cell in enumerate(cells))
    return f'<div class="{LINE_CLASS} {css_class} {kind}">{body}</div>'


def grid_edits(refs: Sequence[RowRef], edited_rows: Mapping[int, Mapping[str, Any]]) -> list[ItemEdit]:
    """The grid's edited rows as edits of the plan's items (amount, meal)."""
    edits = []
    for row_index, changes in edited_rows.items():
        row = int(row_index)
        if 0 <= row < len(refs):
            ref = refs[row]
            edits.append(ItemEdit(ref.meal, ref.index, changes["Amount"] if "Amount" in changes else UNCHANGED,
                                  changes.get("Meal")))
    return edits
