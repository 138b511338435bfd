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


# Plain cereals of the national brands, sold in nearly every US grocery: what a dietitian names first
# (not a store brand found in few shops, not a frosted or flavoured kind).
PLAIN_CEREAL = re.compile(r"\b(?:cheerios|kix|chex|corn flakes|rice krispies|special k|wheaties|total|all-bran|"
                          r"grape-nuts)\b")
NATIONAL_CEREAL_MAKER = re.compile(r"\b(?:general mills|kellogg|kellogg's|post|quaker)\b")
CEREAL_FLAVOUR = re.compile(r"\b(?:flavou?red|honey|frosted|chocolate|chocolatey|cocoa|cinnamon|\w*berr(?:y|ies)|"
                            r"fruit|fruity|apple|banana|nut|yogurt|maple|sugar|treats|crunch|cranberries|pecan|"
                            r"almond|dulce|vanilla|peanut|clusters|protein|nourish|granola|raisin|buds|nfs)\b")


GENERIC_CEREAL = re.compile(r"^cereal, ")  # FNDDS names cereals generically: "Cereal, O's, plain" (Cheerios)


def plain_national_cereal(description: str, common_names: tuple[str, ...] = ()) -> bool:
    """A plain (unfrosted, unflavoured) cereal of a national brand: Cheerios, Corn Flakes, Wheaties … by SR's
    branded name, or FNDDS's generic one whose everyday names are those brands'."""
    name = description.lower()
    if CEREAL_FLAVOUR.search(name):
        return False
    if GENERIC_CEREAL.search(name):
        return bool(PLAIN_CEREAL.search(" ".join((name, *common_names)).lower()))
    return bool(PLAIN_CEREAL.search(name) and NATIONAL_CEREAL_MAKER.search(name))


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
