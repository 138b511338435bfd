"""What names a dietitian's hand-out: the title and the file name carry the client (when there is
one) and the day the hand-out is made (planner.export puts both in the CSV). Pure: the day is
passed in (the app passes date.today()), so the same inputs give the same names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from planner.store.names import name_key

FALLBACK_SLUG = "plan"
SLUG_CHARS = 80


def file_slug(text: str) -> str:
    """A file-name part that keeps a name in any script: letters and digits of every alphabet stay
    (lower-cased, NFC), everything else becomes one "-". "Client A — current diet" gives
    "client-a-current-diet", "Мой план" gives "мой-план"; a name with no letter or digit at all
    gives "plan"."""
    kept = "".join(char if _word_char(char) else " " for char in unicodedata.normalize("NFC", text).lower())
    slug = re.sub(r"\s+", "-", kept.strip())
    return slug[:SLUG_CHARS].strip("-") or FALLBACK_SLUG


def _word_char(char: str) -> bool:
    # Letters, marks (a Devanagari vowel sign belongs to its word) and digits; no "_", no "/" or ".".
    return unicodedata.category(char)[0] in "LMN"


def _with_client(name: str, client: str | None) -> list[str]:
    """The client's name before the plan's, unless the plan's name already starts with it."""
    if not client or name_key(name).startswith(name_key(client)):
        return [name]
    return [client, name]


def download_name(plan_name: str, client: str | None, today: date, extension: str) -> str:
    """"client-a-current-diet-2026-12-04.html": client, plan, the day it is made."""
    parts = [file_slug(part) for part in _with_client(plan_name, client)]
    return f"{'-'.join(parts)}-{today.isoformat()}.{extension}"


def handout_title(plan_name: str, client: str | None, today: date) -> str:
    """The report's title: the client's name when there is one, the plan's name and the date."""
    who = f" for {client}" if client and len(_with_client(plan_name, client)) == 2 else ""
    return f"Vitamin B12 plan{who}: {plan_name} — {today.isoformat()}"


def comparison_title(client: str | None, today: date) -> str:
    who = f" for {client}" if client else ""
    return f"Vitamin B12 scenarios{who} — {today.isoformat()}"


def comparison_file_name(client: str | None, today: date) -> str:
    lead = f"{file_slug(client)}-" if client else ""
    return f"{lead}scenarios-{today.isoformat()}.html"
