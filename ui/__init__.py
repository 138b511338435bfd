"""The Streamlit shell: session state and callbacks, the views (profile, day, plans, learn), messages, charts."""
