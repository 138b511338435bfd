"""Owner ids: whose rows a store call reads and writes. Pure; no I/O.

The local person is `local`; a signed-in person is `<issuer>#<subject>` from their OpenID
Connect identity (never the e-mail, which can change or pass to someone else). OIDC issuers
are URLs without a fragment and subjects are ASCII, so every owner id is printable ASCII
without spaces, and `#` separates the two parts unambiguously. Anything else is refused
before it reaches a query.
"""

from __future__ import annotations

from planner.errors import InvalidOwner

LOCAL_OWNER = "local"  # the one person using the app on their own machine
MAX_OWNER_CHARS = 600  # an issuer URL, '#', and a subject of at most 255 characters (OIDC Core §2)
SEPARATOR = "#"


def _first_refused(text: str) -> tuple[int, str] | None:
    for position, char in enumerate(text, start=1):
        if not "!" <= char <= "~":
            return position, char
    return None


def checked_owner(owner: object) -> str:
    """The owner id unchanged, or InvalidOwner saying what is wrong with it."""
    if not isinstance(owner, str) or not owner:
        raise InvalidOwner("An owner id is needed (e.g. local, or <issuer>#<subject> of a signed-in person).")
    if len(owner) > MAX_OWNER_CHARS:
        raise InvalidOwner(f"An owner id has at most {MAX_OWNER_CHARS} characters; this one has {len(owner)}.")
    refused = _first_refused(owner)
    if refused is not None:
        position, char = refused
        raise InvalidOwner(f"An owner id is printable ASCII without spaces; this one has U+{ord(char):04X} "
                           f"at position {position}.")
    return owner


def owner_of_identity(issuer: object, subject: object) -> str:
    """The owner id of a signed-in person: their provider's issuer and their subject there."""
    if not isinstance(issuer, str) or not issuer.startswith(("https://", "http://")) or SEPARATOR in issuer:
        raise InvalidOwner("The sign-in provider gave no usable issuer (an http(s) URL without '#'), "
                           "so this account cannot keep plans.")
    if not isinstance(subject, str) or not subject:
        raise InvalidOwner("The sign-in provider gave no subject (account id), so this account cannot keep plans.")
    return checked_owner(f"{issuer}{SEPARATOR}{subject}")
