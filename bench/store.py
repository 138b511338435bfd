"""Saving and loading a plan through the store, on SQLite and PostgreSQL, beside plain files.

    python -m bench.store

Two plans: a typical day (12 items) and a 500-item week. Baseline in the same run: the
folder era's way, the same plan-file JSON written to a file (atomically, with fsync) and
read back through planfile. A store save is a compare-and-set UPDATE of the body (checked
by planfile before writing), a load is a SELECT plus planfile's check. PostgreSQL is a
throwaway server started here (fsync on, as in production) on 127.0.0.1; without Debian's
postgresql installed its rows are skipped.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import timing
from planner.plan import DEFAULT_MEALS, Day, FoodItem, Meal, Plan, new_plan
from planner.plancheck import check_plan
from planner.planfile import load_plan, parse_plan, plan_to_json, save_plan
from planner.profile import Profile, Sex
from planner.snapshot import bundled_foods
from planner.store import LOCAL_OWNER, PlanStore, open_store
from tests.support.postgres_server import PostgresMissing, start_postgres

REPEATS = 25


def plan_with(items: int, days: int) -> Plan:
    """`items` bundled foods by grams, spread over `days` days and the four meals."""
    foods = [food for food in bundled_foods().values() if food.b12_ug_per_100g][:items]
    per_meal = -(-items // (days * len(DEFAULT_MEALS)))
    meals = [Meal(name, tuple(FoodItem(food.id, grams=50.0) for food in chunk))
             for name, chunk in zip(DEFAULT_MEALS * days,
                                    (foods[i:i + per_meal] for i in range(0, items, per_meal)), strict=False)]
    base = new_plan("Bench plan", Profile(40, Sex.FEMALE))
    day_list = tuple(Day(f"Day {d + 1}", tuple(meals[d * 4:(d + 1) * 4])) for d in range(days))
    plan = Plan(base.name, base.profile, day_list, {})
    assert sum(len(m.items) for d in plan.days for m in d.meals) == items
    return parse_plan(plan_to_json(plan), bundled_foods())


def store_timings(store: PlanStore, plan: Plan) -> tuple[float, float]:
    saved = store.create(LOCAL_OWNER, None, plan)
    version = iter(range(saved.record.version, saved.record.version + 10 * REPEATS))
    save = timing.median_ms(lambda: store.save(LOCAL_OWNER, saved.record.id, plan, next(version)), REPEATS)
    load = timing.median_ms(lambda: store.load(LOCAL_OWNER, saved.record.id), REPEATS)
    store.delete(LOCAL_OWNER, saved.record.id)
    return save, load


def main() -> None:
    catalog = bundled_foods()
    plans = {"typical day (12 items)": plan_with(12, 1), "week of 500 items": plan_with(500, 7)}
    server = None
    try:
        server = start_postgres(durable=True)
    except PostgresMissing as error:
        print(f"PostgreSQL rows skipped: {error}")
    with tempfile.TemporaryDirectory() as folder:
        stores = {"SQLite": open_store(None, Path(folder), catalog)}
        if server is not None:
            stores["PostgreSQL"] = open_store(server.url(), Path(folder), catalog)
        try:
            for label, plan in plans.items():
                size = len(plan_to_json(plan).encode())
                path = Path(folder) / "plan.json"
                file_save = timing.median_ms(lambda plan=plan, path=path: save_plan(plan, path), REPEATS)
                file_load = timing.median_ms(lambda path=path: load_plan(path, catalog), REPEATS)
                round_trip = timing.median_ms(lambda plan=plan: parse_plan(plan_to_json(plan), catalog), REPEATS)
                check = timing.median_ms(lambda plan=plan: check_plan(plan, catalog), REPEATS)
                print(f"\n{label}: {size:,} bytes of plan-file JSON")
                print(f"  {'file (baseline)':<22} save {file_save:7.2f} ms           load {file_load:7.2f} ms")
                print(f"  {'written and read back':<22} {round_trip:7.2f} ms (plan_to_json + parse_plan)")
                print(f"  {'check_plan (an edit)':<22} {check:7.2f} ms ({round_trip / check:.1f}x quicker)")
                for name, store in stores.items():
                    save, load = store_timings(store, plan)
                    print(f"  {name:<22} save {save:7.2f} ms ({save / file_save:4.1f}x)  "
                          f"load {load:7.2f} ms ({load / file_load:4.1f}x)")
        finally:
            for store in stores.values():
                store.engine.dispose()
            if server is not None:
                server.close()


if __name__ == "__main__":
    main()
