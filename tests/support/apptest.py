"""The app under Streamlit's AppTest: finding widgets as a person names them, adding foods, showing
panels, and reading what the page says (Markdown rendered, as a reader sees it)."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from tests.support.paths import APP as APP_FILE
from tests.support.rendered import rendered
from ui.session import Key, Session

APP = str(APP_FILE)


TIMEOUT = 60


def label_of(widget) -> str:
    """A button's label as a person reads it (the app escapes the names it quotes)."""
    return rendered(widget.label).as_read


def button(at: AppTest, label: str, nth: int = 0):
    return [b for b in at.button if label_of(b) == label][nth]


def text_input(at: AppTest, label: str):
    return next(t for t in at.text_input if t.label == label)


def metric_value(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def search_and_add(at: AppTest, query: str) -> None:
    """Search, then Add the first match. The Add reruns the summary and the details alone (fragments):
    AppTest then holds only their elements, where a browser keeps the rest of the page (see `whole_page`)."""
    text_input(whole_page(at), "Search foods").input(query)
    button(at, "Search").click().run()
    assert not at.exception
    at.button(key=Key.ADD_FOOD).click().run()
    assert not at.exception


def whole_page(at: AppTest) -> AppTest:
    """After a fragment's rerun AppTest holds only that fragment's elements; a browser still shows
    the rest of the page. Run the page once to read the elements outside the fragment."""
    if not any(r.key == "view" for r in at.radio):
        at.run()
        assert not at.exception
    return at


def show_panel(at: AppTest, label: str) -> AppTest:
    """Show one of the day's detail panels, as choosing it above them does: only that one is drawn."""
    at.session_state[Key.DETAIL_PANEL] = label
    at.run()
    assert not at.exception
    return at


def every_panel_text(at: AppTest) -> str:
    """The page's text with each detail panel shown in turn, what it folds unfolded: all a person can bring
    on screen. The folds are left as they were."""
    from ui.details import DETAIL_PANELS

    folded = at.session_state[Key.RULES_OPEN] if Key.RULES_OPEN in at.session_state else False
    at.session_state[Key.RULES_OPEN] = True
    text = "\n".join(rendered_text(show_panel(at, label)) for label in DETAIL_PANELS)
    at.session_state[Key.RULES_OPEN] = folded
    return text


def plan(at: AppTest):
    return Session(at.session_state).plan


def rendered_text(at: AppTest) -> str:
    """The page's text as a reader sees it (Markdown bodies rendered)."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "text", "metric", "header",
                 "subheader"):
        parts += [rendered(str(getattr(e, "value", ""))).as_read for e in getattr(at, kind)]
    parts += confirmations(at)
    parts += [str(t.value) for t in at.text_input]
    return "\n".join(parts)


def confirmations(at: AppTest) -> list[str]:
    """The texts of the app's toasts (its status region), as a person reads them."""
    from ui.messages import TOAST_CLASS

    return [html.unescape(text) for element in at.get("html") if TOAST_CLASS in element.value
            for text in re.findall(r"<p>(.*?)</p>", element.value, re.S)]


def shown(elements) -> list[str]:
    """The rendered text of each message box, caption or heading."""
    return [rendered(e.value).as_read for e in elements]


def save_as(at: AppTest, name: str) -> None:
    label = "Save a copy under this name" if Session(at.session_state).plan_id else "Save this plan"
    text_input(whole_page(at), "Plan name").input(name)
    button(at, label).click().run()
    assert not at.exception


def sidebar_text_input(at: AppTest, label: str):
    return next(t for t in at.sidebar.text_input if t.label == label)


def add_client(at: AppTest, name: str) -> None:
    sidebar_text_input(at, "New client").input(name)
    next(b for b in at.sidebar.button if b.label == "Add client").click().run()
    assert not at.exception


def two_scenarios(at: AppTest, client: str) -> AppTest:
    """A client with two saved scenarios: "current diet" (cheddar) and "with fortified soy milk" (open)."""
    at.toggle(key=Key.DIETITIAN).set_value(True).run()
    add_client(at, client)
    search_and_add(at, "cheddar cheese")
    text_input(whole_page(at), "Plan name").input("current diet")
    button(at, "Save this plan").click().run()
    text_input(at, "Plan name").input("with fortified soy milk")
    button(at, "Save a copy under this name").click().run()  # the copy is now the open plan
    search_and_add(at, "soymilk silk plain")
    assert not at.exception
    return at


def show(at: AppTest, view: str) -> None:
    whole_page(at).radio(key=Key.VIEW).set_value(view).run()
    assert not at.exception


def plan_buttons(at: AppTest) -> list:
    """My plans' list: each saved plan's own button, named with the plan's name (a click opens it)."""
    return [b for b in at.button if b.key and b.key.startswith(f"{Key.MY_OPEN}_")]


def listed_plans(at: AppTest) -> list[str]:
    return [label_of(b) for b in plan_buttons(at)]


def texts(at: AppTest, kind: str) -> list[str]:
    """The messages as a person reads them (the app escapes the names they quote)."""
    return [rendered(e.value).as_read for e in getattr(at, kind)]


def chart_data(at: AppTest) -> list[list[dict]]:
    """Each chart's bars in page order, read from the page's HTML: meal and µg of every bar."""
    from ui.charts import CHART_CLASS

    return [[{"meal": html.unescape(meal), "b12_ug": float(ug)}
             for meal, ug in re.findall(r'<li data-meal="([^"]*)" data-ug="([^"]*)"', element.value)]
            for element in at.get("html") if CHART_CLASS in element.value]


def metric_of(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


CHEDDAR_FOUND = "fndds:14104100"  # what "cheddar cheese" finds first: FNDDS's "Cheese, Cheddar"


def cited_food_id(text: str) -> str:
    """The bundled food a shown source line cites: "… NDB 16139" is sr:16139, "… food code 11111000"
    is fndds:11111000."""
    found = re.search(r"NDB (\d{5})|food code (\d{8})", text)
    assert found, f"no USDA citation in {text!r}"
    return f"sr:{found.group(1)}" if found.group(1) else f"fndds:{found.group(2)}"


def source_rows(at: AppTest) -> list[str]:
    """The suggested sources' lines below their header, in order, as text (cells between " | ")."""
    from ui.table import LINE_CLASS, SOURCES_ROW_CLASS

    lines = [e.value for e in at.get("html") if f'class="{LINE_CLASS} {SOURCES_ROW_CLASS} ' in e.value][1:]
    return [html.unescape(re.sub(r"<[^>]+>", " | ", line)) for line in lines]


def item_lines_html(at: AppTest) -> list[str]:
    """The day's items as drawn to read: one HTML line per item, the header first and the total last."""
    from ui.table import ITEMS_ROW_CLASS, LINE_CLASS

    return [e.value for e in at.get("html") if f'class="{LINE_CLASS} {ITEMS_ROW_CLASS} ' in e.value]


def item_lines(at: AppTest) -> list[list[str]]:
    """The cells of each item line below the header, as text (the last line: the day's total)."""
    return [[html.unescape(cell) for cell in re.findall(r"<div(?: class=\"num\")?>(.*?)</div>", line)]
            for line in item_lines_html(at)[1:]]
