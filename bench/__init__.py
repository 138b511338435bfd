"""Benchmarks: run each from the project folder as a module, e.g. `python -m bench.search`."""
