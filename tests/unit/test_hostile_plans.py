"""Property tests (issue 12): plan files with any text (every code point, lone surrogates and
control characters included) and any number either load or raise PlanFileError, and every
export of a plan that loaded reads back cleanly: the plan file as the same plan, the CSV through
`csv` and pandas as the same rows with no formula cell, the HTML through html.parser with
every piece of user text intact as text."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.errors import PlanFileError
from planner.export import ExportFormat, export_file, report_html
from planner.plan import Plan
from planner.planfile import parse_plan
from planner.snapshot import bundled_foods
from planner.totals import plan_totals

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer", "h1", "h2", "p", "table",
               "thead", "tbody", "tr", "th", "td",
               "ul", "li", "svg", "text", "rect", "line"}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Literal:
    """A JSON number written exactly as given (huge, NaN, Infinity: json.dumps cannot write all)."""

    text: str


def to_json(value: Any, ascii_only: bool) -> str:
    """JSON text; with ascii_only=False lone surrogates stay raw in the text (a str, not bytes)."""
    if isinstance(value, Literal):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=ascii_only)}:{to_json(v, ascii_only)}"
                              for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


# Text: any code point (surrogates and controls included), or the pieces attackers start with.
HOSTILE_PIECES = ["=", "+", "-", "@", "\t", "\r", "\n", "\r=1+1", "<img src=x>", "</td>", "&amp;",
                  "![t](http://127.0.0.1:9/x.png)", "[link](http://x)", "\ud83d", "\x00", '"', ","]
any_text = st.lists(st.text(st.characters(exclude_categories=()), max_size=6) | st.sampled_from(HOSTILE_PIECES),
                    max_size=4).map("".join)
unicode_text = st.lists(st.text(st.characters(), max_size=6)  # every code point but surrogates
                        | st.sampled_from([p for p in HOSTILE_PIECES if p != "\ud83d"]), max_size=4).map("".join)
visible_text = unicode_text.map(lambda text: text if text.strip() else text + "x")  # names must not be blank
hostile_numbers = st.one_of(
    st.from_regex(r"-?[1-9][0-9]{0,60}(\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?", fullmatch=True),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-0", "0", "9" * 5000, "1." + "0" * 5000]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-10**30, 10**30).map(str),
).map(Literal)


@st.composite
def plan_documents(draw, text=any_text, number=hostile_numbers) -> dict[str, Any]:
    """A plan document in the contract's shape whose every text and number comes from the strategies."""
    def amount(low: float, high: float) -> Any:
        return draw(st.floats(low, high, allow_nan=False) | number)

    custom = {"id": "custom:x", "description": draw(text), "food_group": None,
              "b12_ug_per_100g": amount(0, 100), "kcal_per_100g": None, "retinol_ug_per_100g": None,
              "diet": "vegan", "check_label": False, "fortified": True, "unreliable": False,
              "portions": [{"label": draw(text), "grams": amount(1, 500)}],
              "data_type": "Custom", "source": draw(text), "brand_owner": None, "url": None}
    items = st.sampled_from(["supplement", "grams", "custom"]).map(lambda kind: {
        "supplement": {"supplement": draw(text), "ug": amount(0.1, 1000),
                       "every": draw(st.sampled_from(["day", "week"]))},
        "grams": {"food": "sr24:08077", "grams": amount(1, 500)},
        "custom": {"food": "custom:x", "portion": custom["portions"][0]["label"], "count": amount(0.5, 3)},
    }[kind])
    days = [{"label": draw(text), "meals": [{"name": draw(text), "items": draw(st.lists(items, max_size=3))}
                                            for _ in range(draw(st.integers(0, 2)))]}
            for _ in range(draw(st.integers(1, 2)))]
    return {"version": 1, "name": draw(text),
            "profile": {"age_years": draw(st.integers(1, 90) | number), "sex": "female",
                        "exclude": draw(st.lists(text, max_size=2))},
            "days": days, "foods": {"custom:x": custom}}


@PROPERTY
@given(plan_documents() | plan_documents(text=visible_text, number=st.nothing()), st.booleans())
def test_loading_gives_a_plan_or_a_plan_file_error(document, as_bytes):
    data = to_json(document, ascii_only=True).encode("ascii") if as_bytes else to_json(document, ascii_only=False)
    try:
        plan = parse_plan(data, bundled_foods())
    except PlanFileError as error:
        event("refused")
        assert error.problems and all(problem.startswith("$") for problem in error.problems)
        str(error).encode("utf-8")  # the message prints in the app and the CLI
    else:
        event("loaded")
        assert isinstance(plan, Plan)


def item_names(plan: Plan) -> list[str]:
    """Each item as the exports name it (a weekly supplement reads "<name> (weekly)")."""
    totals = plan_totals(plan, bundled_foods())
    return [item.description for day in totals.days for meal in day.meals for item in meal.items]


def report_texts(plan: Plan) -> list[str]:
    """The user text the report shows whole (a meal without items is only a chart label, shortened)."""
    return [plan.name, *(day.label for day in plan.days), ", ".join(plan.profile.exclude),
            *(meal.name for day in plan.days for meal in day.meals if meal.items), *item_names(plan)]


class _Report(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text = ""
        self.other: list[str] = []  # comments, declarations past the doctype, processing instructions

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text += data

    def handle_comment(self, data):
        self.other.append(data)

    def handle_pi(self, data):
        self.other.append(data)

    def unknown_decl(self, data):
        self.other.append(data)


@PROPERTY
@given(plan_documents(text=visible_text, number=st.nothing()))
def test_every_export_of_a_loadable_plan_reads_back_cleanly(document):
    catalog = bundled_foods()
    try:
        plan = parse_plan(json.dumps(document), catalog)
    except PlanFileError:
        event("refused")
        return  # e.g. an empty meal name: refused, nothing to export
    event("loaded")
    assert parse_plan(export_file(plan, catalog, ExportFormat.JSON), catalog) == plan

    text = export_file(plan, catalog, ExportFormat.CSV).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    frame = pd.read_csv(io.StringIO(text, newline=""), header=None, dtype=str, keep_default_na=False)
    assert frame.values.tolist() == rows
    assert not [cell for row in rows for cell in row if cell.startswith(UNSAFE_START)]
    expected = []  # the item column: each name in one cell (neutralised where it starts a formula)
    for day in plan_totals(plan, catalog).days:
        expected += [item.description for meal in day.meals for item in meal.items] + [None]  # + the day's total
    assert len(rows) == 1 + len(expected)
    for row, name in zip(rows[1:], expected, strict=True):
        assert row[1] == "day total" if name is None else row[2] in (name, "'" + name)

    # The report as export_file builds it, less the suggestions section: that one lists bundled
    # foods only (no user text) and costs ~50 ms an example (tests/test_cli.py compares the bytes).
    report = _Report()
    report.feed(report_html(plan, plan_totals(plan, catalog)))
    report.close()
    assert report.tags <= REPORT_TAGS and report.other == []
    for shown in report_texts(plan):
        assert shown in report.text
