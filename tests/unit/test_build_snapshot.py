"""The SR28 snapshot builder on a small release in USDA's ASCII format, written here."""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

import scripts.build_snapshot as builder
from planner.snapshot import DATA_DIR, read_snapshot
from tests.support.shared import shared_path

# Two foods in USDA's format: ~text~ fields, ^ separators, CRLF, Latin-1 (µ is 0xB5).
RELEASE = {
    "FOOD_DES.txt": [
        "~01001~^~0100~^~Butter, salted~^~BUTTER,WITH SALT~^^^~Y~^^0^^6.38^4.27^8.79^3.87",
        "~16139~^~1600~^~Soymilk, original and vanilla, with added calcium, vitamins A and D~^~SOYMILK~^"
        "~soy milk, soya milk~^~Acme Soy Co.~^~Y~^^0^^^^^",
        "~43128~^~1600~^~Chicken, meatless~^~CHICKEN,MEATLESS~^^^^^0^^^^^",
    ],
    "FD_GROUP.txt": ["~0100~^~Dairy and Egg Products~", "~1600~^~Legumes and Legume Products~"],
    "NUT_DATA.txt": [
        "~01001~^~418~^0.17^2^^~1~^^^^^^^^^^^11/2003^",
        "~01001~^~578~^0.0^0^^~4~^^^^^^^^^^^04/2015^",
        "~01001~^~208~^717^0^^~4~^^^^^^^^^^^11/1976^",
        "~01001~^~319~^671^0^^~4~^^^^^^^^^^^11/1976^",
        "~01001~^~203~^0.85^16^0.074^~1~^^^^^^^^^^^11/1976^",
        "~16139~^~418~^0.85^0^^~4~^^^^^^^^^^^03/2009^",
        "~16139~^~578~^0.85^0^^~4~^^^^^^^^^^^03/2009^",
    ],
    "NUTR_DEF.txt": ["~418~^~\xb5g~^~VITB12~^~Vitamin B-12~^~2~^~7300~",
                     "~578~^~\xb5g~^~~^~Vitamin B-12, added~^~2~^~7340~",
                     "~208~^~kcal~^~ENERC_KCAL~^~Energy~^~0~^~300~",
                     "~319~^~\xb5g~^~RETOL~^~Retinol~^~0~^~7430~"],
    "WEIGHT.txt": ["~01001~^2^1^~tbsp~^14.2^^", "~01001~^1^1^~pat (1\" sq, 1/3\" high)~^5.0^^",
                   "~16139~^1^1^~cup~^243^^"],
    "LANGUAL.txt": ["~16139~^~B1452~", "~16139~^~A0146~", "~01001~^~H0003~"],
    "LANGDESC.txt": ["~B1452~^~SOYBEAN~", "~A0146~^~MILK SUBSTITUTE~", "~H0003~^~NO TREATMENT APPLIED~"],
}


def write_release(folder: Path, gzip_nut_data: bool = False, **changes: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in {**RELEASE, **changes}.items():
        data = ("\r\n".join(lines) + "\r\n").encode("latin-1")
        if name == "NUT_DATA.txt" and gzip_nut_data:
            (folder / "NUT_DATA.txt.gz").write_bytes(gzip.compress(data, mtime=0))
        else:
            (folder / name).write_bytes(data)
    return folder


def build(source: Path, out: Path) -> dict:
    return builder.build(source, out, pinned=None)


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in builder.OUTPUT_FILES}


def test_folder_zip_and_gzip_build_the_same_bytes(tmp_path):
    plain = write_release(tmp_path / "plain")
    packed = write_release(tmp_path / "packed", gzip_nut_data=True)
    archive = tmp_path / "sr28asc.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(plain.iterdir()):
            zipped.write(path, path.name)
    built = []
    for index, source in enumerate((plain, packed, archive, plain)):
        build(source, tmp_path / f"out{index}")
        built.append(outputs(tmp_path / f"out{index}"))
    assert built[0] == built[1] == built[2] == built[3]


def test_manifest_records_each_input_sha256_counts_and_release(tmp_path):
    source = write_release(tmp_path / "sr28", gzip_nut_data=True)
    manifest = build(source, tmp_path / "out")
    nut_data = ("\r\n".join(RELEASE["NUT_DATA.txt"]) + "\r\n").encode("latin-1")
    assert manifest["input_sha256"]["NUT_DATA.txt"] == hashlib.sha256(nut_data).hexdigest()  # decompressed
    assert set(manifest["input_sha256"]) == set(RELEASE)
    assert manifest["release"] == "SR28"
    assert manifest["counts"]["foods"] == 3
    assert manifest["counts"]["foods_with_b12"] == 2
    assert manifest["counts"]["foods_with_b12_added"] == 1
    assert manifest["counts"]["survey_foods"] == 2
    assert manifest["counts"]["measures"] == 3
    written = json.loads((tmp_path / "out" / "sr28_manifest.json").read_text(encoding="utf-8"))
    assert written == manifest
    assert "2026" not in json.dumps(manifest)  # no build timestamps


def test_records_keep_unknowns_empty_and_carry_the_new_facts(tmp_path):
    build(write_release(tmp_path / "sr28"), tmp_path / "out")
    (tmp_path / "out" / "sr24_foods.csv").write_text("ndb,description,food_group,b12_ug_per_100g,"
                                                     "kcal_per_100g,retinol_ug_per_100g\n", encoding="utf-8")
    (tmp_path / "out" / "sr24_measures.csv").write_text("ndb,seq,label,grams\n", encoding="utf-8")
    catalog = read_snapshot(tmp_path / "out")
    soymilk = catalog.get_food("sr:16139")
    assert soymilk.b12_added_ug_per_100g == pytest.approx(0.85)
    assert soymilk.fortified and soymilk.everyday
    assert soymilk.common_names == ("soy milk", "soya milk")
    assert soymilk.brand_owner == "Acme Soy Co."
    assert soymilk.b12_data_year == 2009
    assert soymilk.langual == ("B1452",)  # only the B and H facets are kept
    assert soymilk.kcal_per_100g is None  # no energy row: unknown, not 0
    butter = catalog.get_food("sr:01001")
    assert [p.label for p in butter.portions] == ['1 pat (1" sq, 1/3" high)', "1 tbsp", "100 g"]  # by Seq
    meatless = catalog.get_food("sr:43128")
    assert meatless.b12_ug_per_100g is None and meatless.b12_added_ug_per_100g is None
    assert not meatless.everyday


@pytest.mark.parametrize("damage,message", [
    ({"WEIGHT.txt": ["~01001~^1^1^~tbsp~^14.2^^", "~01001~^2^1^~cup~^227^"]},
     "WEIGHT.txt line 2: 6 fields, expected 7"),
    ({"NUT_DATA.txt": ["~01001~^~418~^abc^2^^~1~^^^^^^^^^^^11/2003^"]}, "NUT_DATA.txt line 1: 'abc' is not a number"),
    ({"FOOD_DES.txt": ["~1001~^~0100~^~Butter~^~B~^^^~Y~^^0^^^^^"]}, "FOOD_DES.txt line 1: NDB number '1001'"),
    ({"FOOD_DES.txt": ["~01001~^~9900~^~Butter~^~B~^^^~Y~^^0^^^^^"]}, "FOOD_DES.txt line 1: food group '9900'"),
])
def test_a_bad_row_stops_the_build_naming_file_and_line(tmp_path, damage, message):
    with pytest.raises(builder.BuildError, match=message.replace("(", r"\(")):
        build(write_release(tmp_path / "sr28", **damage), tmp_path / "out")


def test_missing_or_corrupt_files_are_named(tmp_path):
    source = write_release(tmp_path / "sr28")
    (source / "LANGUAL.txt").unlink()
    with pytest.raises(builder.BuildError, match="LANGUAL.txt: missing"):
        build(source, tmp_path / "out")
    source = write_release(tmp_path / "gz", gzip_nut_data=True)
    (source / "NUT_DATA.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not gzip at all")
    with pytest.raises(builder.BuildError, match="NUT_DATA.txt.gz: not a readable gzip file"):
        build(source, tmp_path / "out")
    (tmp_path / "sr28asc.zip").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(builder.BuildError, match="not a zip file"):
        build(tmp_path / "sr28asc.zip", tmp_path / "out")


def test_a_file_that_is_not_sr28s_is_refused_unless_told(tmp_path):
    source = write_release(tmp_path / "sr28")
    with pytest.raises(builder.BuildError, match=r"FOOD_DES.txt: sha256 [0-9a-f]{64} is not SR28's pinned"):
        builder.build(source, tmp_path / "out")  # the pinned checksums by default
    assert builder.main([str(source), "--out", str(tmp_path / "out2"), "--allow-unpinned"]) == 0
    manifest = json.loads((tmp_path / "out2" / "sr28_manifest.json").read_text(encoding="utf-8"))
    assert manifest["checksums"].startswith("not checked")


def test_a_failed_build_leaves_the_previous_snapshot_untouched(tmp_path, capsys):
    out = tmp_path / "out"
    build(write_release(tmp_path / "good"), out)
    before = outputs(out)
    bad = write_release(tmp_path / "bad", **{"LANGUAL.txt": ["~16139~^~B9999~"]})
    assert builder.main([str(bad), "--out", str(out), "--allow-unpinned"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: LANGUAL.txt line 1: code B9999 is not in LANGDESC.txt"]
    assert outputs(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(builder.OUTPUT_FILES)  # no temp files left


def test_committed_snapshot_is_what_the_builder_makes_from_usdas_release(tmp_path):
    release = shared_path("reference", "sr28")
    manifest = builder.build(release, tmp_path / "out")  # pinned checksums: USDA's own files
    assert manifest["counts"] == {"foods": 8789, "foods_with_b12": 7596, "foods_with_b12_added": 323,
                                  "survey_foods": 3404, "measures": 15438, "langual_foods": 2661}
    for name in builder.OUTPUT_FILES:
        assert (tmp_path / "out" / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
