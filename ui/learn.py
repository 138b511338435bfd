"""Background on B12 for the person planning: who is at risk, what a clinician checks."""

from __future__ import annotations

import streamlit as st

LEARN_TEXT = """
**Why B12 matters.** Vitamin B12 (cobalamin) keeps nerves working and helps make red blood cells and DNA.
The body stores several years' worth, so a shortfall can take a long time to show.

**Who is at risk.** People who eat few or no animal foods (vegetarians and vegans); people over 50, many of
whom absorb the B12 in food poorly; people with pernicious anaemia (no intrinsic factor), stomach or bowel
surgery (for example bariatric surgery), Crohn's or coeliac disease; long-term users of metformin, acid-reducing
medicines (proton-pump inhibitors, H2 blockers); heavy alcohol use; nitrous oxide use, which inactivates B12;
and babies breastfed by mothers who lack B12.

**Signs of deficiency.** Tiredness, weakness, headaches, low mood, pale skin and a fast pulse (anaemia);
numbness or tingling, poor balance (nerve damage); memory problems. These have many causes.

**Tests a clinician may use.** A full blood count, serum B12, methylmalonic acid (MMA) and homocysteine.

**Treatment.** B12 by mouth or by injection, as a clinician decides; recovery of nerve symptoms can take
6–12 months.

**Where B12 comes from.** Animal foods (clams, liver, fish, meat, dairy, eggs), and fortified foods such as
breakfast cereals, plant milks, nutritional yeast and meat alternatives. Seaweed (nori), algae (spirulina),
tempeh and mushrooms are not reliable sources.
"""


def learn_ui() -> None:
    st.header("About vitamin B12")
    st.markdown(LEARN_TEXT)
    st.warning("This app plans intake from food composition data. It does not diagnose or treat anything: "
               "if you are worried about B12, talk to a doctor.")
