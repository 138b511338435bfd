"""Build the bundled snapshot in planner/data/ from USDA's SR28 ASCII release (FDC's "SR Legacy").

Maintainers only: users never run this. Download `sr28asc.zip` from USDA ARS (Nutrient Data
Laboratory, "SR28 Download Files", ASCII) or FoodData Central's download page (SR Legacy,
ASCII), then:

    python -m scripts.build_snapshot sr28asc.zip          # or a folder of the .txt files

`NUT_DATA.txt` may be plain or gzipped (`NUT_DATA.txt.gz`). Each input file must have the
sha256 pinned below (of its decompressed content) unless `--allow-unpinned` is given. The
whole release is read and checked before anything is written, so a bad input never leaves a
half snapshot; the output is byte-identical for the same input (sorted rows, no timestamps).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

DATA_DIR = Path(__file__).resolve().parent.parent / "planner" / "data"  # the package's data, in the source tree
RELEASE = "SR28"
DATASET = "USDA National Nutrient Database for Standard Reference, Legacy Release (SR28), May 2016"

# sha256 of each file's decompressed content (USDA's release, as checked in ../shared/reference/sr28).
PINNED_SHA256 = {
    "FOOD_DES.txt": "a0b39f3ac21703c75c855c35bd8f99df4710db2904a8c351fc5e7f5ed3596b98",
    "FD_GROUP.txt": "1f497ae6b4b0127956d0eff4ec2d190d040bac8e6892ff0fb45773d4913033ba",
    "NUT_DATA.txt": "8b86e1d65bfa581e503fdafd16ce41fc04e7e4b00498c3888a04ec0c8f846759",
    "NUTR_DEF.txt": "fa0c3bef08d2dbd68baf3496ae09db718f01cc3f3103b90d4c8712456cab3b20",
    "WEIGHT.txt": "98484d7e26b3803467e65a9ab2ad8094bc94ed0c50375efb7e26a8bd60b1afae",
    "LANGUAL.txt": "6c03b2acb753323b265a2f4d2d3b87cc7af54b22ff1ef6fdc6dd05d633b1b584",
    "LANGDESC.txt": "583a6139450b0cc5df46e237a1f8279da3e1298ca70374da4dadd74c6566e0c5",
}
FIELD_COUNTS = {"FOOD_DES.txt": 14, "FD_GROUP.txt": 2, "NUT_DATA.txt": 18, "NUTR_DEF.txt": 6,
                "WEIGHT.txt": 7, "LANGUAL.txt": 2, "LANGDESC.txt": 2}

# SR nutrient numbers -> snapshot column, with the unit SR must use for them (NUTR_DEF).
NUTRIENTS = {
    "418": ("b12_ug_per_100g", "µg"),
    "578": ("b12_added_ug_per_100g", "µg"),
    "208": ("kcal_per_100g", "kcal"),
    "319": ("retinol_ug_per_100g", "µg"),
}
# LanguaL facets the diet and allergen rules read: B = source organism, H = treatment
# (e.g. H0191 MEAT ADDED, H0186 EGG ADDED).
LANGUAL_FACETS = ("B", "H")

FOOD_COLUMNS = ["ndb", "description", "food_group", "b12_ug_per_100g", "b12_added_ug_per_100g",
                "kcal_per_100g", "retinol_ug_per_100g", "b12_year", "survey", "common_names",
                "manufacturer", "langual"]
MEASURE_COLUMNS = ["ndb", "seq", "label", "grams"]
LANGUAL_COLUMNS = ["code", "description"]
OUTPUT_FILES = ("sr28_foods.csv", "sr28_measures.csv", "sr28_langual.csv", "sr28_manifest.json")


class BuildError(Exception):
    """A release that cannot be built from; the message names the file and, where known, the line."""


def number_text(raw: str) -> str:
    """Shortest round-trip text of a number, so '3.0' and '3' build the same bytes."""
    value = float(raw)
    return str(int(value)) if value.is_integer() else repr(value)


# ---- reading the release ------------------------------------------------------------------

@dataclass(frozen=True)
class SourceFile:
    name: str
    text: str
    sha256: str


def _open_source(source: Path) -> Callable[[str], bytes | None]:
    """A reader of one file's decompressed bytes by name, from a folder or USDA's zip."""
    if source.is_dir():
        def from_folder(name: str) -> bytes | None:
            plain, packed = source / name, source / f"{name}.gz"
            if plain.is_file():
                return plain.read_bytes()
            if packed.is_file():
                try:
                    return gzip.decompress(packed.read_bytes())
                except (OSError, EOFError, zlib.error) as error:
                    raise BuildError(f"{packed.name}: not a readable gzip file ({error})") from None
            return None
        return from_folder
    if source.is_file():
        try:
            archive = zipfile.ZipFile(source)
        except zipfile.BadZipFile:
            raise BuildError(f"{source.name}: not a zip file (expected USDA's sr28asc.zip)") from None
        members = {Path(info.filename).name: info for info in archive.infolist() if not info.is_dir()}

        def from_zip(name: str) -> bytes | None:
            for candidate in (name, f"{name}.gz"):
                info = members.get(candidate)
                if info is None:
                    continue
                try:
                    data = archive.read(info)
                    return gzip.decompress(data) if candidate.endswith(".gz") else data
                except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
                    raise BuildError(f"{source.name}: {candidate} cannot be read ({error})") from None
            return None
        return from_zip
    raise BuildError(f"{source}: no such folder or zip file")


def read_sources(source: Path, pinned: dict[str, str] | None) -> dict[str, SourceFile]:
    """Every input file, checked against its pinned sha256 (None: accept any, say so in the manifest)."""
    read = _open_source(source)
    files: dict[str, SourceFile] = {}
    for name in FIELD_COUNTS:
        data = read(name)
        if data is None:
            raise BuildError(f"{name}: missing from {source}")
        digest = hashlib.sha256(data).hexdigest()
        if pinned is not None and pinned.get(name) != digest:
            raise BuildError(f"{name}: sha256 {digest} is not SR28's pinned {pinned.get(name)} "
                             "(a different or damaged release; --allow-unpinned builds from it anyway)")
        files[name] = SourceFile(name, data.decode("latin-1"), digest)
    return files


def _field(raw: str) -> str:
    """A field without SR's ~text~ delimiters."""
    return raw[1:-1] if len(raw) >= 2 and raw[0] == "~" and raw[-1] == "~" else raw


def records(file: SourceFile) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every non-empty line, each with exactly the file's field count."""
    expected = FIELD_COUNTS[file.name]
    rows: list[tuple[int, list[str]]] = []
    # Split on line ends only: str.splitlines would also split on Latin-1's U+0085 and friends.
    for number, line in enumerate(re.split(r"\r\n|\n|\r", file.text), start=1):
        if not line.strip():
            continue
        fields = line.split("^")
        if len(fields) != expected:
            raise BuildError(f"{file.name} line {number}: {len(fields)} fields, expected {expected}")
        rows.append((number, [_field(f) for f in fields]))
    return rows


def _number(file: str, line: int, raw: str) -> str:
    try:
        return number_text(raw)
    except ValueError:
        raise BuildError(f"{file} line {line}: {raw!r} is not a number") from None


def _ndb(file: str, line: int, raw: str) -> str:
    if not re.fullmatch(r"\d{5}", raw):
        raise BuildError(f"{file} line {line}: NDB number {raw!r} is not five digits")
    return raw


# ---- building -----------------------------------------------------------------------------

def _check_units(files: dict[str, SourceFile]) -> None:
    units = {fields[0]: fields[1] for _, fields in records(files["NUTR_DEF.txt"])}
    for number, (column, unit) in NUTRIENTS.items():
        if units.get(number) != unit:
            raise BuildError(f"NUTR_DEF.txt: nutrient {number} ({column}) is in {units.get(number)!r}, not {unit}")


def build_tables(files: dict[str, SourceFile]) -> tuple[list[dict], list[dict], list[dict]]:
    """Foods, household measures and the LanguaL codes they use, sorted; unknown values stay empty."""
    _check_units(files)
    groups = {fields[0]: fields[1] for _, fields in records(files["FD_GROUP.txt"])}
    foods: dict[str, dict] = {}
    for line, f in records(files["FOOD_DES.txt"]):
        ndb = _ndb("FOOD_DES.txt", line, f[0])
        if f[1] not in groups:
            raise BuildError(f"FOOD_DES.txt line {line}: food group {f[1]!r} is not in FD_GROUP.txt")
        foods[ndb] = {"ndb": ndb, "description": f[2].strip(), "food_group": groups[f[1]],
                      **{column: "" for column, _ in NUTRIENTS.values()}, "b12_year": "",
                      "survey": "Y" if f[6] == "Y" else "", "common_names": f[4].strip(),
                      "manufacturer": f[5].strip(), "langual": ""}
    for line, f in records(files["NUT_DATA.txt"]):
        wanted = NUTRIENTS.get(f[1])
        if wanted is None:
            continue
        food = foods.get(_ndb("NUT_DATA.txt", line, f[0]))
        if food is None:
            raise BuildError(f"NUT_DATA.txt line {line}: NDB {f[0]} is not in FOOD_DES.txt")
        food[wanted[0]] = _number("NUT_DATA.txt", line, f[2])
        if f[1] == "418" and re.fullmatch(r"\d{2}/\d{4}", f[16]):  # AddMod_Date: when the value was set
            food["b12_year"] = f[16][-4:]
    measures: list[dict] = []
    for line, f in records(files["WEIGHT.txt"]):
        ndb = _ndb("WEIGHT.txt", line, f[0])
        if ndb not in foods:
            raise BuildError(f"WEIGHT.txt line {line}: NDB {ndb} is not in FOOD_DES.txt")
        label = f"{_number('WEIGHT.txt', line, f[2])} {f[3].strip()}"
        measures.append({"ndb": ndb, "seq": int(_number("WEIGHT.txt", line, f[1])), "label": label,
                         "grams": _number("WEIGHT.txt", line, f[4])})
    descriptions = {fields[0]: fields[1] for _, fields in records(files["LANGDESC.txt"])}
    codes: dict[str, set[str]] = {}
    for line, f in records(files["LANGUAL.txt"]):
        ndb = _ndb("LANGUAL.txt", line, f[0])
        if ndb not in foods:
            raise BuildError(f"LANGUAL.txt line {line}: NDB {ndb} is not in FOOD_DES.txt")
        if f[1][:1] in LANGUAL_FACETS:
            if f[1] not in descriptions:
                raise BuildError(f"LANGUAL.txt line {line}: code {f[1]} is not in LANGDESC.txt")
            codes.setdefault(ndb, set()).add(f[1])
    for ndb, used in codes.items():
        foods[ndb]["langual"] = " ".join(sorted(used))
    used_codes = sorted(set().union(*codes.values())) if codes else []
    measures.sort(key=lambda r: (r["ndb"], r["seq"]))
    return ([foods[ndb] for ndb in sorted(foods)], measures,
            [{"code": code, "description": descriptions[code]} for code in used_codes])


def csv_text(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(source: Path, out_dir: Path = DATA_DIR, pinned: dict[str, str] | None = PINNED_SHA256) -> dict:
    """Read and check the whole release, then write every output file (each replaced atomically)."""
    files = read_sources(source, pinned)
    foods, measures, langual = build_tables(files)
    manifest = {
        "dataset": DATASET,
        "release": RELEASE,
        "data_type": "SR Legacy",
        "license": "public domain (U.S. Government work)",
        "source": "USDA ARS Nutrient Data Laboratory, sr28asc.zip (ASCII, Latin-1)",
        "input_sha256": {name: files[name].sha256 for name in sorted(files)},
        "checksums": "pinned" if pinned is not None else "not checked (--allow-unpinned)",
        "counts": {
            "foods": len(foods),
            "foods_with_b12": sum(1 for r in foods if r["b12_ug_per_100g"] != ""),
            "foods_with_b12_added": sum(1 for r in foods if r["b12_added_ug_per_100g"] not in ("", "0")),
            "survey_foods": sum(1 for r in foods if r["survey"]),
            "measures": len(measures),
            "langual_foods": sum(1 for r in foods if r["langual"]),
        },
        "units": {column: unit for column, unit in NUTRIENTS.values()},
        "files": list(OUTPUT_FILES[:-1]),
    }
    write_outputs(out_dir, {
        "sr28_foods.csv": csv_text(FOOD_COLUMNS, foods),
        "sr28_measures.csv": csv_text(MEASURE_COLUMNS, measures),
        "sr28_langual.csv": csv_text(LANGUAL_COLUMNS, langual),
        "sr28_manifest.json": manifest_text(manifest),
    })
    return manifest


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_outputs(out_dir: Path, outputs: dict[str, str]) -> None:
    """Every file or none: each is written beside its place, then all are moved in."""
    out_dir.mkdir(parents=True, exist_ok=True)
    temps: dict[str, str] = {}
    try:
        for name, text in outputs.items():
            handle, temps[name] = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as temp:
                temp.write(text)
            os.chmod(temps[name], 0o644)  # mkstemp makes 0600; data files are world-readable
        for name, temp_name in temps.items():
            os.replace(temp_name, out_dir / name)
    finally:
        for temp_name in temps.values():
            Path(temp_name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="sr28asc.zip, or a folder of its .txt files")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--allow-unpinned", action="store_true",
                        help="build from files whose sha256 differs from SR28's (recorded in the manifest)")
    args = parser.parse_args(argv)
    try:
        manifest = build(args.source, args.out, None if args.allow_unpinned else PINNED_SHA256)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(manifest["counts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
