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
    # Biggest contributor first. No chart title and the default legend: with a title or a bottom
    # legend inside a short fixed height, Streamlit's Vega squeezes the bars to nothing.
    order = data.groupby("item")["b12_ug"].sum().sort_values(ascending=False).index.tolist()
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("b12_ug:Q", title="µg"),
        y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
        color=alt.Color("meal:N", title="Meal"),
        tooltip=[alt.Tooltip("item:N", title="Food"), alt.Tooltip("meal:N", title="Meal"),
                 alt.Tooltip("b12_ug:Q", title="B12 (µg)"), alt.Tooltip("source:N", title="Source")],
    ).properties(height=max(140, 44 * len(order)))


def by_meal_chart(day: DayTotal, target_ug: float) -> alt.LayerChart:
    data = pd.DataFrame([{"meal": m.name, "b12_ug": round(m.total_ug, 3), "absorbed_ug": round(m.absorbed_ug, 3)}
                         for m in day.meals])
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("meal:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("b12_ug:Q", title="µg"),
        tooltip=[alt.Tooltip("meal:N", title="Meal"), alt.Tooltip("b12_ug:Q", title="B12 (µg)"),
                 alt.Tooltip("absorbed_ug:Q", title="Absorbed, estimate (µg)")])
    rule = alt.Chart(pd.DataFrame({"target": [target_ug]})).mark_rule(color="#b03a2e", strokeDash=[4, 3]).encode(
        y="target:Q")
    return (bars + rule).properties(height=220)
