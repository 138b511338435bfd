"""Look-alike plan and client names (issue 23, item 5): invisible, text-direction and separator
characters, piles of combining accents and Latin words with a Cyrillic letter are refused; names
are compared after NFKC and whitespace folding, also for rows saved before, which migration 2
gives the new keys (a clash is numbered, never lost). Names in one script keep working."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from planner.errors import InvalidName, NameTaken
from planner.planfile import plan_to_json
from planner.store import LOCAL_OWNER, open_store
from planner.store.connect import store_url
from planner.store.names import clean_name, name_key
from planner.store.schema import MIGRATIONS, clients, migrate, plans
from tests.support.plans import a_plan

ME = LOCAL_OWNER


@pytest.mark.parametrize("typed, what", [
    ("Client\u200bplan", "an invisible or text-direction character (U+200B)"),  # zero-width space
    ("Client\u2060plan", "an invisible or text-direction character (U+2060)"),  # word joiner
    ("Client \u202enalp", "an invisible or text-direction character (U+202E)"),  # right-to-left override
    ("\ufeffClient plan", "an invisible or text-direction character (U+FEFF)"),  # byte order mark
    ("Client\u00adplan", "an invisible or text-direction character (U+00AD)"),  # soft hyphen
    ("Client\u3164plan", "an invisible or text-direction character (U+3164)"),  # Hangul filler, a blank "letter"
    ("Client\u200dplan", "an invisible or text-direction character (U+200D)"),  # a joiner beside Latin letters
    ("Client\u2028plan", "a line separator (U+2028)"),
    ("Client\u2029plan", "a paragraph separator (U+2029)"),
], ids=["zero-width space", "word joiner", "right-to-left override", "byte order mark", "soft hyphen",
        "hangul filler", "joiner in Latin", "line separator", "paragraph separator"])
def test_invisible_direction_and_separator_characters_are_refused(typed, what):
    with pytest.raises(InvalidName, match=re.escape(f"A plan name cannot contain {what}; type it without one.")):
        clean_name(typed, "plan")


def test_a_pile_of_combining_accents_is_refused():
    with pytest.raises(InvalidName) as caught:
        clean_name("Client plan" + "\u0336" * 150, "plan")  # a stroke overlay: no letter composes with it
    assert str(caught.value) == ("A plan name can have at most 4 accents or other combining marks on one character "
                                 "(this one has 150 in a row).")


@pytest.mark.parametrize("typed, message", [
    ("\u0421lient plan", "A client name cannot mix Latin and Cyrillic letters in one word ('\u0421lient'), since "
                         "they look alike; type the word in one alphabet."),
    ("Client pl\u0430n", "A client name cannot mix Latin and Cyrillic letters in one word ('pl\u0430n'), since "
                         "they look alike; type the word in one alphabet."),
    ("\u039fmega plan", "A client name cannot mix Latin and Greek letters in one word ('\u039fmega'), since they "
                        "look alike; type the word in one alphabet."),
], ids=["Cyrillic Es in a Latin word", "Cyrillic a in a Latin word", "Greek Omicron in a Latin word"])
def test_a_word_mixing_latin_with_cyrillic_or_greek_letters_is_refused(typed, message):
    with pytest.raises(InvalidName) as caught:
        clean_name(typed, "client")
    assert str(caught.value) == message


@pytest.mark.parametrize("typed", [
    "Мой план", "我的计划", "Σχέδιο διατροφής", "خطة غذائية",
    "می\u200cخواهم",  # Persian needs the non-joiner
    "क्षत्रिय योजना", "แผนอาหาร", "བསྒྲུབས", "Việt Nam",
    "Crème brûlée",
    "👩\u200d⚕\ufe0f plan", "🏳\ufe0f\u200d🌈 week", "Plan 1\ufe0f\u20e3",
    "Client Сергей",  # a Latin word and a Cyrillic word side by side
    "10 µg a day", "Omega-3 (ω-3)", "Client\u00a0plan", "Zoë's plan",
], ids=["russian", "chinese", "greek", "arabic", "persian with ZWNJ", "devanagari", "thai", "tibetan stack",
        "vietnamese", "accents", "emoji with ZWJ", "flag with ZWJ", "keycap", "two scripts, two words",
        "micro sign", "greek letter as its own word", "no-break space", "diaeresis"])
def test_names_in_any_single_script_and_emoji_sequences_keep_working(typed):
    assert clean_name(typed, "plan") == typed


@pytest.mark.parametrize("one, other", [
    ("Client plan", "Client\u00a0plan"), ("Client plan", "Client  plan"), ("Client plan", "Client\u3000plan"),
    ("Client plan", "\uff23lient plan"),  # fullwidth C
    ("Client plan", "\U0001d402lient plan"),  # mathematical bold C
    ("Office", "O\ufb03ce"),  # the ffi ligature
    ("❤ plan", "❤\ufe0f plan"),  # emoji and text style of one heart
])
def test_names_that_only_look_different_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize("one, other", [("Client plan", "Clientplan"), ("Мой план", "Мой пла"),
                                        ("Plan A", "Plan B")])
def test_names_that_read_differently_keep_different_keys(one, other):
    assert one != other and name_key(one) != name_key(other)


def test_a_name_with_a_no_break_space_is_the_plan_of_that_name(store, catalog):
    store.create(ME, None, a_plan(catalog, "Client plan"))
    with pytest.raises(NameTaken) as caught:
        store.create(ME, None, a_plan(catalog, "Client\u00a0plan"))
    assert caught.value.name == "Client plan"
    client = store.add_client(ME, "Client A", a_plan(catalog).profile)
    with pytest.raises(NameTaken):
        store.add_client(ME, "Client\u2003A", a_plan(catalog).profile)
    assert [c.id for c in store.clients(ME)] == [client.id]


# ---- rows saved before: migration 2 gives them the new keys ---------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def version_1_url(request, tmp_path) -> str:
    """A new database at schema version 1, as planners before this one left it."""
    url = (f"sqlite:///{tmp_path / 'plans.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engine = create_engine(store_url(url, Path()))
    try:
        assert migrate(engine, MIGRATIONS[:1]) == 1
    finally:
        engine.dispose()
    return url


def test_old_rows_get_the_new_keys_and_a_clash_is_numbered_not_lost(version_1_url, tmp_path, catalog):
    """Keys as version 1 computed them (case-folded NFC): three look-alikes were three plans."""
    engine = create_engine(store_url(version_1_url, Path()))
    created = datetime(2024, 5, 1, tzinfo=timezone.utc)
    profile = json.dumps({"age_years": 40, "sex": "female"})  # a client's profile, as plan files write it
    old = [("p1", "Client plan", "client plan"), ("p2", "Client\u00a0plan", "client\u00a0plan"),
           ("p3", "Client\u200bplan", "client\u200bplan"), ("p4", "Clientplan", "clientplan"),
           ("p5", "Мой план", "мой план")]
    with engine.begin() as connection:
        connection.execute(clients.insert().values(id="c1", owner=ME, name="Client A", name_key="client a",
                                                   profile=profile, created_at=created, updated_at=created))
        connection.execute(clients.insert().values(id="c2", owner=ME, name="Client\u00a0A", name_key="client\u00a0a",
                                                   profile=profile, created_at=created + timedelta(days=1),
                                                   updated_at=created))
        for number, (plan_id, name, key) in enumerate(old):
            connection.execute(plans.insert().values(
                id=plan_id, owner=ME, client_id=None, name=name, name_key=key, version=1,
                created_at=created + timedelta(days=number), updated_at=created,
                body=plan_to_json(a_plan(catalog, name))))
    engine.dispose()

    store = open_store(version_1_url, tmp_path, catalog)
    try:
        records = {record.id: record.name for record in store.plans(ME)}  # first use migrates
        assert records == {"p1": "Client plan", "p2": "Client\u00a0plan (2)", "p3": "Client\u200bplan",
                           "p4": "Clientplan (2)", "p5": "Мой план"}
        assert {c.id: c.name for c in store.clients(ME)} == {"c1": "Client A", "c2": "Client\u00a0A (2)"}
        with store.engine.connect() as connection:
            keys = dict(connection.execute(select(plans.c.id, plans.c.name_key)).all())
        assert keys == {"p1": "client plan", "p2": "client plan (2)", "p3": "clientplan", "p4": "clientplan (2)",
                        "p5": "мой план"}
        with pytest.raises(NameTaken) as caught:  # the old look-alike now holds its name
            store.create(ME, None, a_plan(catalog, "Client\u2007plan"))
        assert caught.value.existing_id == "p1"
        reopened = store.load(ME, "p2")  # opens under its new name, nothing lost
        assert (reopened.record.name, reopened.plan.name) == ("Client\u00a0plan (2)", "Client\u00a0plan (2)")
    finally:
        store.engine.dispose()
