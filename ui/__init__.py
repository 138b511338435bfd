"""The Streamlit shell's helpers: session state and callbacks, table edits, charts, panels."""
