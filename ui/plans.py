"""Saved plans: save prompts, clients (dietitian mode), my plans, scenarios side by side, and the
plan file in and out. Each reads plain values and calls PageActions; nothing edits in place."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Callable, Literal

import streamlit as st

from planner.comparison import (
    COUNTED_COLUMN,
    MAX_SCENARIOS,
    SCENARIO_COLUMNS,
    comparison_report_html,
    differences_from_first,
    scenario_rows,
)
from planner.export import EXPORT_MIME, ExportFormat, export_file
from planner.handout import comparison_file_name, download_name
from planner.plan import Plan
from planner.results import Clinical, PlanTotals, Status
from planner.store import PlanRecord
from planner.targets import AbsorptionGoal, Target
from planner.units import as_shown
from planner.wording import (
    CLINICAL_SHORT,
    absorption_basis,
    absorption_progress_text,
    gap_text,
    intake_amount,
    micrograms,
    status_text,
    target_kind_text,
)
from ui.actions import PageActions
from ui.messages import IMPORT, SAVE, read_or_show, show
from ui.reruns import whole_page
from ui.session import (
    Key,
    confirm_delete_client_key,
    confirm_delete_plan_key,
    download_key,
    open_saved_key,
    upload_key,
)
from ui.table import table_html
from ui.text import plain

COMPARE_TABLE_CLASS = "b12-compare"  # each scenario's items on the Compare view

STATUS_BOX = {Status.MEETS_TARGET: st.success, Status.BELOW_TARGET: st.warning, Status.BELOW_EAR: st.error}
CLINICAL_BOX = {Clinical.NEEDS_CLINICIAN: st.error, Clinical.TREATMENT_IN_PLACE: st.info}


def status_box(status: Status, clinical: Clinical | None) -> Callable[..., object]:
    """The box a verdict is shown in: by status, or without intrinsic factor by the clinical verdict."""
    return STATUS_BOX[status] if clinical is None else CLINICAL_BOX[clinical]


def target_metric(target: Target, total_ug: float, label: str = "Target", clinical: Clinical | None = None) -> None:
    """The target with the gap in words beside it: orange while short, green once met; no arrow. Without
    intrinsic factor the clinical verdict in short instead (intake is not what counts)."""
    short = as_shown(total_ug) < target.target_ug
    color: Literal["orange", "green", "red", "gray"]
    if clinical is None:
        delta, color = gap_text(total_ug, target.target_ug), ("orange" if short else "green")
    else:
        delta, color = CLINICAL_SHORT[clinical], ("red" if clinical is Clinical.NEEDS_CLINICIAN else "gray")
    st.metric(label, f"{target.target_ug:g} µg a day", delta=delta, delta_arrow="off", delta_color=color,
              help=f"{target_kind_text(target)} — {target.life_stage}, {target.source}")


def absorbed_metric(absorbed_ug: float, goal: AbsorptionGoal) -> None:
    st.metric("Absorbed (estimate)", micrograms(absorbed_ug), delta=absorption_progress_text(absorbed_ug, goal.goal_ug),
              delta_arrow="off", delta_color="gray", help=f"The goal is set because {absorption_basis(goal)}.")


def save_prompts_ui(actions: PageActions) -> None:
    """The questions a save can raise: replace a plan of the same name; a plan changed elsewhere."""
    show(SAVE)
    session = actions.session
    pending = session.pending_replace
    if pending:
        st.warning(f"There is already a plan named '{plain(pending.name)}'. Replace it with the plan on screen?")
        c1, c2 = st.columns(2)
        c1.button(f"Replace '{plain(pending.name)}'", key=Key.CONFIRM_REPLACE, on_click=whole_page,
                  args=(actions.replace_saved,))
        c2.button("Keep both (choose another name)", key=Key.CANCEL_REPLACE, on_click=actions.cancel_replace)
    if session.conflict:
        st.warning("This plan changed elsewhere — reload it, or save yours as a copy under a new name above.")
        st.button("Reload the saved plan", key=Key.RELOAD_SAVED, on_click=whole_page, args=(actions.reload_saved,))


# ---- dietitian mode: clients ----------------------------------------------------------------------

def clients_ui(actions: PageActions) -> None:
    session, store = actions.session, actions.store
    sidebar = st.sidebar
    sidebar.header("Clients")
    found = read_or_show(lambda: ({client.id: client for client in store.clients(session.owner)},
                                  store.plans_for(session.owner, session.client_id)), sidebar.warning)
    if found is None:
        return
    clients, saved = found
    options = [""] + list(clients)  # "": the dietitian's own plans
    session[Key.CLIENT_PICK] = session.client_id if session.client_id in clients else ""  # follows the open plan
    chosen = sidebar.selectbox("Client", options, key=Key.CLIENT_PICK,
                               format_func=lambda c: clients[c].name if c else "Myself",
                               on_change=actions.choose_client)
    with sidebar.form("new_client", clear_on_submit=True, border=False):
        st.text_input("New client", placeholder="e.g. Client A", max_chars=200, key=Key.NEW_CLIENT_NAME)
        st.form_submit_button("Add client", on_click=actions.add_client)
    if saved:
        names = {record.id: record.name for record in saved}
        plan_id = sidebar.selectbox("Open a saved plan", list(names), format_func=names.__getitem__,
                                    key=Key.OPEN_PLAN_ID)
        sidebar.button(f"Open '{plain(names[plan_id])}'", key=Key.OPEN_CLIENT_PLAN, on_click=actions.open_saved,
                       args=(plan_id,))
    if chosen:
        name = clients[chosen].name
        confirm = sidebar.checkbox(f"Yes, delete every saved plan of {plain(name)}",
                                   key=confirm_delete_client_key(chosen))
        sidebar.button(f"Delete {plain(name)}'s data", key=Key.DELETE_CLIENT, disabled=not confirm,
                       on_click=actions.delete_client, args=(chosen, name))


# ---- my plans ----------------------------------------------------------------------------------------

def _saved_label(record: PlanRecord) -> str:
    return record.name if record.client_name is None else f"{record.name} — {record.client_name}"


def my_plans_ui(actions: PageActions) -> None:
    """Every saved plan of this person, each opened by a click on its name; then rename, duplicate or
    delete (with a confirmation) one chosen below."""
    st.header("My plans")
    records = read_or_show(lambda: actions.store.plans(actions.session.owner))
    if records is None:
        return
    if not records:
        st.info("No saved plans yet. Name a plan under “Plan a day” to keep it here.")
        return
    st.caption("Click a plan's name to open it under “Plan a day”.")
    for record in records:
        name_column, about_column = st.columns([3, 2], vertical_alignment="center")
        name_column.button(plain(record.name), key=open_saved_key(record.id), on_click=actions.open_saved,
                           args=(record.id,))
        saved_at = record.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        about_column.caption(plain(f"{record.client_name or 'Myself'} · last saved {saved_at}"))
    by_id = {record.id: record for record in records}
    plan_id = st.selectbox("Rename, duplicate or delete", list(by_id), format_func=lambda i: _saved_label(by_id[i]),
                           key=Key.MY_PLAN_ID)
    chosen = by_id[plan_id]
    c1, c2 = st.columns(2)
    with c1.form(f"rename_{plan_id}", border=False):
        new_name = st.text_input("New name", value=chosen.name, max_chars=200)
        if st.form_submit_button("Rename"):
            actions.rename_saved(plan_id, new_name)
            st.rerun()
    with c2.form(f"duplicate_{plan_id}", border=False):
        copy_name = st.text_input("Name of the copy", value=f"{chosen.name} (copy)"[:200], max_chars=200)
        if st.form_submit_button("Duplicate"):
            actions.duplicate_saved(plan_id, copy_name)
            st.rerun()
    confirm = st.checkbox(f"Yes, delete '{plain(chosen.name)}'", key=confirm_delete_plan_key(plan_id))
    st.button(f"Delete '{plain(chosen.name)}'", key=Key.MY_DELETE, disabled=not confirm,
              on_click=actions.delete_saved, args=(plan_id, chosen.name))


# ---- dietitian mode: scenarios side by side -------------------------------------------------------

def compare_ui(actions: PageActions, totals_of: Callable[[Plan], PlanTotals]) -> None:
    """Two or more scenarios side by side: saved plans of this client and the one open now."""
    session, store = actions.session, actions.store
    st.header("Scenarios side by side")
    st.markdown("Compare scenarios for one person, e.g. *current diet* vs *with fortified soy milk at "
                "breakfast*. Saving a copy under a new name makes a scenario; the copy becomes the open "
                "plan, so later changes go to it.")
    with st.form("scenario_form", border=False):
        name = st.text_input("Save a copy of the open plan as", placeholder="with fortified soy milk at breakfast",
                             max_chars=200)
        if st.form_submit_button("Save scenario"):
            actions.name_plan(name)
            st.rerun()
    save_prompts_ui(actions)
    saved = read_or_show(lambda: {record.id: record.name
                                  for record in store.plans_for(session.owner, session.client_id)})
    if saved is None:
        return
    if len(saved) < 2:
        st.info("Save at least two scenarios to compare them.")
        return
    chosen = st.multiselect("Scenarios", list(saved), default=list(saved)[:2], format_func=saved.__getitem__)
    if len(chosen) < 2:
        st.info("Pick two or more scenarios.")
        return
    loaded = [(column, read_or_show(partial(store.load, session.owner, plan_id), column.error))
              for column, plan_id in zip(st.columns(len(chosen)), chosen, strict=True)]
    placed = [(column, (stored.plan, totals_of(stored.plan))) for column, stored in loaded if stored is not None]
    scenarios = [scenario for _, scenario in placed]
    for (column, scenario), difference in zip(placed, differences_from_first(scenarios), strict=True):
        with column:
            _scenario_ui(*scenario, difference)
    for plan, totals in scenarios:  # full width: every column, B12 and source too, without sideways scrolling
        st.subheader(plain(f"Items in {plan.name}"))
        st.html(table_html(COMPARE_TABLE_CLASS, SCENARIO_COLUMNS, scenario_rows(totals),
                           numeric={SCENARIO_COLUMNS.index(COUNTED_COLUMN)}))
    comparison_download_ui(actions, scenarios)


def _comparison_bytes(scenarios: list[tuple[Plan, PlanTotals]], today: date, client: str | None) -> bytes:
    return comparison_report_html(scenarios, today, client).encode("utf-8")


def comparison_download_ui(actions: PageActions, scenarios: list[tuple[Plan, PlanTotals]]) -> None:
    """One printable hand-out of the scenarios on screen (2–4), named for the client and the day."""
    if len(scenarios) > MAX_SCENARIOS:
        st.caption(f"The printable comparison takes up to {MAX_SCENARIOS} scenarios: pick fewer to download it.")
        return
    if len(scenarios) < 2:
        return
    today, client = date.today(), actions.client_name()
    st.download_button("Download: printable comparison (HTML)",
                       partial(_comparison_bytes, scenarios, today, client),
                       file_name=comparison_file_name(client, today), mime=EXPORT_MIME[ExportFormat.HTML],
                       on_click="ignore", key=Key.DOWNLOAD_COMPARISON,
                       help="Each scenario's B12 a day, its verdict and the difference from the first, on one page.")


def _scenario_ui(plan: Plan, totals: PlanTotals, difference: str | None) -> None:
    """One scenario's figures in its column: the difference from the first in words, as the printable
    comparison says it (None: this is the first)."""
    average = totals.average
    profile = plan.profile
    st.subheader(plain(plan.name))
    st.caption(plain(f"{profile.age_years} y, {profile.sex.value}, {profile.diet.value}; {totals.target.life_stage}"))
    st.metric("Average intake" if len(totals.days) > 1 else "B12 eaten",
              intake_amount(average.total_ug, average.unknown_items))
    if difference is None:
        st.markdown("**Difference:** none, the others are compared with this one")
    else:
        st.markdown(f"**Difference:** {plain(difference)}")
    target_metric(totals.target, average.total_ug, clinical=average.clinical)
    absorbed_metric(average.absorbed_ug, totals.goal)
    status_box(average.status, average.clinical)(plain(status_text(average.status, totals.target, average.clinical,
                                                                   average.mostly_food_bound)))


# ---- the plan file in and out -----------------------------------------------------------------------

DOWNLOADS = ((ExportFormat.JSON, "Plan file (JSON)", "Opens here again, and in `python -m planner`."),
             (ExportFormat.CSV, "Table (CSV)", "One row per item, for a spreadsheet."),
             (ExportFormat.HTML, "Printable report (HTML)", "Open it in a browser and print, or save as PDF."))


def export_import_ui(actions: PageActions, day_index: int) -> None:
    """Downloads of the plan on screen, and opening a plan file; a refused file's reasons show
    right above a fresh, empty uploader."""
    plan, catalog = actions.plan, actions.catalog
    today, client = date.today(), actions.client_name()
    # Files are built when a button is clicked, not on every rerun, by the function that
    # `python -m planner export` uses too: the same bytes either way. Each names the client (when
    # there is one) and the day.
    for column, (kind, label, help_text) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, strict=True):
        build = partial(export_file, plan, catalog, kind, day_index, today, client)
        column.download_button(f"Download: {label}", build,
                               file_name=download_name(plan.name, client, today, kind.value), mime=EXPORT_MIME[kind],
                               on_click="ignore",
                               width="stretch", help=help_text, key=download_key(kind.value))
    show(IMPORT)  # above the uploader, where the eye is, not below the fold
    st.file_uploader("Open a plan file", type=["json"], key=upload_key(actions.session.upload_count),
                     max_upload_size=1, on_change=whole_page, args=(actions.import_plan_file,),
                     help="A bad file is refused with the reason; your current plan stays as it is.")
