"""A dietitian's hand-outs (issue 25, item 7): the client's name and the day in the report's title,
the CSV, the plan file and every file name; "Suggested additions" only with a gap; a printable
comparison of scenarios with the difference against the first."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from planner.comparison import comparison_report_html
from planner.export import ExportFormat, export_file, report_html
from planner.handout import comparison_file_name, download_name, file_slug, handout_title
from planner.planfile import parse_plan
from planner.totals import plan_totals
from tests.support.plans import plan_document

DAY = date(2026, 12, 4)
SHORT_DAY = [{"food": "sr:08077", "grams": 5}]  # 1 µg of fortified cereal: short of 2.4 µg
FULL_DAY = [{"food": "sr:13326", "portion": "1 slice", "count": 1}]  # beef liver: far above the target


def a_plan(catalog, items, name="Test plan"):
    return parse_plan(json.dumps(plan_document([[("breakfast", items)]], name=name)), catalog)


@pytest.mark.parametrize("plan_name, client, expected", [
    ("current diet", "Client A", "client-a-current-diet-2026-12-04.html"),
    ("Client A — current diet", "Client A", "client-a-current-diet-2026-12-04.html"),  # not "client-a-client-a-…"
    ("Client A — current diet", None, "client-a-current-diet-2026-12-04.html"),
    ("Мой план", "Анна Петрова", "анна-петрова-мой-план-2026-12-04.html"),
    ("我的计划", "王芳", "王芳-我的计划-2026-12-04.html"),
    ("خطة اليوم", "ليلى", "ليلى-خطة-اليوم-2026-12-04.html"),
    ("नमस्ते योजना", None, "नमस्ते-योजना-2026-12-04.html"),  # vowel signs stay with their letters
    ("Café ../../etc/passwd", None, "café-etc-passwd-2026-12-04.html"),  # no path in a file name
    ("!!!", None, "plan-2026-12-04.html"),
])
def test_file_names_carry_the_client_the_plan_and_the_day_in_any_script(plan_name, client, expected):
    assert download_name(plan_name, client, DAY, "html") == expected


def test_file_slug_never_yields_a_path_or_hidden_file():
    for name in ("../x", "/etc/passwd", ".hidden", "a\\b", "CON:"):
        slug = file_slug(name)
        assert not re.search(r"[/\\.:]", slug) and slug


def test_the_report_title_names_the_client_and_the_day(catalog):
    plan = a_plan(catalog, SHORT_DAY, name="current diet")
    page = report_html(plan, plan_totals(plan, catalog), generated=DAY, client="Анна Петрова")
    title = "Vitamin B12 plan for Анна Петрова: current diet — 2026-12-04"
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page


def test_without_a_client_the_report_names_nobody(catalog):
    plan = a_plan(catalog, SHORT_DAY, name="current diet")
    page = report_html(plan, plan_totals(plan, catalog), generated=DAY)
    assert "<h1>Vitamin B12 plan: current diet — 2026-12-04</h1>" in page
    assert handout_title("current diet", None, DAY) == "Vitamin B12 plan: current diet — 2026-12-04"


def test_every_export_carries_the_client_and_the_day(catalog):
    plan = a_plan(catalog, SHORT_DAY, name="current diet")
    report = export_file(plan, catalog, ExportFormat.HTML, generated=DAY, client="Client A").decode()
    assert "for Client A" in report and "2026-12-04" in report
    rows = list(csv.DictReader(io.StringIO(export_file(plan, catalog, ExportFormat.CSV, generated=DAY,
                                                       client="Client A").decode(), newline="")))
    assert rows and all(row["client"] == "Client A" and row["prepared"] == "2026-12-04" for row in rows)
    assert list(rows[0])[:3] == ["day", "meal", "item"]  # the plan's columns keep their places
    document = json.loads(export_file(plan, catalog, ExportFormat.JSON, client="Client A"))
    assert document["client"] == "Client A" and document["version"] == 1
    assert parse_plan(json.dumps(document), catalog) == plan  # the plan file opens again, unchanged


def test_without_a_client_no_client_is_written(catalog):
    plan = a_plan(catalog, SHORT_DAY)
    assert "client" not in json.loads(export_file(plan, catalog, ExportFormat.JSON))
    rows = list(csv.DictReader(io.StringIO(export_file(plan, catalog, ExportFormat.CSV, generated=DAY).decode(),
                                           newline="")))
    assert all(row["client"] == "" for row in rows)


def test_a_client_that_looks_like_a_formula_is_neutralised_in_the_csv(catalog):
    plan = a_plan(catalog, SHORT_DAY)
    rows = list(csv.DictReader(io.StringIO(export_file(plan, catalog, ExportFormat.CSV, generated=DAY,
                                                       client="=HYPERLINK(1)").decode(), newline="")))
    assert all(row["client"] == "'=HYPERLINK(1)" for row in rows)


def test_a_plan_files_client_must_be_text(catalog):
    from planner.errors import PlanFileError

    document = plan_document([[("breakfast", SHORT_DAY)]])
    with pytest.raises(PlanFileError, match=r"\$\.client"):
        parse_plan(json.dumps({**document, "client": 42}), catalog)


@pytest.mark.parametrize("items, shown", [(SHORT_DAY, True), (FULL_DAY, False)])
def test_suggested_additions_only_when_there_is_a_gap(catalog, items, shown):
    plan = a_plan(catalog, items)
    report = export_file(plan, catalog, ExportFormat.HTML, generated=DAY).decode()
    assert ("<h2>Suggested additions</h2>" in report) is shown


def test_the_comparison_report_has_a_difference_line(catalog):
    first, second = a_plan(catalog, SHORT_DAY, name="current diet"), a_plan(catalog, FULL_DAY, name="with liver")
    first_totals, second_totals = plan_totals(first, catalog), plan_totals(second, catalog)
    page = comparison_report_html([(first, first_totals), (second, second_totals)], DAY, "Client A")
    assert "<h1>Vitamin B12 scenarios for Client A — 2026-12-04</h1>" in page
    difference = second_totals.average.total_ug - first_totals.average.total_ug
    assert f"+{difference:.2f} µg vs current diet" in page
    rows = re.findall(r"<tr>.*?</tr>", page.split("</thead>")[1].split("</tbody>")[0])
    assert len(rows) == 2 and "Below" in rows[0] and "Meets" in rows[1]
    assert f"{first_totals.average.total_ug:.2f} µg" in rows[0]
    assert comparison_file_name("Client A", DAY) == "client-a-scenarios-2026-12-04.html"
    assert comparison_file_name(None, DAY) == "scenarios-2026-12-04.html"


def test_the_comparison_report_gives_each_items_source(catalog):
    """Each scenario's items carry their dataset and id, as the page's Compare and the day's report do."""
    first, second = a_plan(catalog, SHORT_DAY, name="current diet"), a_plan(catalog, FULL_DAY, name="with liver")
    pairs = [(plan, plan_totals(plan, catalog)) for plan in (first, second)]
    page = comparison_report_html(pairs, DAY)
    for _plan, totals in pairs:
        (item,) = [item for day in totals.days for meal in day.meals for item in meal.items]
        assert "SR Legacy" in item.source and item.source in page
    tables = page.split("<h2>")[2:]  # each scenario's items, after the summary
    assert len(tables) == 2 and all("<th>Source</th>" in table for table in tables)
    assert all(re.search(r"<tr>(<td[^>]*>[^<]*</td>){6}</tr>", table) for table in tables)
    for (_plan, totals), table in zip(pairs, tables, strict=True):  # each ends with the day's total, as summed
        (total_row,) = re.findall(r'<tr class="total">.*?</tr>', table)
        assert "Day total" in total_row and f">{totals.days[0].total_ug:.2f} µg<" in total_row


def test_the_comparison_takes_two_to_four_scenarios(catalog):
    plan = a_plan(catalog, SHORT_DAY)
    pair = (plan, plan_totals(plan, catalog))
    for count in (1, 5):
        with pytest.raises(ValueError):
            comparison_report_html([pair] * count, DAY)
    assert "scenarios — 2026-12-04" in comparison_report_html([pair] * 4, DAY)
