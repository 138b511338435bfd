"""The floor for bench/browser.py: one button and one number, so any Streamlit rerun's cost.

A click adds one to a counter shown in a metric, as the planner shows its total.
"""

import streamlit as st


def add_one() -> None:
    st.session_state["count"] += 1


st.session_state.setdefault("count", 0)
st.button("Add one", on_click=add_one)
st.metric("Count", st.session_state["count"])
