"""The Streamlit app under AppTest: one behaviour per test, no key, no network."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from planner.food import DietMode
from planner.planfile import parse_plan
from planner.snapshot import bundled_foods
from tests.support.apptest import (
    APP,
    CHEDDAR_FOUND,
    TIMEOUT,
    button,
    cited_food_id,
    every_panel_text,
    label_of,
    metric_value,
    plan,
    rendered_text,
    search_and_add,
    show_panel,
    shown,
    source_rows,
    text_input,
    two_scenarios,
    whole_page,
)
from tests.support.rendered import rendered
from ui.session import Key, Session


def test_starts_with_no_key_and_no_network(at):
    assert any("USDA SR Legacy (SR28) and USDA FNDDS 2021–2023, bundled" in c.value for c in at.sidebar.caption)
    assert metric_value(at, "B12 eaten") == "0.00 µg"


def test_live_source_falls_back_and_never_shows_the_key(monkeypatch, tmp_path):
    secret = "sk-test-2b7f61d0"
    monkeypatch.setenv("FDC_API_KEY", secret)
    monkeypatch.setenv("FDC_BASE_URL", "http://127.0.0.1:9/fdc/v1/")  # nothing listens there
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not app.exception
    assert app.toggle(key=Key.USE_FDC).value is True
    text_input(app, "Search foods").input("beef liver braised")
    button(app, "Search").click().run()
    assert not app.exception
    text = rendered_text(app) + every_panel_text(app)
    assert "Cannot reach FoodData Central" in text
    assert "Showing the bundled USDA SR Legacy (SR28) and USDA FNDDS 2021–2023 data instead" in text
    assert "NDB 13326" in [s for s in app.selectbox if s.label == "Food"][0].format_func(
        [s for s in app.selectbox if s.label == "Food"][0].value)
    assert secret not in text


def test_profile_then_food_changes_total_and_gap(at):
    at.number_input(key=Key.AGE).set_value(70).run()
    at.radio(key=Key.SEX).set_value("male").run()
    assert not at.exception
    assert plan(at).profile.age_years == 70
    assert any("Target: 2.4 µg a day" in m.value for m in at.sidebar.markdown)
    search_and_add(at, "beef liver braised")
    assert metric_value(at, "B12 eaten") == "47.99 µg"  # the first portion: 1 slice, 68 g
    assert any(s.startswith("Meets the recommended amount") for s in shown(at.success))


def test_a_new_search_offers_its_own_results(at):
    search_and_add(at, "soymilk silk plain")
    text_input(whole_page(at), "Search foods").input("cheddar cheese")
    button(at, "Search").click().run()
    food = next(s for s in at.selectbox if s.label == "Food")
    assert food.value.description.lower() == "cheese, cheddar"  # FNDDS's, or SR's


def test_vegan_mode_shows_no_animal_suggestions(at):
    at.selectbox(key=Key.DIET).set_value("vegan").run()
    assert not at.exception
    catalog = bundled_foods()
    rows = source_rows(show_panel(at, "What to add"))
    assert len(rows) >= 5
    for row in rows:
        food = catalog.get_food(cited_food_id(row))
        assert food.diet is DietMode.VEGAN and food.fortified, food.description


def test_one_click_adds_a_suggestion(at):
    show_panel(at, "What to add")
    before = sum(len(m.items) for m in plan(at).days[0].meals)
    first_id = cited_food_id(source_rows(at)[0])
    add_buttons = [b for b in at.button if (b.key or "").startswith("source_add_")]
    meal = label_of(add_buttons[0]).rsplit(" to ", 1)[1]  # the meal chosen for the food
    add_buttons[0].click().run()
    assert not at.exception
    items = [(m.name, i) for m in plan(at).days[0].meals for i in m.items]
    assert len(items) == before + 1
    assert (items[-1][0], items[-1][1].food) == (meal, first_id)


def test_whole_day_plan_meets_the_target(at):
    button(show_panel(at, "What to add"), "Add all of these").click().run()
    assert not at.exception
    assert any(s.startswith("Meets the recommended amount") for s in shown(at.success))


def test_custom_food_from_a_label_in_percent_daily_value(at):
    at.toggle(key=Key.SHOW_CUSTOM).set_value(True).run()
    text_input(at, "Name on the label").input("Oat drink, fortified")
    at.number_input[[n.label for n in at.number_input].index("Serving size (g or ml)")].set_value(240.0)
    at.number_input[[n.label for n in at.number_input].index("B12 per serving")].set_value(50.0)
    at.selectbox[[s.label for s in at.selectbox].index("as")].set_value("pct_dv")
    button(at, "Add food from label").click().run()
    assert not at.exception
    food = plan(at).foods["custom:oat-drink-fortified"]
    assert food.b12_ug(240) == pytest.approx(1.2)  # 50 % of the 2.4 µg Daily Value
    assert metric_value(at, "B12 eaten") == "1.20 µg"


def test_supplement_weekly(at):
    at.toggle(key=Key.SHOW_SUPPLEMENT).set_value(True).run()
    at.number_input[[n.label for n in at.number_input].index("µg per dose")].set_value(2000.0)
    at.selectbox[[s.label for s in at.selectbox].index("Every")].set_value("week")
    button(at, "Add supplement").click().run()
    assert not at.exception
    assert metric_value(at, "B12 eaten") == "285.71 µg"


def test_bad_plan_file_keeps_the_old_plan(at):
    search_and_add(at, "cheddar cheese")
    before = plan(at)
    meal = {"name": "b", "items": [{"food": "sr:99999", "grams": 1}]}
    bad = json.dumps({"version": 1, "profile": {"age_years": 30, "sex": "female"},
                      "days": [{"label": "Mon", "meals": [meal]}]})
    show_panel(at, "Save, export, open").file_uploader[0].upload("bad.json", bad.encode(), "application/json").run()
    assert not at.exception
    assert plan(at) == before
    assert any("bad.json was not loaded" in e and "unknown food id" in e for e in shown(at.error))


def test_good_plan_file_imports(at):
    meal = {"name": "breakfast", "items": [{"food": "sr:01077", "grams": 244}]}
    good = json.dumps({"version": 1, "name": "Imported",
                       "profile": {"age_years": 60, "sex": "male", "diet": "vegetarian"},
                       "days": [{"label": "Mon", "meals": [meal]}]})
    show_panel(at, "Save, export, open").file_uploader[0].upload("good.json", good.encode(), "application/json").run()
    assert not at.exception
    assert plan(at).name == "Imported"
    assert at.session_state[Key.AGE] == 60 and at.session_state[Key.DIET] == "vegetarian"


def test_pregnancy_is_offered_only_where_it_is_tabled(at):
    at.radio(key=Key.STATE).set_value("pregnant").run()
    assert plan(at).profile.pregnant and plan(at).profile.age_years == 30
    assert any("Target: 2.6 µg a day" in m.value for m in at.sidebar.markdown)
    at.number_input(key=Key.AGE).set_value(60).run()
    assert not at.exception
    assert not [r for r in at.sidebar.radio if r.label == "Pregnant or breastfeeding?"]
    assert plan(at).profile.age_years == 60 and not plan(at).profile.pregnant


def test_an_infant_under_efsa_is_offered_only_the_standards_that_set_an_amount(at):
    at.selectbox(key=Key.STANDARD).set_value("efsa").run()
    at.number_input(key=Key.AGE).set_value(0).run()  # 0 months: EFSA sets no amount under 7 months
    assert not at.exception
    assert plan(at).profile.age_years == 0 and plan(at).profile.standard.value == "iom"
    standard = at.selectbox(key=Key.STANDARD)
    assert standard.value == "iom" and "EFSA (EU)" not in standard.options  # the box shows what is used
    assert any("EFSA sets no amount for this age, so IOM/NIH is used" in i for i in shown(at.info))
    assert any("Target: 0.4 µg a day" in m.value for m in at.sidebar.markdown)
    at.number_input(key=Key.MONTHS).set_value(8).run()  # from 7 months EFSA has an amount again
    assert "EFSA (EU)" in at.selectbox(key=Key.STANDARD).options


def test_named_plan_autosaves_and_reopens_from_the_url(at, tmp_path):
    text_input(at, "Plan name").input("Client A current diet")
    button(at, "Save this plan").click().run()
    search_and_add(at, "cheddar cheese")
    plan_id = Session(at.session_state).plan_id
    assert at.query_params["plan"] == plan_id and re.fullmatch(r"[A-Za-z0-9_-]{16}", plan_id)
    fresh = AppTest.from_file(APP, default_timeout=TIMEOUT)
    fresh.query_params["plan"] = plan_id
    fresh.run()
    assert not fresh.exception
    reopened = Session(fresh.session_state).plan
    assert reopened.name == "Client A current diet"
    assert any(i.food == CHEDDAR_FOUND for m in reopened.days[0].meals for i in m.items)


def test_a_new_session_does_not_see_unsaved_work(at):
    search_and_add(at, "cheddar cheese")
    other = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not other.exception
    assert not any(m.items for m in Session(other.session_state).plan.days[0].meals)


def test_learn_panel_and_disclaimer(at):
    at.radio(key=Key.VIEW).set_value("Learn about B12").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "methylmalonic acid" in text and "pernicious anaemia" in text
    assert any("does not diagnose" in w.value for w in at.warning)


def test_dietitian_mode_compares_scenarios(at):
    two_scenarios(at, "Client B")
    whole_page(at).radio(key=Key.VIEW).set_value("Compare scenarios").run()
    assert not at.exception
    headers = [h.value for h in at.subheader]
    assert len([h for h in headers if h in ("current diet", "with fortified soy milk")]) == 2
    intakes = [m.value for m in at.metric if m.label == "B12 eaten"]
    # FNDDS's cheddar, its first measure (1 slice: 21 g × 1.06 µg/100 g); plus a cup of SILK (243 g × 1.23)
    assert intakes == ["0.22 µg", "3.21 µg"]


def test_exports_import_back(at):
    from planner.export import plan_csv, report_html
    from planner.planfile import plan_to_json
    from planner.totals import plan_totals

    search_and_add(at, "beef liver braised")
    current = plan(at)
    catalog = bundled_foods()
    assert parse_plan(plan_to_json(current), catalog) == current
    totals = plan_totals(current, catalog)
    assert "USDA SR Legacy (SR28, 2016), NDB 13326" in plan_csv(totals)
    assert "<svg" in report_html(current, totals) and "NDB 13326" in report_html(current, totals)


def test_live_fdc_results_become_plan_foods(monkeypatch, httpserver):
    from tests.support.fdc_fixtures import fixture

    httpserver.expect_request("/fdc/v1/foods/search").respond_with_json(fixture("search-branded.json"))
    monkeypatch.setenv("FDC_API_KEY", "sk-test-live-51c2")
    monkeypatch.setenv("FDC_BASE_URL", httpserver.url_for("/fdc/v1/"))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    app.multiselect(key=Key.FDC_TYPES).set_value(["Branded"]).run()
    text_input(app, "Search foods").input("oat beverage")
    button(app, "Search").click().run()
    assert not app.exception
    assert any("USDA FoodData Central (live)" in c.value for c in app.caption)
    app.button(key=Key.ADD_FOOD).click().run()
    assert not app.exception
    current = plan(app)
    assert "fdc:2199999" in current.foods  # the record travels with the plan
    assert metric_value(app, "B12 eaten") == "1.20 µg"  # 1 cup (240 g) at 0.5 µg/100 g
    request, _ = httpserver.log[0]
    assert request.args.getlist("dataType") == ["Branded"] and "sk-test" not in request.url
    assert "sk-test-live-51c2" not in rendered_text(app) + every_panel_text(app)


def test_rate_limit_is_shown_and_answers_at_once(monkeypatch, httpserver):
    from tests.support.fdc_fixtures import fixture

    httpserver.expect_request("/fdc/v1/foods/search").respond_with_json(
        fixture("error-429.json"), status=429, headers={"Retry-After": "3600"})
    monkeypatch.setenv("FDC_API_KEY", "sk-test-rate-9d1e")
    monkeypatch.setenv("FDC_BASE_URL", httpserver.url_for("/fdc/v1/"))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    text_input(app, "Search foods").input("beef liver braised")
    button(app, "Search").click().run()
    assert not app.exception
    assert any("rate-limited until" in i and "bundled" in i for i in shown(app.info))
    assert any("rate-limited until" in c for c in shown(app.sidebar.caption))
    assert [s for s in app.selectbox if s.label == "Food"]  # bundled results still offered


def test_search_says_when_the_diet_filter_hides_every_match(at):
    at.selectbox(key=Key.DIET).set_value("vegan").run()
    text_input(at, "Search foods").input("salmon")
    button(at, "Search").click().run()
    assert not at.exception
    assert any("do not suit a vegan diet" in i.value for i in at.info)


def test_search_for_a_food_the_data_lacks_offers_its_label(at):
    text_input(at, "Search foods").input("nutritional yeast")
    button(at, "Search").click().run()
    assert any("no food named" in i.value and "FoodData Central" in i.value for i in at.info)
    button(at, "Add a food from its label").click().run()
    assert not at.exception
    assert at.toggle(key=Key.SHOW_CUSTOM).value is True
    assert any(t.label == "Name on the label" for t in at.text_input)


def test_search_counts_matches_not_a_cap(at):
    text_input(at, "Search foods").input("milk")
    button(at, "Search").click().run()
    caption = next(c.value for c in at.caption if " of " in c.value and "match" in c.value)
    shown, total = re.match(r"(\d+) of (\d+) matches", caption).groups()
    assert int(shown) == 25 and int(total) > 100


# ---- issue 12: user text is shown as text; bad files leave the plan as it was -------------------

def plan_file(name: str = '"Imported"', label: str = '"Mon"', age: str = "60") -> bytes:
    """A plan file's bytes with raw JSON put in by hand (escapes and number literals as written)."""
    return ('{"version": 1, "name": %s, "profile": {"age_years": %s, "sex": "male"}, "days": [{"label": %s, '
            '"meals": [{"name": "breakfast", "items": [{"food": "sr24:01077", "grams": 244}]}]}]}'
            % (name, age, label)).encode("ascii")


def test_markdown_in_an_imported_name_is_shown_as_text(at):
    image, link = "![t](http://127.0.0.1:9/x.png)", "[link](http://x)"
    upload = plan_file(name=json.dumps(image), label=json.dumps(link))
    show_panel(at, "Save, export, open").file_uploader[0].upload("plan [1].json", upload, "application/json").run()
    assert not at.exception
    assert plan(at).name == image
    toast = next(rendered(e.value) for e in at.get("html") if "plan [1].json" in e.value)
    assert toast.as_read.startswith(f"Loaded '{image}' from plan [1].json.")
    # the name is text in the toast: no <img>, no <a> (st.html links nothing)
    assert toast.tags == ["div", "p"]  # its style is the page's (app.py)
    heading = next(rendered(h.value) for h in at.header if h.value.endswith("at a glance"))
    assert heading.as_read == f"{link} at a glance"
    remove = rendered(at.button(key=Key.REMOVE_DAY).label)
    assert remove.as_read == f"Remove {link}"
    for shown_part in (heading, remove):
        assert shown_part.tags == ["p"] and shown_part.urls == []  # no <img>, no <a>, no bare address


@pytest.mark.parametrize("upload,path", [
    (plan_file(name='"Imported \\ud83d"'), "Plan name"),
    (plan_file(label='"Mon \\udc00"'), "Day 1, day name"),
    (plan_file(age="9" * 5000), "Profile, age (years)"),
], ids=["surrogate-name", "surrogate-label", "huge-number"])
def test_a_hostile_plan_file_is_refused_and_the_plan_stays(at, upload, path):
    search_and_add(at, "cheddar cheese")
    before = plan(at)
    show_panel(at, "Save, export, open").file_uploader[0].upload("hostile.json", upload, "application/json").run()
    assert not at.exception
    assert plan(at) == before
    errors = [e for e in shown(at.error) if "hostile.json" in e]  # (the day's status box may be an error too)
    assert len(errors) == 1
    assert errors[0].startswith("hostile.json was not loaded; your current plan is unchanged.")
    assert f"Problems: {path}:" in errors[0] and "$" not in errors[0]  # in plain words, no JSON path
    at.run()  # the next rerun works too
    assert not at.exception and plan(at) == before


def test_the_apps_downloads_are_the_bytes_of_the_export_command(monkeypatch, tmp_path, capsysbinary):
    """Each download button's data (built on click) equals `python -m planner export` for the plan."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    from planner.cli import main

    downloads: dict[str, object] = {}  # file name -> the callable the button runs on click
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        downloads[file_name] = (data_callable, mimetype)
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    search_and_add(app, "beef liver braised")
    show_panel(app, "Save, export, open")
    today = date.today().isoformat()  # each file is named for the day it is made
    assert set(downloads) == {f"untitled-plan-{today}.{kind}" for kind in ("json", "csv", "html")}
    plan_bytes, mime = downloads[f"untitled-plan-{today}.json"]
    assert mime == "application/json"
    path = tmp_path / "plan.json"
    path.write_bytes(plan_bytes())
    capsysbinary.readouterr()
    for kind in ("json", "csv", "html"):
        data, _ = downloads[f"untitled-plan-{today}.{kind}"]
        assert main(["export", str(path), "--format", kind]) == 0
        assert capsysbinary.readouterr().out == data(), kind


def test_without_intrinsic_factor_the_app_sends_to_a_clinician_not_to_food(at):
    at.selectbox(key=Key.ABSORPTION).set_value("no_intrinsic_factor").run()
    assert not at.exception
    assert plan(at).profile.intrinsic_factor is False
    show_panel(at, "What to add")
    assert any("food cannot close this gap" in e for e in shown(at.error))
    assert not [b for b in at.button if (b.key or "").startswith("plan_add_")]


def test_liver_planned_in_pregnancy_shows_a_warning_beside_a_met_target(at):
    at.radio(key=Key.STATE).set_value("pregnant").run()
    search_and_add(at, "beef liver")
    warnings = shown(at.warning)
    assert any("not advised (pregnancy)" in w for w in warnings)
    assert any("preformed vitamin A" in w for w in warnings)
    assert any(s.startswith("Meets the recommended amount") for s in shown(at.success))
