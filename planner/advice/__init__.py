"""Advice a dietitian would show a client: sources and a day plan that close a B12 gap.

By job: `eligibility` (which foods may be offered to this person, and their servings),
`staples` (the everyday foods of each diet), `ranking` (what may be offered, best first; per
person, not per day), `supplements` (which doses, and when), `dayplan` (the greedy day plan)
and `suggest` (the whole answer for one day). Pure functions over food records.
"""
