"""Sign-ins that ended, so a sign-out holds on the server and not only in the browser that made it.

Streamlit keeps a signed-in identity in a signed cookie that lasts 30 days, and a sign-out only
asks the browser to delete it: a copy (another open tab, a copied cookie) would keep working.
So each sign-out is recorded here, per owner: "Sign out" ends one sign-in (the ID token's `iat`
and `nonce` tell it from every other), "Sign out everywhere" ends every sign-in issued until
then. A signed-in person's every store call first asks whether their sign-in has ended.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Mapping

from sqlalchemy import Connection, and_, delete, exists, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from planner.errors import InvalidOwner
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
