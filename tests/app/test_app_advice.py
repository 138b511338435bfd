"""The page with advice round 2's profile choices: a weakened immune system warns about the foods
at risk, metformin's note shows only when ticked, and without intrinsic factor the page gives the
clinical verdict, never "Meets"."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.profile import Absorption
from planner.results import Clinical
from planner.wording import CLINICAL_SHORT, CLINICAL_VERDICTS
from tests.support.apptest import every_panel_text, rendered_text, search_and_add, show_panel, whole_page
from ui.details import DETAIL_PANELS
from ui.session import Key, Session
from ui.text import plain


def _page_text(at: AppTest) -> str:
    return rendered_text(whole_page(at)) + every_panel_text(at)


def test_a_weakened_immune_system_warns_about_queso_fresco(at):
    search_and_add(at, "queso fresco")
    assert "Listeria" not in _page_text(at)
    whole_page(at).sidebar.checkbox(key=Key.IMMUNOCOMPROMISED).check().run()
    assert not at.exception and Session(at.session_state).plan.profile.immunocompromised
    text = _page_text(at)
    assert "queso fresco" in text.lower() and "a weakened immune system" in text and "Listeria" in text


def test_metformin_is_noted_only_when_ticked(at):
    assert "metformin lowers" not in _page_text(at)
    whole_page(at).sidebar.checkbox(key=Key.METFORMIN).check().run()
    assert not at.exception and Session(at.session_state).plan.profile.metformin
    assert "metformin lowers" in _page_text(at)


def test_without_intrinsic_factor_the_page_never_says_meets(at):
    whole_page(at).sidebar.selectbox(key=Key.ABSORPTION).set_value(Absorption.NO_INTRINSIC_FACTOR.value).run()
    search_and_add(at, "clams cooked")  # 84 µg: far above the target by intake
    page = whole_page(at)
    (target,) = [m for m in page.metric if m.label == "Target"]
    assert target.proto.delta == CLINICAL_SHORT[Clinical.NEEDS_CLINICIAN]
    assert [e.value for e in page.error] == [plain(CLINICAL_VERDICTS[Clinical.NEEDS_CLINICIAN])]
    assert "Meets the" not in _page_text(at)


def test_what_to_add_gives_the_answer_first_and_folds_the_rules(at):
    """A two-year-old vegan has several rules ("Not offered", the Vegan Society's ways): they sit in one
    expander below the plan and the sources, not in boxes before them."""
    at.session_state[Key.DIETITIAN] = False
    whole_page(at).number_input(key=Key.AGE).set_value(2).run()
    whole_page(at).selectbox(key=Key.DIET).set_value("vegan").run()
    search_and_add(at, "apple")  # a day with something in it: no "nothing planned" box
    show_panel(at, DETAIL_PANELS[2])
    (expander,) = [e for e in at.expander if e.label.startswith("Why these")]
    assert at.info == []  # no rule above the answer; folded, the rules are not drawn at all
    assert at.subheader[0].value in ("A plan for the rest of the day", "Everyday sources for this diet")
    at.session_state[Key.RULES_OPEN] = True  # as unfolding it does
    at.run()
    (expander,) = [e for e in at.expander if e.label.startswith("Why these")]
    folded = [box.value for box in expander.info]
    assert len(folded) >= 2 and any("Not offered" in text for text in folded)
    assert expander.label.endswith(f"({len(folded)})")
    assert [box.value for box in at.info if box.value not in folded] == []
