"""What the page's buttons, forms and links do, as one object holding the store and the catalog.

Every change of the plan builds a new plan with planner's edits, checks it with the plan-file
rules (planner.plancheck) and only then swaps it in; on failure the old plan stays and a message
says why, beside the control that asked. Saved plans autosave with their version, so a stale
tab is refused instead of overwriting; a failed save says so and changes neither the plan on
screen nor the page's address. A planner error becomes a message in one place: `reported`.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Sequence

import streamlit as st

from planner.access import Visitor
from planner.advice.dayplan import plan_with_additions, serving_item
from planner.custom import DailyValueBasis, LabelUnit, custom_food_from_label, slugify
from planner.errors import (
    NameTaken,
    NotAPlanFile,
    NotFound,
    PlanChangedElsewhere,
    PlanFileError,
    PlannerError,
    ProfileError,
    StoreError,
)
from planner.food import DietMode, Food
from planner.plan import (
    FoodItem,
    ItemEdit,
    Plan,
    SupplementItem,
    add_day,
    add_item,
    add_or_merge,
    edit_items,
    new_plan,
    remove_day,
)
from planner.plancheck import check_plan, plain_problem, supplement_problem
from planner.planfile import parse_plan
from planner.profile import Profile, Sex, Standard
from planner.results import PlanAddition, PlanTotals, Serving
from planner.snapshot import FoodCatalog
from planner.store import Client, FolderImport, PlanStore, StoredPlan
from planner.store.legacy import PERSONAL_SLUG
from planner.targets import applicable_standards, life_stage_target
from planner.totals import plan_totals
from planner.units import Every
from planner.wording import food_amount, note_text, plural, supplement_amount
from ui.messages import ADD, DAY, IMPORT, PAGE, SAVE, TABLE, clear, say
from ui.profile import profile_from_widgets, sync_profile_widgets
from ui.session import Key, Session, View, remove_item_key, upload_key
from ui.table import RowRef, grid_edits

DEFAULT_PROFILE = Profile(age_years=30, sex=Sex.FEMALE)
UNTITLED = "Untitled plan"
SHOWN_FILE_PROBLEMS = 8


@dataclass(frozen=True)
class Removal:
    """An item a row's Remove took out: Undo puts the plan back as it was, while nothing else changed since."""

    before: Plan
    after: Plan
    description: str
    meal: str
    line: int  # its place in the day's lines, where Undo puts it back


@dataclass(frozen=True)
class PendingReplace:
    """A save under a name in use, waiting for the person to say "Replace"."""

    id: str
    version: int | None
    name: str


def import_message(report: FolderImport) -> str:
    plans = plural(report.plans, "saved plan")
    clients = f" and {plural(report.clients, 'client')}" if report.clients else ""
    skipped = f" Not imported: {'; '.join(report.unreadable)}." if report.unreadable else ""
    return (f"Imported {plans}{clients} from the old data folder {report.folder}; the folder is left as it "
            f"was. Find them under My plans.{skipped}")


class PageActions:
    """The page's callbacks: they read the session, change the plan or the store, and say how it went."""

    def __init__(self, store: PlanStore, catalog: FoodCatalog, session: Session | None = None) -> None:
        self.store, self.catalog = store, catalog
        self.session = session or Session()

    @contextmanager
    def reported(self, place: str = PAGE, then: str = "", kind: str = "error") -> Iterator[None]:
        """Run a change: a PlannerError becomes a message at `place` (with `then` after it), and the rest
        of the change is skipped, so nothing is half done."""
        try:
            yield
        except PlannerError as error:
            say(kind, f"{error}{then}", place)

    # ---- the session's start ---------------------------------------------------------------------

    def start(self, visitor: Visitor, old_data_dir: Path | None) -> None:
        """Defaults once per browser session; import the folder era once; reopen the page's link.

        `visitor` says whose plans this session sees and whether they outlive it; `old_data_dir`
        is a folder-era data directory to import (for the local person only), or None.
        """
        session = self.session
        if not session.has(Session.owner.key):
            session.owner, session.keeps_plans = visitor.owner, visitor.keeps_plans
            session.plan = new_plan(UNTITLED, DEFAULT_PROFILE)
        if not session.restored:
            session.restored = True
            if old_data_dir is not None:
                with self.reported(then=" The plans saved as files stay where they are.", kind="warning"):
                    report = self.store.import_folder(session.owner, old_data_dir)
                    if report is not None:
                        say("info", import_message(report))
            self.restore_link()
        if not session.has(Key.AGE):
            sync_profile_widgets(session, session.plan.profile)

    def restore_link(self) -> None:
        """Reopen what the address names: ?plan=<id>&client=<id>&dietitian=1, or a folder-era
        ?plan=<slug>&client=<slug> link to a plan that was imported."""
        params = st.query_params
        if params.get("dietitian") == "1":
            self.session[Key.DIETITIAN] = True
        plan_ref, client_ref = params.get("plan"), params.get("client")
        try:
            if plan_ref:
                self.show_saved(self._linked_plan(plan_ref, client_ref))
            elif client_ref:
                self.start_new_plan(self.store.client(self.session.owner, client_ref))
        except PlannerError as error:
            say("warning", f"Could not reopen the linked {'plan' if plan_ref else 'client'}: {error}")

    def _linked_plan(self, plan_ref: str, client_ref: str | None) -> StoredPlan:
        owner = self.session.owner
        try:
            return self.store.load(owner, plan_ref)
        except NotFound:
            legacy_id = self.store.find_legacy(owner, slugify(client_ref) if client_ref else PERSONAL_SLUG,
                                               slugify(plan_ref))
            if legacy_id is None:
                raise
            return self.store.load(owner, legacy_id)

    def sync_link(self) -> None:
        """The page's address names the saved plan, its client and Dietitian mode, so a reload or a
        shared link reopens all three. Only these three parameters are touched."""
        session = self.session
        kept = session.keeps_plans  # the ids of a session's own plans mean nothing in another tab
        wanted = {"plan": session.plan_id if kept else None, "client": session.client_id if kept else None,
                  "dietitian": "1" if session.get(Key.DIETITIAN) else None}
        for key, value in wanted.items():
            if value:
                st.query_params[key] = value
            else:
                st.query_params.pop(key, None)

    # ---- the open plan ---------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def totals(self) -> PlanTotals:
        """The open plan's totals, worked out once per plan: plans are immutable, and every change
        swaps in a new one, so the plan object itself is the version."""
        session = self.session
        cached = session.totals_of
        if cached is None or cached[0] is not session.plan:
            cached = session.totals_of = (session.plan, plan_totals(session.plan, self.catalog))
        return cached[1]

    def commit(self, plan: Plan, place: str = DAY) -> bool:
        """Check and swap in a new plan; autosave it when it is named. False if refused, with the
        reasons in plain words where the change was asked for."""
        try:
            checked = check_plan(plan, self.catalog)
        except PlanFileError as error:
            say("error", f"That change was not made: {'; '.join(map(plain_problem, error.problems))}", place)
            return False
        session = self.session
        session.plan = checked  # the day's table keeps its editor (no pending edits: see apply_table_edits)
        session.day_index = min(session.day_index, len(checked.days) - 1)
        if session.plan_id is not None:
            self._autosave(checked)
        return True

    def _autosave(self, plan: Plan) -> None:
        """Save the open plan if nobody saved it since this tab read it; else say why not."""
        session = self.session
        assert session.plan_id is not None
        try:
            saved = self.store.save(session.owner, session.plan_id, plan, session.plan_version)
        except PlanChangedElsewhere as error:
            session.conflict = True
            say("warning", f"{error} Your change is kept in this tab only.", DAY)
        except NotFound as error:
            session.plan_id, session.plan_version = None, 0
            self.sync_link()
            say("warning", f"{error} The plan stays in this tab: save it under a name to keep it.", DAY)
        except PlannerError as error:
            say("warning", f"{error} Your change is kept in this tab only, not saved.", DAY)
        else:
            session.plan_version = saved.record.version

    # ---- changes of the plan ---------------------------------------------------------------------------

    def change_profile(self) -> None:
        """The profile form changed: apply it if it describes a real person, else say why."""
        session = self.session
        try:
            profile = profile_from_widgets(session)
            if profile.standard not in applicable_standards(profile):  # e.g. EFSA sets no amount under 7 months
                say("info", f"{profile.standard.name} sets no amount for this age, so IOM/NIH is used.", DAY)
                profile = replace(profile, standard=Standard.IOM)
                session[Key.STANDARD] = profile.standard.value
            life_stage_target(profile)
        except ProfileError as error:
            session.profile_error = str(error)
            return
        del session.profile_error
        self.commit(replace(self.plan, profile=profile))

    def add_food(self, food: Food, meal: str, portion: str | None, amount: float, place: str = ADD) -> None:
        item = FoodItem(food.id, grams=amount) if portion is None else FoodItem(food.id, portion=portion, count=amount)
        self._add_merged(food, meal, item, place)

    def _add_merged(self, food: Food, meal: str, item: FoodItem, place: str) -> None:
        """Add a food; the same food by the same measure in that meal is summed, and the toast says so."""
        plan, now = add_or_merge(self.plan, self.session.day_index, meal, item, food)
        if self.commit(plan, place):
            amount = food_amount(now.portion, now.count, now.grams_of(food)) if isinstance(now, FoodItem) else ""
            if now is item:
                say("success", f"Added {food.description} ({amount}) to {meal}.")
            else:
                say("success", f"{food.description} at {meal} is now {amount}: it was there already.")

    def add_supplement(self, name: str, ug: float, every: str, meal: str, place: str = ADD) -> None:
        """Add a dose; a blank name or a dose outside the plan format's limits is refused in words."""
        problem = supplement_problem(name, ug)
        if problem:
            say("error", problem, place)
            return
        name = " ".join(name.split())
        item = SupplementItem(name, float(ug), Every(every))
        if self.commit(add_item(self.plan, self.session.day_index, meal, item), place):
            say("success", f"Added {name}, {supplement_amount(ug, Every(every))}, to {meal}.")

    def add_source(self, food: Food, serving: Serving, meal: str) -> None:
        """One suggested serving of a source, in the meal chosen for it."""
        self._add_merged(food, meal, serving_item(food.id, serving), DAY)

    def add_plan_additions(self, additions: Sequence[PlanAddition]) -> None:
        """Add suggested items as one change: one check and one save, however many items."""
        if self.commit(plan_with_additions(self.plan, self.session.day_index, additions)):
            for addition in additions:
                say("success", f"Added {addition.description} to {addition.meal}.")

    def add_custom_food(self, form: dict[str, Any], place: str = ADD) -> None:
        with self.reported(place):
            food = custom_food_from_label(
                form["name"], form["serving_g"], form["b12"], LabelUnit(form["unit"]),
                DailyValueBasis(form["basis"]), DietMode(form["diet"]), form["fortified"],
                taken_ids=list(self.plan.foods))
            self.add_food(food, form["meal"], food.portions[0].label, form["count"], place)

    def apply_table_edits(self, editor_key: str, refs: Sequence[RowRef], meal_names: Sequence[str]) -> None:
        edits = self.session.get(editor_key, {}).get("edited_rows", {})
        if not edits:
            return
        with self.reported(TABLE):
            if self.commit(edit_items(self.plan, self.session.day_index, grid_edits(refs, edits), meal_names), TABLE):
                say("success", "Updated the day's items.")
        # A fresh editor (a new key), so the edits just applied, or refused, are not applied again. Other
        # changes keep the editor: it holds no edits then, and the browser updates its grid in place
        # instead of building a new one (bench/browser.py).
        self.session.editor_version += 1

    def remove_item(self, ref: RowRef, description: str, line: int) -> None:
        """One item out of the day, by the Remove button on its line (`line`, counted from 0); the plan before
        it is kept for Undo. The button goes with its line, so keyboard focus goes to Undo."""
        before, session = self.plan, self.session
        if self.commit(edit_items(before, session.day_index, [ItemEdit(ref.meal, ref.index, remove=True)], ()), TABLE):
            session.last_removal = Removal(before, self.plan, description, ref.meal, line)
            session.focus_key = Key.UNDO_REMOVAL

    def undo_removal(self) -> None:
        """The last removal undone, if the plan is still as that removal left it; focus goes to the Remove
        button of the line put back (the Undo button goes away)."""
        removal = self.session.last_removal
        del self.session.last_removal
        if removal is not None and removal.after is self.plan and self.commit(removal.before, TABLE):
            self.session.focus_key = remove_item_key(removal.line)
            say("success", f"Put {removal.description} back at {removal.meal}.")

    def pick_day(self) -> None:
        self.session.day_index = self.session[Key.DAY_PICK]

    def add_days(self, copy: bool) -> None:
        plan, session = self.plan, self.session
        if self.commit(add_day(plan, f"Day {len(plan.days) + 1}", copy_from=session.day_index if copy else None)):
            session.day_index = len(plan.days)

    def drop_day(self) -> None:
        plan, session = self.plan, self.session
        if len(plan.days) > 1 and self.commit(remove_day(plan, session.day_index)):
            session.day_index = max(0, session.day_index - 1)

    # ---- saving and saved plans ----------------------------------------------------------------------

    def show_saved(self, stored: StoredPlan) -> None:
        """Make a saved plan the open one, its client and profile too (before the widgets are drawn)."""
        session = self.session
        session.client_id, session.day_index = stored.record.client_id, 0
        session.editor_version += 1
        sync_profile_widgets(session, stored.plan.profile)
        self._adopt_saved(stored)

    def _adopt_saved(self, stored: StoredPlan) -> None:
        """The plan on screen is now this saved plan (same profile and client; safe mid-run)."""
        session = self.session
        session.plan, session.plan_id, session.plan_version = stored.plan, stored.record.id, stored.record.version
        session.conflict, session.pending_replace = False, None
        self.sync_link()

    def name_plan(self, name: str) -> None:
        """Save the open plan as a new plan under `name`; from then on it saves itself.

        A name in use asks before replacing; a failed save claims nothing and changes nothing.
        """
        session = self.session
        try:
            stored = self.store.create(session.owner, session.client_id, replace(self.plan, name=name))
        except NameTaken as taken:
            if taken.existing_id == session.plan_id:
                say("info", f"This plan is saved as '{taken.name}' already; it saves itself as you work.", SAVE)
            else:
                session.pending_replace = PendingReplace(taken.existing_id, taken.existing_version, taken.name)
            return
        except PlannerError as error:
            say("error", f"{error} Nothing was saved; the plan stays in this tab.", SAVE)
            return
        self._adopt_saved(stored)
        if session.keeps_plans:
            say("success", f"Saved as '{stored.record.name}'. It saves itself as you work; this page's address "
                           "reopens it.")
        else:
            say("success", f"Saved as '{stored.record.name}' in this tab only: it goes when the tab closes. "
                           "Download its plan file (under Save, export, open) to keep it.")

    def replace_saved(self) -> None:
        """The person said "Replace": the plan on screen overwrites the one of that name (if unchanged since)."""
        session = self.session
        pending: PendingReplace | None = session.pending_replace
        session.pending_replace = None
        if pending is None:
            return
        with self.reported(SAVE, " Nothing was replaced; the plan stays in this tab."):
            stored = self.store.save(session.owner, pending.id, self.plan, pending.version or 0)
            self._adopt_saved(stored)
            say("success", f"Replaced '{stored.record.name}' with this plan. It saves itself as you work.")

    def cancel_replace(self) -> None:
        self.session.pending_replace = None

    def reload_saved(self) -> None:
        """After "changed elsewhere": show the saved version (this tab's unsaved edits go)."""
        if self.session.plan_id is not None:
            self.open_saved(self.session.plan_id)

    def open_saved(self, plan_id: str) -> None:
        with self.reported():
            stored = self.store.load(self.session.owner, plan_id)
            self.show_saved(stored)
            self.session[Key.VIEW] = View.PLAN_A_DAY
            say("success", f"Opened '{stored.record.name}'.")

    def start_new_plan(self, client: Client | None) -> None:
        """An empty plan for a client (from their saved profile) or for oneself (the default profile)."""
        session = self.session
        profile = client.profile if client is not None else DEFAULT_PROFILE
        session.plan = new_plan(UNTITLED, profile)
        session.plan_id, session.plan_version = None, 0
        session.client_id, session.day_index = (client.id if client else None), 0
        session.editor_version += 1
        session.conflict, session.pending_replace = False, None
        sync_profile_widgets(session, profile)
        self.sync_link()

    def import_plan_file(self) -> None:
        """Load an uploaded plan file; a bad file leaves the current plan untouched, and the reasons
        show beside the uploader in plain words (the last file's reasons go with it)."""
        clear(IMPORT)
        session = self.session
        upload = session.get(upload_key(session.upload_count))
        if upload is None:
            return
        try:
            plan = parse_plan(upload.getvalue(), self.catalog)
        except NotAPlanFile as error:
            session.upload_count += 1  # an empty uploader: the refused file does not look accepted
            say("error", f"{upload.name} was not loaded: {error} Your current plan is unchanged.", IMPORT)
            return
        except PlanFileError as error:
            session.upload_count += 1
            shown = [plain_problem(problem) for problem in error.problems[:SHOWN_FILE_PROBLEMS]]
            more = len(error.problems) - SHOWN_FILE_PROBLEMS
            say("error", f"{upload.name} was not loaded; your current plan is unchanged. "
                         f"Problems: {'; '.join(shown)}{f' (and {more} more)' if more > 0 else ''}", IMPORT)
            return
        session.plan, session.plan_id, session.plan_version, session.day_index = plan, None, 0, 0
        session.editor_version += 1
        sync_profile_widgets(session, plan.profile)
        self.sync_link()
        say("success", f"Loaded '{plan.name}' from {upload.name}. Name it to keep it.")
        for notice in plan.notices:
            say("info", note_text(notice), IMPORT)

    # ---- clients (dietitian mode) ------------------------------------------------------------------

    def client_name(self) -> str | None:
        """The name of the client the open plan is for (dietitian mode), or None: for oneself, or when
        the store cannot say (a hand-out then simply names nobody)."""
        client_id = self.session.client_id
        if client_id is None:
            return None
        try:
            return self.store.client(self.session.owner, client_id).name
        except StoreError:
            return None

    def choose_client(self) -> None:
        """Switching client starts a new plan from that client's saved profile."""
        client_id = self.session[Key.CLIENT_PICK]
        with self.reported():
            self.start_new_plan(self.store.client(self.session.owner, client_id) if client_id else None)

    def add_client(self) -> None:
        """A new client starts from the default profile, never the previous client's."""
        with self.reported():
            client = self.store.add_client(self.session.owner, self.session.get(Key.NEW_CLIENT_NAME, ""),
                                           DEFAULT_PROFILE)
            self.start_new_plan(client)
            say("success", f"Added {client.name}. Set their profile in the sidebar, then name the plan to save it.")

    def delete_client(self, client_id: str, name: str) -> None:
        with self.reported():
            removed = self.store.delete_client(self.session.owner, client_id)
            if self.session.client_id == client_id:
                self.start_new_plan(None)
            say("success", f"Deleted {name} and their {plural(removed, 'saved plan')}.")

    # ---- My plans ------------------------------------------------------------------------------------

    def rename_saved(self, plan_id: str, name: str) -> None:
        session = self.session
        with self.reported():
            stored = self.store.rename(session.owner, plan_id, name)
            if session.plan_id == plan_id:  # the open plan keeps up with its new name and version
                session.plan, session.plan_version = replace(self.plan, name=stored.record.name), stored.record.version
            say("success", f"Renamed to '{stored.record.name}'.")

    def duplicate_saved(self, plan_id: str, name: str) -> None:
        with self.reported():
            stored = self.store.duplicate(self.session.owner, plan_id, name)
            say("success", f"Saved a copy as '{stored.record.name}'.")

    def delete_saved(self, plan_id: str, name: str) -> None:
        session = self.session
        with self.reported():
            self.store.delete(session.owner, plan_id)
            if session.plan_id == plan_id:
                session.plan_id, session.plan_version = None, 0
                self.sync_link()
                say("success", f"Deleted '{name}'. It stays open in this tab, unsaved.")
            else:
                say("success", f"Deleted '{name}'.")

    def delete_my_data(self) -> None:
        """Every plan and client of this person goes; the tab starts afresh."""
        self.session[Key.CONFIRM_DELETE_ALL] = False  # the next deletion asks again
        with self.reported(then=" Nothing was deleted."):
            deleted = self.store.delete_owner(self.session.owner)
            self.start_new_plan(None)
            say("success", f"Deleted all your data: {plural(deleted.plans, 'saved plan')} and "
                           f"{plural(deleted.clients, 'client')}.")
