"""B12 intake planner: the functional core (no Streamlit, no network outside planner.fdc.client)."""
