"""ui.text.plain: user text survives Markdown rendering as the same text, with no tag or link."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.rendered import rendered
from ui.text import WORD_JOINER, plain


@pytest.mark.parametrize("text", [
    "![t](http://127.0.0.1:9/x.png)",
    "[link](http://x)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**bold** _it_ `code` ~~gone~~",
    "# Heading",
    "- item",
    "1. item",
    "> quote",
    "$x^2$ :red[red] :material/home:",
    "&amp; &lt;b&gt; &#x41;",
    "back\\slash \\[not a link\\](x)",
    "see https://example.org or www.example.org",
    "mail me@example.org",
    "<http://autolink.example>",
    "a | table | row",
], ids=["image", "link", "html-img", "html-script", "emphasis", "heading", "bullet", "numbered", "quote",
        "streamlit-extras", "entities", "backslashes", "bare-address", "mail", "angle-autolink", "table"])
def test_markdown_and_html_show_as_typed(text):
    shown = rendered(plain(text))
    assert shown.as_read == text
    assert shown.tags == ["p"] and shown.urls == []


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"), exclude_characters=WORD_JOINER)
               | st.just(" "), max_size=60)
       .map(lambda text: " ".join(text.split())))
def test_any_one_line_text_shows_as_typed(text):
    shown = rendered(plain(text))
    assert shown.as_read == text
    assert set(shown.tags) <= {"p"} and shown.urls == []
