"""A day's B12 as bar charts made of plain HTML: each bar a list item whose label and µg are text.

Why not Vega-Lite: drawing two Vega charts held the browser's main thread for about 80 ms after
every change, so the new total painted late. These bars cost next to nothing to draw, reflow on a
390 px phone (labels wrap; no axis labels to drop), and read as a list to a screen reader.
The printable report keeps its own SVG charts (planner/export.py), which print reliably.

Foods only in "by food": a supplement's dose (a weekly 2,000 µg is 285.7 µg a day) would shrink
every food to nothing, so supplements are told in words beside the chart.
"""

from __future__ import annotations

import html
from functools import lru_cache

from planner.results import DayTotal

Bar = tuple[str, str, float]  # (label, meal, µg)
LABEL_CHARS = 48
CHART_CLASS = "b12-bars"
STYLE = f"""<style>
.{CHART_CLASS} {{margin: 0 !important; padding: 0 !important; list-style: none;
  color: #0e1117}}
.{CHART_CLASS} li {{margin: 0 0 .55rem 0 !important; padding: 0 !important; font-size: .9rem; line-height: 1.25}}
.{CHART_CLASS} .bar {{display: block; height: .8rem; margin-top: .15rem; background: #0b4f8a; border-radius: 2px;
  min-width: 1px}}
</style>"""


def short_label(description: str) -> str:
    """The food's name, its first segments only when long ("Milk, whole, 3.25% milkfat" …)."""
    if len(description) <= LABEL_CHARS:
        return description
    cut = description[:LABEL_CHARS].rsplit(",", 1)[0]
    return (cut if len(cut) >= 12 else description[:LABEL_CHARS - 1]) + "…"


def food_bars(day: DayTotal) -> tuple[Bar, ...]:
    """One bar per food that counts, largest first, labels told apart where two foods shorten alike."""
    rows = sorted(((short_label(item.description), meal.name, round(item.counted_ug, 3))
                   for meal in day.meals for item in meal.items if not item.supplement and item.counted_ug > 0),
                  key=lambda row: -row[2])
    seen: dict[str, int] = {}
    out = []
    for label, meal, ug in rows:
        seen[label] = seen.get(label, 0) + 1
        out.append((label if seen[label] == 1 else f"{label} ({seen[label]})", meal, ug))
    return tuple(out)


def meal_bars(day: DayTotal) -> tuple[Bar, ...]:
    """One bar per meal, in the day's order; weekly supplements count their daily share in their meal."""
    return tuple((meal.name, meal.name, round(meal.total_ug, 3)) for meal in day.meals)


@lru_cache(maxsize=512)
def bars_html(bars: tuple[Bar, ...], name: str, with_meal: bool) -> str:
    """The chart as a list: "label (meal) — 1.10 µg" above each bar. No target line: the day's target
    drawn across a meal's bar read as that meal meeting the day. Every text is escaped; `data-meal` and
    `data-ug` carry the numbers for tests and tools."""
    top = max([ug for _, _, ug in bars] + [1e-9])
    items = []
    for label, meal, ug in bars:
        text = f"{label} ({meal}) — {ug:,.2f} µg" if with_meal else f"{label} — {ug:,.2f} µg"
        items.append(f'<li data-meal="{html.escape(meal)}" data-ug="{ug:g}">{html.escape(text)}'
                     f'<span class="bar" style="width: {100 * ug / top:.1f}%" aria-hidden="true"></span></li>')
    return f'<ul class="{CHART_CLASS}" aria-label="{html.escape(name)}">{"".join(items)}</ul>{STYLE}'
