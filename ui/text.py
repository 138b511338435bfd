"""User-provided text shown as text: plan names, day labels, meal, food, supplement and client
names, file names and error messages never become Markdown, HTML or links on the page."""

from __future__ import annotations

import re

# Every ASCII punctuation mark: CommonMark lets a backslash escape any of them, and each one
# can start something (`![img](url)`, `[link](url)`, `<tag>`, `**`, `# `, `$math$`, `:red[x]`).
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's Markdown (remark-gfm) also turns bare addresses into links *after* parsing, on the
# text itself, so escapes cannot stop it: an invisible word joiner breaks the patterns it looks
# for ("http://", "www.", "name@host").
_AUTOLINK_START = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` for st.markdown, st.success, st.caption, st.subheader, metric and widget labels:
    shown as typed (plus invisible word joiners in web and mail addresses), never rendered:
    no image fetched, no link, no HTML."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", _AUTOLINK_START.sub(WORD_JOINER, str(text)))
