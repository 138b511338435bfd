"""Sign-ins that ended, so a sign-out holds on the server and not only in the browser that made it.

Streamlit keeps a signed-in identity in a signed cookie that lasts 30 days, and a sign-out only
asks the browser to delete it: a copy (another open tab, a copied cookie) would keep working.
So each sign-out is recorded here, per owner: "Sign out" ends one sign-in (the ID token's `iat`
and `nonce` tell it from every other), "Sign out everywhere" ends every sign-in issued until
then. A signed-in person's every store call first asks whether their sign-in has ended.
"""

from __future__ import annotations

import copy
import hashlib
import math
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping, TypeVar

from sqlalchemy import Connection, and_, delete, exists, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from planner.errors import InvalidOwner, SignInEnded
from planner.store.owners import owner_of_identity
from planner.store.schema import sign_outs

EVERY_SIGN_IN = "*"  # the sign_in of an owner's "everywhere" row
# Streamlit refuses an identity cookie signed more than 30 days and a day of grace ago, so a record
# of a single sign-in is needed no longer than that (a little more, for clocks).
KEPT_FOR = timedelta(days=32)


@dataclass(frozen=True)
class SignIn:
    """One sign-in of one person, as its ID token tells it."""

    owner: str
    issued_at: datetime  # the ID token's iat, by the provider's clock
    id: str  # a digest of owner, iat and nonce: this sign-in and no other


Held = TypeVar("Held", bound="SignInChecks")


class SignInChecks:
    """PlanStore's sign-in half: a copy of the store held for one signed-in person checks, before
    each of its calls, that the sign-in has not ended (PlanStore's `_owned` asks)."""

    sign_in: SignIn | None = None  # set on a copy held for one signed-in person (for_sign_in)
    _reading: Callable[[str], AbstractContextManager[Connection]]  # PlanStore's transactions
    _writing: Callable[[str], AbstractContextManager[Connection]]

    def for_sign_in(self: Held, sign_in: SignIn) -> Held:
        """This store as one signed-in person's: every call first checks that the sign-in has not
        ended, and refuses (SignInEnded) if it has. Shares the engine and its pool."""
        held = copy.copy(self)
        held.sign_in = sign_in
        return held

    def _hold_sign_in(self, owner: str) -> None:
        if self.sign_in is not None and (owner != self.sign_in.owner or self.sign_in_ended(self.sign_in)):
            raise SignInEnded()

    def sign_in_ended(self, sign_in: SignIn) -> bool:
        with self._reading("check your sign-in") as connection:
            return has_ended(connection, sign_in)

    def sign_out(self, sign_in: SignIn, everywhere: bool = False) -> None:
        """Record that this sign-in (everywhere: every sign-in of its owner until now) has ended."""
        with self._writing("record your sign-out") as connection:
            record_sign_out(connection, sign_in, everywhere, datetime.now(timezone.utc))


def sign_in_of(claims: Mapping[str, object]) -> SignIn:
    """The sign-in an identity's claims (st.user) describe; InvalidOwner when they cannot name one."""
    owner = owner_of_identity(claims.get("iss"), claims.get("sub"))
    iat = claims.get("iat")
    issued_at = None
    if not isinstance(iat, bool) and isinstance(iat, (int, float)) and math.isfinite(iat) and iat > 0:
        try:
            issued_at = datetime.fromtimestamp(iat, timezone.utc)
        except (OverflowError, OSError, ValueError):  # past what a datetime holds
            issued_at = None
    if issued_at is None:
        raise InvalidOwner("The sign-in provider gave no issue time (iat), so this sign-in could not be ended "
                           "by signing out, and cannot keep plans.")
    nonce = claims.get("nonce")
    digest = hashlib.sha256(f"{owner}\n{iat!r}\n{nonce if isinstance(nonce, str) else ''}".encode()).hexdigest()
    return SignIn(owner, issued_at, digest)


def has_ended(connection: Connection, sign_in: SignIn) -> bool:
    """Signed out itself, or issued before its owner signed out everywhere."""
    return bool(connection.scalar(select(exists().where(
        sign_outs.c.owner == sign_in.owner,
        or_(sign_outs.c.sign_in == sign_in.id,
            and_(sign_outs.c.sign_in == EVERY_SIGN_IN, sign_outs.c.issued_at >= sign_in.issued_at))))))


def record_sign_out(connection: Connection, sign_in: SignIn, everywhere: bool, now: datetime) -> None:
    """End this sign-in, or (everywhere) every sign-in of its owner issued until now. A sign-out
    recorded twice (two tabs, a second click) is one; records past any cookie's life go."""
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(sign_outs)
    if everywhere:
        statement = insert.values(owner=sign_in.owner, sign_in=EVERY_SIGN_IN, issued_at=now, signed_out_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[sign_outs.c.owner, sign_outs.c.sign_in],
            set_={"issued_at": statement.excluded.issued_at, "signed_out_at": statement.excluded.signed_out_at},
            where=sign_outs.c.issued_at < statement.excluded.issued_at)
    else:
        statement = insert.values(owner=sign_in.owner, sign_in=sign_in.id, issued_at=sign_in.issued_at,
                                  signed_out_at=now).on_conflict_do_nothing()
    connection.execute(statement)
    connection.execute(delete(sign_outs).where(sign_outs.c.sign_in != EVERY_SIGN_IN,
                                               sign_outs.c.issued_at < now - KEPT_FOR))
