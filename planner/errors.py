"""One error tree for the planner. `str(error)` is a sentence a person can read;
only the CLI and the app turn errors into exit codes or messages."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error the planner raises on purpose."""


class _Sentence(PlannerError):
    """An error whose sentence is written where it is raised."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class ProfileError(PlannerError):
    """A profile that cannot describe a real person (e.g. pregnant at 8)."""


class UnknownFoodError(PlannerError, KeyError):
    """A food id that no loaded source knows."""

    def __init__(self, food_id: str):
        super().__init__(food_id)
        self.food_id = food_id

    def __str__(self) -> str:
        return f"No food with id {self.food_id!r} in the bundled data or this plan."


class UnknownPortionError(PlannerError):
    def __init__(self, food_id: str, label: str, known: list[str]):
        super().__init__(food_id, label)
        self.food_id, self.label, self.known = food_id, label, known

    def __str__(self) -> str:
        shown = ", ".join(repr(k) for k in self.known[:6])
        return f"Food {self.food_id} has no portion {self.label!r}; it has {shown}."


class StoreError(PlannerError):
    """The plan store refused or could not do something; nothing was half done."""


class StoreUnavailable(StoreError):
    """The database could not do the work (read-only, disk full, server down): nothing changed."""

    def __init__(self, action: str, reason: str):
        super().__init__(action, reason)
        self.action, self.reason = action, reason

    def __str__(self) -> str:
        return f"Could not {self.action}: {self.reason}."


class InvalidName(_Sentence, StoreError):
    """A plan or client name that cannot be used (empty, too long, control characters)."""


class NameTaken(StoreError):
    """That name (compared case-folded) is already used; carries the existing row to replace."""

    def __init__(self, kind: str, name: str, existing_id: str, existing_version: int | None = None):
        super().__init__(kind, name, existing_id, existing_version)
        self.kind, self.name = kind, name
        self.existing_id, self.existing_version = existing_id, existing_version

    def __str__(self) -> str:
        return f"There is already a {self.kind} named '{self.name}'."


class PlanChangedElsewhere(StoreError):
    """A save of a stale version: another tab or device saved this plan first."""

    def __str__(self) -> str:
        return "This plan changed elsewhere — reload it, or save yours as a copy."


class NotFound(StoreError):
    """No such plan or client for this owner (another owner's id answers exactly the same)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind

    def __str__(self) -> str:
        return f"That {self.kind} was not found: it may have been deleted, or the link is wrong."


class SignInEnded(StoreError):
    """A sign-in that was signed out (in this tab, another tab or browser, or everywhere): a copy
    of its cookie reads and saves nothing."""

    def __str__(self) -> str:
        return ("You signed out of this account (in this tab, in another one, or everywhere), so your saved plans "
                "are no longer read or saved here; sign in again to use them.")


class AccessError(PlannerError):
    """A setting that says nothing sensible about who is asking (e.g. B12_PLANNER_MODE=lokal)."""


class InvalidOwner(_Sentence, StoreError):
    """An owner id that cannot name anyone (empty, too long, characters outside printable ASCII)."""


class QueryError(PlannerError):
    """A search query that cannot be searched (empty, or nothing but punctuation)."""


class PlanFileError(PlannerError):
    """A plan file that was refused. Carries every problem found, each with its JSON path."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        head = "The plan file was not loaded"
        if len(self.problems) == 1:
            return f"{head}: {self.problems[0]}"
        return f"{head} ({len(self.problems)} problems): " + "; ".join(self.problems)


class NotAPlanFile(PlanFileError):
    """JSON that is no plan file at all (another app's): one plain sentence, not the format's per-path problems."""

    REASON = "This file is not a B12 planner plan file: it has no version or profile."

    def __init__(self) -> None:
        super().__init__([f"$: {self.REASON}"])

    def __str__(self) -> str:
        return self.REASON


class FdcError(PlannerError):
    """FoodData Central could not give an answer; the bundled data still works."""


class FdcKeyRejected(FdcError):
    def __init__(self, code: str | None = None, missing: bool = False):
        super().__init__(code)
        self.code, self.missing = code, missing

    def __str__(self) -> str:
        if self.missing:
            return "No FoodData Central API key is set."
        detail = f" ({self.code})" if self.code else ""
        return (f"FoodData Central rejected the API key{detail}. Check the key, or get a free one "
                "at api.data.gov.")


class FdcRateLimited(FdcError):
    def __init__(self, until):  # a timezone-aware datetime
        super().__init__(until)
        self.until = until

    def __str__(self) -> str:
        local = self.until.astimezone()
        return f"FoodData Central's rate limit is reached: rate-limited until {local:%H:%M}."


class _FdcReason(_Sentence, FdcError):
    """An FDC failure told in one sentence."""


class FdcUnavailable(_FdcReason):
    """Timeouts, DNS or connection failures, 5xx answers."""


class FdcBadResponse(_FdcReason):
    """An answer that is not FDC data (an HTML page, a wrong shape)."""
