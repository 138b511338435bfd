"""B12 intake planner: Streamlit entry point (the thin shell over `planner`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.catalog import bundled_search_index
from planner.errors import PlannerError
from planner.food import DietMode, Food
from planner.snapshot import SR24_YEAR, bundled_foods

st.set_page_config(page_title="B12 intake planner", page_icon="🥛", layout="wide")


@st.cache_resource
def search_index():
    """Built once per server process, shared by every session (read-only)."""
    return bundled_search_index()


def b12_text(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f} µg"


def food_rows(foods: list[Food]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Food": food.description,
        "B12 per 100 g": b12_text(food.b12_ug_per_100g),
        "Diet": food.diet.value,
        "Fortified": "yes" if food.fortified else "",
        "Source": food.source,
    } for food in foods])


st.title("Vitamin B12 intake planner")
st.caption(f"Food data: USDA National Nutrient Database SR24 ({SR24_YEAR}), bundled — "
           f"{len(bundled_foods()):,} foods. Educational planner, not a diagnosis.")

with st.form("food_search"):
    query = st.text_input("Search foods", placeholder="e.g. beef liver, soymilk, cheddar")
    diet_choice = st.selectbox("Diet", ["any"] + [m.value for m in DietMode])
    submitted = st.form_submit_button("Search")

if submitted:
    try:
        diet = None if diet_choice == "any" else DietMode(diet_choice)
        results = search_index().search(query, diet=diet, limit=25)
    except PlannerError as error:
        st.warning(str(error))
    else:
        if results:
            st.dataframe(food_rows(results), hide_index=True, width="stretch")
        else:
            st.info("No food matches every word of that search.")
