"""Altair charts of a day's B12: contributions by food and by meal, against the target."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.totals import DayTotal


def contributions_frame(day: DayTotal) -> pd.DataFrame:
    rows = [{"meal": meal.name, "item": item.description, "b12_ug": round(item.counted_ug, 3), "source": item.source}
            for meal in day.meals for item in meal.items if item.counted_ug > 0]
    rows += [{"meal": meal.name, "item": meal.name, "b12_ug": round(meal.total_ug, 3), "source": "weekly dose ÷ 7"}
             for meal in day.meals if not meal.items and meal.total_ug > 0]
    return pd.DataFrame(rows, columns=["meal", "item", "b12_ug", "source"])


def by_food_chart(day: DayTotal) -> alt.Chart:
    data = contributions_frame(day)
    return alt.Chart(data, title="B12 by food (µg)").mark_bar().encode(
        x=alt.X("sum(b12_ug):Q", title="µg"),
        y=alt.Y("item:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("meal:N", title="Meal", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("item:N", title="Food"), alt.Tooltip("meal:N", title="Meal"),
                 alt.Tooltip("b12_ug:Q", title="B12 (µg)"), alt.Tooltip("source:N", title="Source")],
    ).properties(height=max(120, 28 * max(len(data), 1)))


def by_meal_chart(day: DayTotal, target_ug: float) -> alt.LayerChart:
    data = pd.DataFrame([{"meal": m.name, "b12_ug": round(m.total_ug, 3), "absorbed_ug": round(m.absorbed_ug, 3)}
                         for m in day.meals])
    bars = alt.Chart(data, title="B12 by meal (µg); dashed line: the daily target").mark_bar().encode(
        x=alt.X("meal:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("b12_ug:Q", title="µg"),
        tooltip=[alt.Tooltip("meal:N", title="Meal"), alt.Tooltip("b12_ug:Q", title="B12 (µg)"),
                 alt.Tooltip("absorbed_ug:Q", title="Absorbed, estimate (µg)")])
    rule = alt.Chart(pd.DataFrame({"target": [target_ug]})).mark_rule(color="#b03a2e", strokeDash=[4, 3]).encode(
        y="target:Q")
    return (bars + rule).properties(height=220)
