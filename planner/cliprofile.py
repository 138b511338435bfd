"""The shared profile flags of the contract, for every command that takes a person."""

from __future__ import annotations

import argparse

from planner.food import DietMode
from planner.profile import Absorption, Profile, Sex, Standard


def _hyphenated(text: str) -> str:
    """`food_bound`, as plan files spell it, is `food-bound` here: both are taken."""
    return text.replace("_", "-")


def add_profile_flags(parser: argparse.ArgumentParser, required: bool = True) -> None:
    group = parser.add_argument_group("profile")
    group.add_argument("--age", type=int, required=required, metavar="YEARS", help="age in years (0 for infants)")
    group.add_argument("--months", type=int, default=0, metavar="M", help="months, 0-11, with --age 0")
    group.add_argument("--sex", choices=[s.value for s in Sex], required=required)
    state = group.add_mutually_exclusive_group()
    state.add_argument("--pregnant", action="store_true")
    state.add_argument("--lactating", action="store_true")
    group.add_argument("--standard", choices=[s.value for s in Standard], default=Standard.IOM.value)
    group.add_argument("--diet", choices=[m.value for m in DietMode], default=DietMode.OMNIVORE.value)
    absorption = group.add_mutually_exclusive_group()
    absorption.add_argument("--absorption", choices=[a.cli_value for a in Absorption], type=_hyphenated,
                            default=Absorption.NORMAL.cli_value,
                            help="food-bound: atrophic gastritis or long-term PPIs/H2 blockers; "
                                 "no-intrinsic-factor: pernicious anaemia, some gastric surgery")
    absorption.add_argument("--no-intrinsic-factor", dest="absorption", action="store_const",
                            const=Absorption.NO_INTRINSIC_FACTOR.cli_value,
                            help="the same as --absorption no-intrinsic-factor")
    group.add_argument("--exclude", nargs="+", default=[], metavar="WORD")
    group.add_argument("--no-supplements", action="store_true")
    group.add_argument("--immunocompromised", action="store_true",
                       help="a weakened immune system: the food-safety rules of people at higher risk")
    group.add_argument("--metformin", action="store_true", help="takes metformin (lowers B12 absorption)")


def profile_from_flags(args: argparse.Namespace) -> Profile:
    """Raises ProfileError for impossible profiles."""
    return Profile(
        age_years=args.age, age_months=args.months, sex=Sex(args.sex),
        pregnant=args.pregnant, lactating=args.lactating, standard=Standard(args.standard),
        diet=DietMode(args.diet), absorption=Absorption(args.absorption.replace("-", "_")),
        exclude=tuple(word.lower() for word in args.exclude),
        supplements_allowed=not args.no_supplements, immunocompromised=args.immunocompromised,
        metformin=args.metformin,
    )
