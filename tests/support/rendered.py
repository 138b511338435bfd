"""What a reader sees of a Streamlit Markdown body: rendered as CommonMark (as Streamlit's
react-markdown does), then read back with html.parser into its text, its tags and every address
a browser would fetch or follow."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ui.text import WORD_JOINER

# Raw HTML on (the strictest reading: as with unsafe_allow_html=True), so escaped text must
# stay text even where HTML would be rendered.
_MARKDOWN = MarkdownIt("commonmark", {"html": True})
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "br"}
# remark-gfm links bare addresses in the rendered text (mdast-util-gfm-autolink-literal's
# patterns; JavaScript's \w is ASCII): markdown-it does not, so the text is searched for them.
_GFM_AUTOLINKS = (re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII),
                  re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII))


@dataclass
class Rendered:
    text: str = ""
    tags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # hrefs, srcs and bare addresses Streamlit would link

    @property
    def as_read(self) -> str:
        """The text without the invisible word joiners that keep addresses from becoming links."""
        return self.text.replace(WORD_JOINER, "")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Rendered()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.result.tags.append(tag)
        self.result.urls += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS and self.result.text and not self.result.text.endswith(" "):
            self.result.text += " "

    def handle_data(self, data: str) -> None:
        self.result.text += data


def rendered(markdown: str) -> Rendered:
    reader = _Reader()
    reader.feed(_MARKDOWN.render(markdown))
    reader.close()
    result = reader.result
    result.text = result.text.strip()
    result.urls += [match.group(0) for pattern in _GFM_AUTOLINKS for match in pattern.finditer(result.text)]
    return result
