"""Which SR foods people commonly eat: SR's Survey flag, with its known fault corrected.

FNDDS (foods as Americans report eating them) uses SR foods as recipe ingredients, so SR
flags raw forms while their cooked forms often go unflagged (raw clams Y, cooked clams
blank). A cooked form takes its raw sibling's flag: the same name once the cooking words
are set aside. Which flagged foods are fit to suggest is planner.advice's call.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

# Name segments that say how a food was prepared, not what it is.
PREPARATION_SEGMENT = re.compile(
    r"^(?:raw|cooked|boiled|baked|broiled|roasted|braised|steamed|poached|fried|pan-fried|"
    r"pan-broiled|grilled|microwaved|stewed|simmered|drained|heated|moist heat|dry heat|"
    r"without salt|with salt|drained solids|cooked with salt|cooked without salt)$")


def preparation_free_name(description: str) -> tuple[str, ...]:
    """The name's segments without the preparation ones ("Mollusks, clam, mixed species")."""
    segments = (segment.strip().lower() for segment in description.split(","))
    return tuple(s for s in segments if s and not PREPARATION_SEGMENT.match(s))


def is_raw(description: str) -> bool:
    return "raw" in (segment.strip().lower() for segment in description.split(","))


def everyday_ndbs(survey_flags: Mapping[str, bool], descriptions: Mapping[str, str]) -> frozenset[str]:
    """NDB numbers of everyday foods: Survey-flagged, or a prepared form of a flagged raw food."""
    flagged = {ndb for ndb, survey in survey_flags.items() if survey}
    raw_names = {preparation_free_name(descriptions[ndb]) for ndb in flagged if is_raw(descriptions[ndb])}
    siblings: Iterable[str] = (ndb for ndb, description in descriptions.items()
                               if ndb not in flagged and not is_raw(description)
                               and preparation_free_name(description) in raw_names)
    return frozenset(flagged) | frozenset(siblings)
