"""A person's data on request: every saved plan as a plan file, in one zip. Pure (bytes in
memory); the app offers it as a download and the operator CLI writes it to a file.

Inside the zip: `plans/<plan>.json` (the person's own plans), `clients/<client>/<plan>.json`,
and `manifest.json` (the owner, the clients with their profiles, and which file is which
plan). File names keep the name as typed in any script ("Мой план.json") but lose what some
file system or unzip tool refuses or misreads: path separators, control and bidirectional
formatting characters, `<>:"|?*`, trailing dots and spaces, device names such as CON.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from datetime import datetime, timezone

from planner.jsonshapes import profile_json
from planner.store.plans import OwnerData

MAX_NAME_BYTES = 120  # UTF-8 bytes of a file name's stem: well inside every file system's 255
MANIFEST = "manifest.json"
OWN_FOLDER = "plans"
CLIENTS_FOLDER = "clients"
REFUSED_CHARACTERS = re.compile(r'[<>:"/\\|?*]')
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
DEVICE_NAMES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def safe_file_stem(name: str, fallback: str = "plan") -> str:
    """A file name (without extension) that any file system and zip tool takes as it is."""
    text = " ".join(unicodedata.normalize("NFC", name).split())  # any run of white space is one space
    text = "".join("_" if char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs") else char
                   for char in REFUSED_CHARACTERS.sub("_", text))
    text = text.strip(" .")
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1].rstrip(" .")
    if not text:
        return fallback
    if text.split(".")[0].lower() in DEVICE_NAMES:
        return f"_{text}"
    return text


def _unique(stem: str, taken: set[str]) -> str:
    """The stem, numbered if a name differing only in case is taken (case-insensitive file systems)."""
    candidate, number = stem, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number})"
    taken.add(candidate.casefold())
    return candidate


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    utc = moment.astimezone(timezone.utc)
    return (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second)


def data_zip(data: OwnerData, exported_at: datetime) -> bytes:
    """The zip of everything `data` holds: plan files as stored, and a manifest naming them."""
    folders: dict[str | None, str] = {None: OWN_FOLDER}
    taken_folders: set[str] = set()
    for client in data.clients:
        folders[client.id] = f"{CLIENTS_FOLDER}/{_unique(safe_file_stem(client.name, 'client'), taken_folders)}"
    taken_files: dict[str, set[str]] = {folder: set() for folder in folders.values()}
    entries, listed = [], []
    for saved in data.plans:
        record = saved.record
        folder = folders[record.client_id]
        path = f"{folder}/{_unique(safe_file_stem(record.name), taken_files[folder])}.json"
        entries.append((path, saved.body, record.updated_at))
        listed.append({"file": path, "id": record.id, "name": record.name, "client_id": record.client_id,
                       "client": record.client_name, "version": record.version,
                       "created_at": record.created_at.isoformat(), "updated_at": record.updated_at.isoformat()})
    manifest = {"owner": data.owner, "exported_at": exported_at.astimezone(timezone.utc).isoformat(),
                "clients": [{"id": c.id, "name": c.name, "folder": folders[c.id], "profile": profile_json(c.profile)}
                            for c in data.clients],
                "plans": listed}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(MANIFEST, _zip_time(exported_at)),
                         json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", zipfile.ZIP_DEFLATED)
        for path, body, updated_at in entries:
            archive.writestr(zipfile.ZipInfo(path, _zip_time(updated_at)), body, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
