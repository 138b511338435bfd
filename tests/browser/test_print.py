"""The printed hand-outs (issue 25, item 7): the report of a day of 8 items, with suggested
additions and notes, fits on one page of A4 and of Letter; printed by headless Chromium."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from planner.comparison import comparison_report_html
from planner.export import ExportFormat, export_file
from planner.planfile import parse_plan
from planner.totals import plan_totals
from tests.support.plans import plan_document

pytestmark = pytest.mark.browser

DAY = date(2026, 12, 4)
# Eight items over three meals, short of the target (so the report suggests additions), with a
# food of unknown B12 and a food counted as 0 (each adds a note).
EIGHT_ITEMS = [
    ("breakfast", [{"food": "sr:08077", "grams": 5}, {"food": "sr:01188", "grams": 20},
                   {"food": "sr:16139", "grams": 50}]),
    ("lunch", [{"food": "sr:11011", "grams": 100}, {"food": "sr:20044", "grams": 150},
               {"food": "sr:09003", "grams": 120}]),
    ("dinner", [{"food": "sr:11260", "grams": 50}, {"food": "sr:16235", "grams": 30}]),
]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def printed_pages(browser, tmp_path: Path, page_html: str, paper: str) -> int:
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        return pdf_pages(page.pdf(format=paper, prefer_css_page_size=True))
    finally:
        context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_report_of_a_day_of_eight_items_prints_on_one_page(browser, catalog, tmp_path, paper):
    plan = parse_plan(json.dumps(plan_document([EIGHT_ITEMS], name="Client A — current diet")), catalog)
    assert sum(len(meal.items) for meal in plan.days[0].meals) == 8
    report = export_file(plan, catalog, ExportFormat.HTML, generated=DAY, client="Client A").decode("utf-8")
    assert "<h2>Suggested additions</h2>" in report  # the longest report: a gap, so additions too
    assert printed_pages(browser, tmp_path, report, paper) == 1


def test_the_page_counter_counts_pages(browser, catalog, tmp_path):
    """The counter itself: a page forced to break prints as two."""
    assert printed_pages(browser, tmp_path, "<p>one</p><p style='break-before: page'>two</p>", "A4") == 2


def test_a_comparison_of_four_scenarios_of_eight_items_prints_on_two_pages_at_most(browser, catalog, tmp_path):
    plan = parse_plan(json.dumps(plan_document([EIGHT_ITEMS], name="current diet")), catalog)
    pairs = [(plan, plan_totals(plan, catalog))] * 4
    page_html = comparison_report_html(pairs, DAY, "Client A")
    assert printed_pages(browser, tmp_path, page_html, "A4") <= 2
