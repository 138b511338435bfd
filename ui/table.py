"""The day's items as table rows (an HTML table to read, grid rows to edit), and the grid's edits
as edits of the plan's items (planner.plan.edit_items applies them). Pure."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Collection, Mapping, Sequence

from planner.plan import UNCHANGED, ItemEdit, Plan, SupplementItem
from planner.results import DayTotal
from planner.wording import caveats_text, grams_text, measure_count, micrograms, said_amount

COLUMNS = ["Meal", "Item", "Amount", "Unit", "B12 (µg)", "Remove", "Source"]
AMOUNT_WORDS = "Amount in words"  # for the table to read; not one of the grid's COLUMNS
TABLE_CLASS, ITEMS_TABLE_CLASS = "b12-table", "b12-items"
TABLE_STYLE = f"""<style>
.{TABLE_CLASS} {{border-collapse: collapse; width: 100%; font-size: .9rem; color: #0e1117}}
.{TABLE_CLASS} th, .{TABLE_CLASS} td {{border-bottom: 1px solid #d5d7de; padding: .35rem .5rem;
  text-align: left; vertical-align: top}}
.{TABLE_CLASS} td.num {{text-align: right; white-space: nowrap}}
</style>"""


@dataclass(frozen=True)
class RowRef:
    meal: str
    index: int  # position within the meal


def amount_words(portion: str, amount: float) -> str:
    """An amount as said: "150 g", "1 cup", "2 × 1 slice" (portion "grams" for grams)."""
    return grams_text(amount) if portion == "grams" else measure_count(portion, amount)


def day_rows(plan: Plan, day_index: int, day_total: DayTotal) -> tuple[list[dict[str, Any]], list[RowRef]]:
    """One row per item with its µg and source; the refs say where each row lives in the plan."""
    rows: list[dict[str, Any]] = []
    refs: list[RowRef] = []
    meal_totals = {meal.name: meal for meal in day_total.meals}
    for meal in plan.days[day_index].meals:
        totals = meal_totals.get(meal.name)
        for index, item in enumerate(meal.items):
            line = totals.items[index] if totals else None
            amount: float | None
            if isinstance(item, SupplementItem):
                amount, unit = item.ug, f"µg, every {item.every.value}"
            elif item.portion is not None:
                amount, unit = item.count, f"× {item.portion}"
            else:
                amount, unit = item.grams, "g"
            b12 = None if line is None or line.b12_ug is None else round(line.b12_ug, 2)
            caveat = caveats_text(line.caveats) if line else None
            rows.append({
                "Meal": meal.name, "Item": line.description if line else getattr(item, "food", ""),
                "Amount": amount, "Unit": unit, AMOUNT_WORDS: said_amount(line) if line else "", "B12 (µg)": b12,
                "Source": (line.source + (f" — {caveat}" if caveat else "")) if line else "",
                "Remove": False,
            })
            refs.append(RowRef(meal.name, index))
    return rows, refs


def table_html(css_class: str, head: Sequence[str], rows: Sequence[Sequence[str]],
               numeric: Collection[int] = ()) -> str:
    """Text in rows as one HTML table, every cell escaped. Plain HTML draws far quicker than the
    data grid or a Markdown table, which the browser redraws or parses on every change."""
    header = "".join(f"<th>{html.escape(cell)}</th>" for cell in head)
    opening = ['<td class="num">' if column in numeric else "<td>" for column in range(len(head))]
    body = "".join("<tr>" + "".join(f"{opening[column]}{html.escape(cell)}</td>" for column, cell in enumerate(row))
                   + "</tr>" for row in rows)
    return (f'<table class="{TABLE_CLASS} {css_class}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
            f"{TABLE_STYLE}")


def items_table_html(rows: Sequence[Mapping[str, Any]]) -> str:
    """The day's items to read, each with its amount, µg and whole source (the grid cuts long ones)."""
    return table_html(ITEMS_TABLE_CLASS, ["Meal", "Item", "Amount", "B12", "Source (dataset and id)"], [
        [row["Meal"], row["Item"], row[AMOUNT_WORDS],
         "unknown" if row["B12 (µg)"] is None else micrograms(row["B12 (µg)"]), row["Source"]] for row in rows],
        numeric={3})


def grid_edits(refs: Sequence[RowRef], edited_rows: Mapping[int, Mapping[str, Any]]) -> list[ItemEdit]:
    """The grid's edited rows as edits of the plan's items (amount, meal, remove)."""
    edits = []
    for row_index, changes in edited_rows.items():
        row = int(row_index)
        if 0 <= row < len(refs):
            ref = refs[row]
            edits.append(ItemEdit(ref.meal, ref.index, changes["Amount"] if "Amount" in changes else UNCHANGED,
                                  changes.get("Meal"), bool(changes.get("Remove"))))
    return edits
