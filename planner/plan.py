"""The plan model (contract "Plan file, version 1") and pure edits that return new plans.

A plan never changes in place: every edit builds a new Plan, so a failed edit leaves the
old one untouched. File I/O lives in planfile.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence, Union

from planner.errors import PlannerError
from planner.food import Food, is_bundled_id
from planner.notes import Note
from planner.profile import Profile
from planner.snapshot import FoodCatalog
from planner.units import Every, Grams

PLAN_VERSION = 1
DEFAULT_MEALS = ("breakfast", "lunch", "dinner", "snacks")


@dataclass(frozen=True)
class FoodItem:
    """A food eaten by `grams`, or by a household `portion` times `count`."""

    food: str
    grams: Grams | None = None
    portion: str | None = None
    count: float = 1.0
    note: str | None = None  # e.g. why an old SR24 portion became grams

    def grams_of(self, food: Food) -> Grams:
        if self.portion is not None:
            return food.portion(self.portion).grams * self.count
        return float(self.grams or 0.0)


@dataclass(frozen=True)
class SupplementItem:
    supplement: str
    ug: float
    every: Every = Every.DAY


Item = Union[FoodItem, SupplementItem]


@dataclass(frozen=True)
class Meal:
    name: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Day:
    label: str
    meals: tuple[Meal, ...] = ()


@dataclass(frozen=True)
class Plan:
    name: str
    profile: Profile
    days: tuple[Day, ...]
    foods: Mapping[str, Food] = field(default_factory=dict)  # non-bundled records only
    # What loading changed and the person should know (e.g. SR24 values now SR28); never saved.
    notices: tuple[Note, ...] = field(default=(), compare=False)

    def food(self, food_id: str, catalog: FoodCatalog) -> Food:
        """The record for an id: the plan's own (FDC, custom) first, then the bundled data."""
        own = self.foods.get(food_id)
        return own if own is not None else catalog.get_food(food_id)

    def food_ids(self) -> set[str]:
        return {item.food for day in self.days for meal in day.meals
                for item in meal.items if isinstance(item, FoodItem)}


def new_plan(name: str, profile: Profile, day_labels: tuple[str, ...] = ("Day 1",)) -> Plan:
    days = tuple(Day(label, tuple(Meal(m) for m in DEFAULT_MEALS)) for label in day_labels)
    return Plan(name=name, profile=profile, days=days, foods={})


def _with_day(plan: Plan, day_index: int, day: Day) -> Plan:
    days = list(plan.days)
    days[day_index] = day
    return replace(plan, days=tuple(days))


def add_item(plan: Plan, day_index: int, meal_name: str, item: Item, food: Food | None = None) -> Plan:
    """A new plan with `item` appended to the named meal (created if missing).

    Pass the `food` record for non-bundled foods so the plan file can carry it.
    """
    day = plan.days[day_index]
    meals = list(day.meals)
    for index, meal in enumerate(meals):
        if meal.name == meal_name:
            meals[index] = replace(meal, items=meal.items + (item,))
            break
    else:
        meals.append(Meal(meal_name, (item,)))
    new = _with_day(plan, day_index, replace(day, meals=tuple(meals)))
    if food is not None and not is_bundled_id(food.id):
        new = replace(new, foods={**plan.foods, food.id: food})
    return new


def add_day(plan: Plan, label: str, copy_from: int | None = None) -> Plan:
    day = (replace(plan.days[copy_from], label=label) if copy_from is not None
           else Day(label, tuple(Meal(m) for m in DEFAULT_MEALS)))
    return replace(plan, days=plan.days + (day,))


def remove_day(plan: Plan, day_index: int) -> Plan:
    if len(plan.days) <= 1:
        return plan
    return prune_foods(replace(plan, days=plan.days[:day_index] + plan.days[day_index + 1:]))


def prune_foods(plan: Plan) -> Plan:
    """Drop records of foods no item uses any more."""
    used = plan.food_ids()
    return replace(plan, foods={k: v for k, v in plan.foods.items() if k in used})


def same_measure(a: Item, b: Item) -> bool:
    """Two amounts of one food by one measure (both "1 cup", or both grams): they can be summed."""
    return (isinstance(a, FoodItem) and isinstance(b, FoodItem) and a.food == b.food
            and a.portion == b.portion and a.note == b.note)


def add_or_merge(plan: Plan, day_index: int, meal_name: str, item: Item,
                 food: Food | None = None) -> tuple[Plan, Item]:
    """Add `item` to a meal; a food already there by the same measure gets the amounts summed,
    so adding milk twice reads "2 × 1 cup", not two rows. Returns the new plan and the item as it is now."""
    meal = next((m for m in plan.days[day_index].meals if m.name == meal_name), None)
    position = next((i for i, old in enumerate(meal.items) if same_measure(old, item)), None) if meal else None
    if meal is None or position is None or not isinstance(item, FoodItem):
        return add_item(plan, day_index, meal_name, item, food), item
    old = meal.items[position]
    assert isinstance(old, FoodItem)
    merged = (replace(old, count=old.count + item.count) if item.portion is not None
              else replace(old, grams=(old.grams or 0.0) + (item.grams or 0.0)))
    items = meal.items[:position] + (merged,) + meal.items[position + 1:]
    day = plan.days[day_index]
    meals = tuple(replace(m, items=items) if m.name == meal_name else m for m in day.meals)
    return _with_day(plan, day_index, replace(day, meals=meals)), merged


UNCHANGED = object()  # an ItemEdit that leaves the amount as it is


@dataclass(frozen=True)
class ItemEdit:
    """A change to one item of a day: a new amount (servings, grams or µg, by the item's own
    measure), a move to another meal, or its removal."""

    meal: str
    index: int  # the item's position within its meal
    amount: object = UNCHANGED  # as typed (None when a cell was cleared)
    move_to: str | None = None
    remove: bool = False


def _with_amount(item: Item, amount: object) -> Item:
    try:
        value = float(amount)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise PlannerError("Amounts must be numbers.") from None
    if not value > 0:
        raise PlannerError("Amounts must be above 0 (to drop an item, use its Remove button).")
    if isinstance(item, SupplementItem):
        return replace(item, ug=value)
    if item.portion is not None:
        return replace(item, count=value)
    return replace(item, grams=value)


def edit_items(plan: Plan, day_index: int, edits: Sequence[ItemEdit], meal_names: Sequence[str]) -> Plan:
    """A new plan with these edits of one day's items. Raises PlannerError on an amount that is not a
    positive number or a meal that is not one of `meal_names`; items named twice take the first edit."""
    day = plan.days[day_index]
    items: dict[str, list[Item | None]] = {meal.name: list(meal.items) for meal in day.meals}
    moves: list[tuple[str, Item]] = []
    for edit in edits:
        if edit.meal not in items or not 0 <= edit.index < len(items[edit.meal]):
            continue
        item = items[edit.meal][edit.index]
        if item is None:
            continue
        if edit.remove:
            items[edit.meal][edit.index] = None
            continue
        if edit.amount is not UNCHANGED:
            item = _with_amount(item, edit.amount)
        new_meal = edit.move_to or edit.meal
        if new_meal not in meal_names:
            raise PlannerError(f"Unknown meal {new_meal!r}.")
        if new_meal != edit.meal:
            items[edit.meal][edit.index] = None
            moves.append((new_meal, item))
        else:
            items[edit.meal][edit.index] = item
    for meal_name, item in moves:
        items.setdefault(meal_name, []).append(item)
    meals = tuple(Meal(name, tuple(i for i in items[name] if i is not None)) for name in items)
    return prune_foods(_with_day(plan, day_index, replace(day, meals=meals)))
