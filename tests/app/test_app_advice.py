"""The page with advice round 2's profile choices: a weakened immune system warns about the foods
at risk, metformin's note shows only when ticked, and without intrinsic factor the page gives the
clinical verdict, never "Meets"."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.profile import Absorption
from planner.results import Clinical
from planner.wording import CLINICAL_SHORT, CLINICAL_VERDICTS
from tests.support.apptest import every_panel_text, rendered_text, search_and_add, whole_page
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
