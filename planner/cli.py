"""Command line: `python -m planner <command> … [--json]`.

The only place that turns planner errors into exit codes: 0 ok, 2 bad input (one line on
stderr, never a traceback), 141 when the reader of standard output went away (as Unix tools
end on SIGPIPE: `search … | head -1`), 74 when standard output cannot be written (closed with
`>&-`, or a full disk: `> /dev/full`).
"""

from __future__ import annotations

import argparse
import codecs
import errno
import io
import json
import math
import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from planner.advice.dayplan import CurrentDay
from planner.advice.suggest import suggest
from planner.catalog import bundled_search_index
from planner.cliprofile import add_profile_flags, profile_from_flags
from planner.datacli import add_data_commands
from planner.errors import FdcError, PlannerError, StoreUnavailable
from planner.export import ExportFormat, export_file
from planner.food import DietMode, Food
from planner.jsonshapes import food_json, search_json, suggestions_json, target_json, totals_json
from planner.plan import Plan
from planner.planfile import load_plan
from planner.snapshot import FoodCatalog, bundled_foods, langual_descriptions
from planner.targets import life_stage_target
from planner.totals import plan_totals
from planner.wording import (
    caveats_text,
    day_verdict_text,
    food_caveats_text,
    intake_text,
    micrograms,
    note_text,
    search_message,
    sentence,
    verdict_text,
)

EXIT_OK = 0
EXIT_SERVICE = 1
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 128 + getattr(signal, "SIGPIPE", 13)  # what a shell reports for a tool SIGPIPE ended
EXIT_CANNOT_WRITE = 74  # sysexits' EX_IOERR
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # every break str.splitlines() honours


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise PlannerError(f"{self.prog}: {message}")


def finite_number(text: str) -> float:
    """An argparse type: a float flag refuses inf and nan (JSON has no such numbers)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def _writes_utf8(stream: Any) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _print_json(value: Any) -> None:
    # Escaped to ASCII where the terminal cannot take UTF-8, so the JSON stays valid and exact.
    json.dump(value, sys.stdout, ensure_ascii=not _writes_utf8(sys.stdout), indent=2)
    sys.stdout.write("\n")


def _one_line(text: str) -> str:
    return "".join(ascii(char)[1:-1] if char in LINE_BREAKS else char for char in text)


def _b12_text(food: Food) -> str:
    return "unknown" if food.b12_ug_per_100g is None else f"{food.b12_ug_per_100g:g} µg"


def _print_foods(foods: Sequence[Food]) -> None:
    for food in foods:
        flags = [food.diet.value] + [name for name in ("fortified", "check_label", "unreliable", "everyday",
                                                       "retired") if getattr(food, name)]
        print(f"{food.id}\t{food.description}\tB12 per 100 g: {_b12_text(food)}\t"
              f"[{', '.join(flags)}]\t{food.source}")


def cmd_food(args: argparse.Namespace) -> int:
    food = bundled_foods().get_food(args.food_id)
    if args.json:
        _print_json(food_json(food))
    else:
        _print_foods([food])
        if food.b12_added_ug_per_100g is not None:
            print(f"  B12 added (fortification, USDA nutrient 578): {food.b12_added_ug_per_100g:g} µg per 100 g")
        caveats = food_caveats_text(food)
        for note in filter(None, [caveats and sentence(caveats), ", ".join(food.common_names) or None]):
            print(f"  {note}")
        described = langual_descriptions()
        for code in food.langual:
            print(f"  LanguaL {code}: {described.get(code, 'unknown code')}")
        for portion in food.portions:
            b12 = food.b12_ug(portion.grams)
            amount = "unknown" if b12 is None else micrograms(b12)
            print(f"  {portion.label} = {portion.grams:g} g -> B12 {amount}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise PlannerError("--limit must be at least 1.")
    leave_out = [word for word in args.exclude if word.strip()]
    result = bundled_search_index().find(args.query, diet=DietMode(args.diet), leave_out=leave_out, limit=args.limit)
    if args.json:
        _print_json(search_json(result))
        return EXIT_OK
    _print_foods(result.foods)
    if result.foods:
        hidden = result.hidden_by_diet + result.hidden_by_exclusions
        print(f"{len(result.foods)} of {result.shown_of} matches"
              + (f" ({hidden} more hidden by the diet or leave-out words)" if hidden else ""))
    message = search_message(result)
    if message:
        print(message)
    if not result.matches:
        print(f"Try: python -m planner fdc search {json.dumps(args.query.strip()[:80])} (needs FDC_API_KEY), "
              "or add the food from its label in the app.")
    return EXIT_OK


def cmd_target(args: argparse.Namespace) -> int:
    target = life_stage_target(profile_from_flags(args))
    if args.json:
        _print_json(target_json(target))
    else:
        ear = f", EAR {target.ear_ug:g} µg" if target.ear_ug is not None else ""
        print(f"{target.life_stage}: {target.target_ug:g} µg/day ({target.kind.value}{ear}) — {target.source}")
        for note in target.notes:
            print(f"  - {note_text(note)}")
    return EXIT_OK


def cmd_total(args: argparse.Namespace) -> int:
    catalog = bundled_foods()
    totals = plan_totals(load_plan(Path(args.plan), catalog), catalog)
    if args.json:
        _print_json(totals_json(totals))
        return EXIT_OK
    for day in totals.days:
        print(f"{day.label}: {intake_text(day.total_ug, day.unknown_items)}, "
              f"absorbed ≈ {micrograms(day.absorbed_ug)} — "
              + day_verdict_text(day, totals.target, totals.absorption_goal_ug))
    average = totals.average
    print(f"Average: {intake_text(average.total_ug, average.unknown_items)}, absorbed ≈ "
          f"{micrograms(average.absorbed_ug)} — "
          + day_verdict_text(average, totals.target, totals.absorption_goal_ug))
    for note in totals.notes:
        print(f"  - {note_text(note)}")
    return EXIT_OK


def _day_index(plan: Plan, day: int) -> int:
    """`--day N` (1 = first) as an index into the plan's days."""
    if not 1 <= day <= len(plan.days):
        raise PlannerError(f"--day must be between 1 and {len(plan.days)} for this plan.")
    return day - 1


def _current_day(args: argparse.Namespace, catalog: FoodCatalog) -> tuple[CurrentDay, Plan | None]:
    """The day to build on: a plan file's day, a bare intake, or nothing yet."""
    if args.plan:
        plan = load_plan(Path(args.plan), catalog)
        day = plan_totals(plan, catalog).days[_day_index(plan, args.day)]
        return CurrentDay.from_day(day), plan
    if args.intake is not None and args.intake < 0:
        raise PlannerError("--intake must be 0 µg or more.")
    return CurrentDay.from_intake(args.intake or 0.0), None


def cmd_suggest(args: argparse.Namespace) -> int:
    catalog = bundled_foods()
    current, plan = _current_day(args, catalog)
    if args.age is not None or args.sex is not None:
        if args.age is None or args.sex is None:
            raise PlannerError("give both --age and --sex (or neither, to use the plan's profile).")
        profile = profile_from_flags(args)
    elif plan is not None:
        profile = plan.profile
    else:
        raise PlannerError("give --age and --sex, or --plan PLAN.json.")
    foods = list(catalog.values()) + (list(plan.foods.values()) if plan is not None else [])
    result = suggest(profile, foods, current, bundled_search_index())
    if args.json:
        _print_json(suggestions_json(result))
        return EXIT_OK
    after = (result.status_after, result.absorption_status_after, result.target, result.absorption_goal_ug)
    if result.clinical is not None:  # intake is not what counts: no gap is shown
        print(f"Target {result.target.target_ug:g} µg. {verdict_text(*after, result.clinical)}")
    else:
        print(f"Target {result.target.target_ug:g} µg, gap {micrograms(result.gap_ug)}")
    for source in result.sources:
        more = f" (+{source.more_like_this} more like this)" if source.more_like_this else ""
        caveat = caveats_text(source.caveats)
        print(f"  {source.b12_ug_per_serving:6.2f} µg per {source.serving.label}: "
              f"{source.food.description}{more} [{source.food.source}]" + (f" — {caveat}" if caveat else ""))
    if result.clinical is not None:  # no food plan: the clinician's treatment decides
        print(f"Intake {micrograms(result.total_after_ug)}, absorbed ≈ {micrograms(result.absorbed_after_ug)} "
              "(estimate).")
    else:
        print("Day plan:" if result.plan else "Day plan: nothing to add.")
        for item in result.plan:
            amount = "" if item.every else f"{item.count:g} × {item.serving.label} "
            print(f"  {item.meal}: {amount}{item.description} = {micrograms(item.b12_ug)}"
                  + (f" every {item.every.value}" if item.every else ""))
        print(f"After: {micrograms(result.total_after_ug)}, absorbed ≈ {micrograms(result.absorbed_after_ug)} — "
              + verdict_text(*after))
    for note in result.notes:
        print(f"  - {note_text(note)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    catalog = bundled_foods()
    plan = load_plan(Path(args.plan), catalog)
    data = export_file(plan, catalog, ExportFormat(args.format), _day_index(plan, args.day))
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return EXIT_OK
    try:
        Path(args.out).write_bytes(data)
    except OSError as error:
        raise PlannerError(f"cannot write {args.out} ({error.strerror}).") from None
    return EXIT_OK


def _fdc_client():
    from planner.fdc.client import FdcClient
    from planner.fdc.settings import settings_from_env

    catalog = bundled_foods()
    return FdcClient(settings_from_env(), everyday_ndbs=catalog.everyday_ndbs(), fndds_codes=catalog.fndds_codes())


def cmd_fdc_search(args: argparse.Namespace) -> int:
    from planner.fdc.protocol import DEFAULT_SEARCH_TYPES

    types = args.data_type or list(DEFAULT_SEARCH_TYPES)
    foods = _fdc_client().search(args.query, data_types=types, page_size=args.limit)
    if args.json:
        _print_json([food_json(food) for food in foods])
    else:
        _print_foods(foods)
    return EXIT_OK


def cmd_fdc_food(args: argparse.Namespace) -> int:
    from planner.fdc.protocol import parse_fdc_id

    food = _fdc_client().food(parse_fdc_id(args.fdc_id))
    if args.json:
        _print_json(food_json(food))
    else:
        _print_foods([food])
    return EXIT_OK


def build_parser(prog: str = "python -m planner") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Plan vitamin B12 intake (USDA data).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    food = commands.add_parser("food", help="show one bundled food record")
    food.add_argument("food_id", metavar="ID", help="e.g. sr:13326 (old sr24: ids resolve too)")
    food.add_argument("--json", action="store_true")
    food.set_defaults(run=cmd_food)

    search = commands.add_parser("search", help="search the bundled USDA SR Legacy (SR28) and FNDDS 2021–2023 foods")
    search.add_argument("query", metavar="QUERY")
    add_profile_flags(search, required=False)  # the diet and leave-out words filter the results
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=cmd_search)

    target = commands.add_parser("target", help="the B12 target for a profile")
    add_profile_flags(target)
    target.add_argument("--json", action="store_true")
    target.set_defaults(run=cmd_target)

    total = commands.add_parser("total", help="daily and average totals of a plan file")
    total.add_argument("plan", metavar="PLAN.json")
    total.add_argument("--json", action="store_true")
    total.set_defaults(run=cmd_total)

    suggest_cmd = commands.add_parser("suggest", help="sources and a day plan that close the gap")
    add_profile_flags(suggest_cmd, required=False)
    where = suggest_cmd.add_mutually_exclusive_group()
    where.add_argument("--intake", type=finite_number, metavar="UG", help="B12 eaten so far today, µg")
    where.add_argument("--plan", metavar="PLAN.json", help="build on a day of this plan file")
    suggest_cmd.add_argument("--day", type=int, default=1, help="which day of --plan (1 = first)")
    suggest_cmd.add_argument("--json", action="store_true")
    suggest_cmd.set_defaults(run=cmd_suggest)

    export = commands.add_parser("export", help="the app's downloads: plan file, CSV or HTML report")
    export.add_argument("plan", metavar="PLAN.json")
    export.add_argument("--format", required=True, choices=[kind.value for kind in ExportFormat])
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    export.add_argument("--day", type=int, default=1, help="the report's suggestions are for this day (1 = first)")
    export.set_defaults(run=cmd_export)

    fdc = commands.add_parser("fdc", help="live USDA FoodData Central (needs FDC_API_KEY)")
    fdc_commands = fdc.add_subparsers(dest="fdc_command", required=True, parser_class=_Parser)
    fdc_search = fdc_commands.add_parser("search", help="search FDC")
    fdc_search.add_argument("query", metavar="QUERY")
    fdc_search.add_argument("--data-type", action="append", metavar="TYPE",
                            help="Foundation, SR Legacy, Survey (FNDDS) or Branded; repeatable")
    fdc_search.add_argument("--limit", type=int, default=25)
    fdc_search.add_argument("--json", action="store_true")
    fdc_search.set_defaults(run=cmd_fdc_search)
    fdc_food = fdc_commands.add_parser("food", help="one FDC food by id")
    fdc_food.add_argument("fdc_id", metavar="FDC_ID")
    fdc_food.add_argument("--json", action="store_true")
    fdc_food.set_defaults(run=cmd_fdc_food)

    add_data_commands(commands, _Parser)
    return parser


def _error(error: PlannerError, code: int) -> int:
    print(f"error: {_one_line(str(error))}", file=sys.stderr)
    return code


class _ClosedOutput(io.RawIOBase):
    """Standard output when the shell closed it (`>&-`; Python then has none): the first write
    fails as a write to a closed descriptor does, so the command says so; later writes, the
    flush at exit among them, go nowhere quietly."""

    def __init__(self) -> None:
        super().__init__()
        self.told = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self.told:
            self.told = True
            raise OSError(errno.EBADF, "standard output is closed")
        return len(data)


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the final flush at exit cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file descriptor (an embedding host's stream)
        pass


def main(argv: Sequence[str] | None = None, prog: str = "python -m planner") -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a terminal without "µ" or "≈" gets "?", not a traceback
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")
    try:
        args = build_parser(prog).parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        code = run(args)
        sys.stdout.flush()  # a reader that went away is noticed here, not at interpreter exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # only standard output is written unguarded: closed, or a full disk
        _quiet_stdout()
        print(f"error: cannot write the output ({error.strerror or error}).", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    except (FdcError, StoreUnavailable) as error:  # a service that is down: try again later
        return _error(error, EXIT_SERVICE)
    except PlannerError as error:
        return _error(error, EXIT_BAD_INPUT)


def console_main() -> int:
    """The `b12-planner` command (pyproject's console script): the same as `python -m planner`."""
    return main(prog="b12-planner")
