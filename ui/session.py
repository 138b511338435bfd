"""The page's session state, and every key it is kept under: spelled once, here.

`Session` reads and writes the app's own values (the open plan, its saved id, the day shown …)
through typed attributes whose names are their keys; `Key` names every widget, button and
fragment (a widget's value lives in session state under its key), and the functions below
name the keys made per item. Nothing else spells a session-state key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, Generic, MutableMapping, TypeVar, overload

import streamlit as st

from planner.plan import Plan
from planner.results import PlanTotals
from planner.sources import FoodSearchResult
from planner.store import PlanStore

if TYPE_CHECKING:  # these modules keep their values here
    from ui.actions import PendingReplace, Removal
    from ui.messages import Message
    from ui.visitor import Arrival

T = TypeVar("T")
_UNSET: Any = object()


class Slot(Generic[T]):
    """One value of the session, kept under the attribute's own name; `default` fills it on first read."""

    def __init__(self, default: Callable[[], T] = lambda: _UNSET) -> None:
        self.default = default
        self.key = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, session: None, owner: type) -> Slot[T]: ...

    @overload
    def __get__(self, session: Session, owner: type) -> T: ...

    def __get__(self, session: Session | None, owner: type) -> Slot[T] | T:
        if session is None:
            return self
        state = session.state
        if self.key not in state:
            value = self.default()
            if value is _UNSET:
                raise KeyError(f"{self.key} is read before the session set it up")
            state[self.key] = value
        return state[self.key]

    def __set__(self, session: Session, value: T) -> None:
        session.state[self.key] = value

    def __delete__(self, session: Session) -> None:
        session.forget(self.key)


class Session:
    """Typed access to one browser session's state (st.session_state, or AppTest's in tests)."""

    owner: Slot[str] = Slot()  # whose plans the store reads and writes
    keeps_plans: Slot[bool] = Slot()  # False: plans stay in this session
    plan: Slot[Plan] = Slot()  # the open plan
    plan_id: Slot[str | None] = Slot(lambda: None)  # None: not saved, the plan lives in this tab
    plan_version: Slot[int] = Slot(lambda: 0)
    client_id: Slot[str | None] = Slot(lambda: None)  # None: the owner's own plans
    day_index: Slot[int] = Slot(lambda: 0)
    messages: Slot[list[Message]] = Slot(list)  # shown where they belong (ui.messages)
    toasts: Slot[int] = Slot(lambda: 0)  # toasts shown so far: each numbered
    pick_reset: Slot[str | None] = Slot(lambda: None)  # after an add: the meal the pick row starts again at
    editor_version: Slot[int] = Slot(lambda: 0)  # a new version: a fresh table editor
    restored: Slot[bool] = Slot(lambda: False)  # the folder era imported and the page's link reopened
    conflict: Slot[bool] = Slot(lambda: False)  # the open plan changed elsewhere since this tab read it
    pending_replace: Slot[PendingReplace | None] = Slot(lambda: None)  # a save under a name in use, asking first
    profile_error: Slot[str | None] = Slot(lambda: None)  # why the profile form's values were not applied
    totals_of: Slot[tuple[Plan, PlanTotals] | None] = Slot(lambda: None)  # worked out once per plan
    search_found: Slot[FoodSearchResult | None] = Slot(lambda: None)  # the last search's answer
    search_unavailable: Slot[str | None] = Slot(lambda: None)  # why FoodData Central was not used
    search_count: Slot[int] = Slot(lambda: 0)  # searches so far: each gets a fresh pick list
    supplement_round: Slot[int] = Slot(lambda: 0)  # supplements added so far: each add, a fresh form
    editing_person: Slot[bool] = Slot(lambda: False)  # the profile form shown on the page, not in the sidebar
    label_round: Slot[int] = Slot(lambda: 0)  # foods added from a label so far: each add, a fresh form
    upload_count: Slot[int] = Slot(lambda: 0)  # refused files so far: each gets a fresh, empty uploader
    last_removal: Slot[Removal | None] = Slot(lambda: None)  # the item a row's Remove took out, for Undo
    focus_key: Slot[str | None] = Slot(lambda: None)  # the button keyboard focus goes to on the next draw
    arrival: Slot[Arrival] = Slot()  # who is asking, decided once per session (ui.visitor)
    session_store: Slot[PlanStore] = Slot()  # a visitor's own store in memory

    def __init__(self, state: MutableMapping[str, Any] | None = None) -> None:
        self.state = st.session_state if state is None else state

    def has(self, key: str) -> bool:
        return key in self.state

    def __getitem__(self, key: Key | str) -> Any:
        """A widget's value."""
        return self.state[key]

    def __setitem__(self, key: Key | str, value: Any) -> None:
        self.state[key] = value

    def get(self, key: Key | str, default: Any = None) -> Any:
        return self.state.get(key, default)

    def forget(self, *keys: Key | str) -> None:
        """Drop widget values, so the widgets start again from their defaults."""
        for key in keys:
            if key in self.state:
                del self.state[key]


class View(StrEnum):
    """The page's views, as the view switch names them (the value of Key.VIEW)."""

    PLAN_A_DAY = "Plan a day"
    MY_PLANS = "My plans"
    COMPARE = "Compare scenarios"
    LEARN = "Learn about B12"


class Key(StrEnum):
    """Every widget, button and fragment key of the page."""

    # the page
    VIEW = "view"
    DIETITIAN = "dietitian"
    # the profile form (sidebar)
    AGE = "p_age"
    MONTHS = "p_months"
    SEX = "p_sex"
    STATE = "p_state"
    STANDARD = "p_standard"
    DIET = "p_diet"
    EXCLUDE = "p_exclude"
    SUPPLEMENTS = "p_supplements"
    ABSORPTION = "p_absorption"
    IMMUNOCOMPROMISED = "p_immunocompromised"
    METFORMIN = "p_metformin"
    # the food data (sidebar)
    USE_FDC = "use_fdc"
    FDC_TYPES = "fdc_types"
    FDC_STATUS = "fdc_status"  # a fragment
    # "Plan a day": its fragments and containers
    PLAN_HEADER = "plan_header"
    SUMMARY = "day_summary"
    ADD_PANEL = "add_panel"
    DETAILS = "day_details"
    SHOWN_PANEL = "shown_panel"  # the shown panel's container (CSS class st-key-shown_panel)
    ITEM_LINES = "item_lines"  # the day's items as lines, each beside its Remove button (a CSS grid)
    SOURCE_LINES = "source_lines"  # the everyday sources as lines, each beside its Add button (a CSS grid)
    # the plan's header
    DAY_PICK = "day_pick"
    REMOVE_DAY = "remove_day"
    UNDO_REMOVAL = "undo_removal"
    EDIT_PERSON = "edit_person"
    DAY_FIGURES = "day_figures"  # the summary's three figures (CSS class st-key-day_figures: one row on a phone)
    # adding foods
    SEARCH_QUERY = "search_query"
    SEARCH_DIET_ONLY = "search_diet_only"
    SEARCH_LEAVE_OUT = "search_leave_out"
    PICK_ROW = "pick_row"  # a fragment: the picked food's portion, amount, meal and Add button
    PICK_MEAL = "pick_meal"
    PICK_COUNT = "pick_count"
    PICK_GRAMS = "pick_grams"
    ADD_FOOD = "add_food"
    OPEN_CUSTOM_FOOD = "open_custom_food"
    SHOW_SUPPLEMENT = "show_supplement"
    SHOW_CUSTOM = "show_custom"
    SUPPLEMENT_NAME = "sup_name"
    SUPPLEMENT_UG = "sup_ug"
    SUPPLEMENT_EVERY = "sup_every"
    SUPPLEMENT_MEAL = "sup_meal"
    LABEL_NAME = "cf_name"
    LABEL_SERVING = "cf_serving"
    LABEL_B12 = "cf_b12"
    LABEL_UNIT = "cf_unit"
    LABEL_BASIS = "cf_basis"
    LABEL_DIET = "cf_diet"
    LABEL_FORTIFIED = "cf_fortified"
    LABEL_COUNT = "cf_count"
    LABEL_MEAL = "cf_meal"
    # the day's details
    DETAIL_PANEL = "detail_panel"  # the shown panel's name
    EDIT_ITEMS = "edit_items"  # the day's items as an editable grid, not a table to read
    PLAN_ADD_ALL = "plan_add_all"
    ALL_SOURCES = "all_sources"  # every everyday source of the diet listed, not the first few
    RULES_OPEN = "rules_open"  # the suggestions' rules and notes unfolded (drawn only then)
    # saving and saved plans
    CONFIRM_REPLACE = "confirm_replace"
    CANCEL_REPLACE = "cancel_replace"
    RELOAD_SAVED = "reload_saved"
    MY_PLAN_ID = "my_plan_id"  # the plan to rename, duplicate or delete
    MY_OPEN = "my_open"  # each listed plan's button opens it: see open_saved_key
    MY_DELETE = "my_delete"
    # clients (dietitian mode)
    CLIENT_PICK = "client_pick"
    NEW_CLIENT_NAME = "new_client_name"
    OPEN_PLAN_ID = "open_plan_id"
    OPEN_CLIENT_PLAN = "open_client_plan"
    DELETE_CLIENT = "delete_client"
    # the account
    SIGN_OUT = "sign_out"
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere"
    DOWNLOAD_MY_DATA = "download_my_data"
    DOWNLOAD_TAB_PLAN = "download_tab_plan"  # the open plan's file, on the banner of a visitor whose plans are not kept
    DOWNLOAD_COMPARISON = "download_comparison"
    CONFIRM_DELETE_ALL = "confirm_delete_all"
    DELETE_ALL = "delete_all"


# ---- keys made per item ---------------------------------------------------------------------------------

def food_pick_key(search_count: int) -> str:
    """The food picked from a search's results (each search a fresh list)."""
    return f"pick_food_{search_count}"


def portion_pick_key(food_id: str) -> str:
    return f"pick_portion_{food_id}"


def round_key(key: Key, round_: int) -> str:
    """A form field as of one round: after an add the next round's widget starts from its default in the
    browser too (a value set or forgotten in a callback stays on screen as the browser last had it)."""
    return f"{key}_{round_}"


def upload_key(upload_count: int) -> str:
    """The plan-file uploader (a refused file gets a fresh one, so its file does not look accepted)."""
    return f"upload_plan_{upload_count}"


def items_editor_key(editor_version: int) -> str:
    return f"items_{editor_version}"


def plan_add_key(position: int) -> str:
    return f"plan_add_{position}"


REMOVE_ITEM, SOURCE_ADD = "remove_item_", "source_add_"
LINE_LISTS = (Key.ITEM_LINES, Key.SOURCE_LINES)  # the lists drawn line by line, each line beside its button


def remove_item_key(position: int) -> str:
    return f"{REMOVE_ITEM}{position}"


def source_add_key(position: int) -> str:
    return f"{SOURCE_ADD}{position}"


def download_key(kind: str) -> str:
    return f"download_{kind}"


def open_saved_key(plan_id: str) -> str:
    """A listed plan's own button under My plans (a click opens it)."""
    return f"{Key.MY_OPEN}_{plan_id}"


def confirm_delete_plan_key(plan_id: str) -> str:
    return f"confirm_delete_plan_{plan_id}"


def confirm_delete_client_key(client_id: str) -> str:
    return f"confirm_delete_{client_id}"


def sign_in_key(provider: str | None) -> str:
    return f"sign_in_{provider or 'default'}"


def css_class(key: str) -> str:
    """The CSS class Streamlit gives the element with this key (for the browser tests and benchmarks)."""
    return f"st-key-{key}"
