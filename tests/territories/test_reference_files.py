"""The shipped reference files match the official source they were built from.

No Django: run with ``pytest -p no:django tests/territories/test_reference_files.py``.
Figures are read from the shipped npm tarball, never restated here.
"""

import csv
import hashlib
import importlib.util
import json
import re
import tarfile
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
REFERENCE = DATA / "territories"
SHAPES = REFERENCE / "shapes"
SOURCE = DATA / "sources" / "etalab-decoupage-administratif-6.0.0.tgz"
HEADERS = {
    "regions": "code,name",
    "departements": "code,name,region_code",
    "epci": "code,name,kind,source_type,financing,population",
    "communes": "code,name,kind,parent_code,departement_code,region_code,epci_code,"
    "population,siren",
}
KIND_OF_TYPE = {
    "commune-actuelle": "commune",
    "arrondissement-municipal": "arrondissement_municipal",
    "commune-deleguee": "commune_deleguee",
    "commune-associee": "commune_associee",
}
EPCI_KIND_OF_TYPE = {
    "METRO": "metropole",
    "MET69": "metropole",
    "CU": "communaute_urbaine",
    "CA": "communaute_agglomeration",
    "CC": "communaute_communes",
}
OVERSEAS = ("971", "972", "973", "974", "976")


@cache
def source(name):
    with tarfile.open(SOURCE) as archive:
        return json.load(archive.extractfile(f"package/data/{name}.json"))


@cache
def table(name):
    with (REFERENCE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def communes_by_key():
    return {(r["code"], r["kind"]): r for r in table("communes")}


@cache
def shapes_file(relative):
    return json.loads((SHAPES / relative).read_text(encoding="utf-8"))


@cache
def commune_files():
    return {p.stem: shapes_file(f"communes/{p.name}") for p in (SHAPES / "communes").glob("*.json")}


def member_epci():
    return {m["code"]: e["code"] for e in source("epci") for m in e["membres"]}


def in_frame(departement_code):
    """The 101 départements are drawn; collectivités d'outre-mer (975, 977...) are not."""
    return len(departement_code) == 2 or departement_code in OVERSEAS


# --- sources and file format ---------------------------------------------------------


def test_shipped_tarball_is_the_pinned_package():
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    documented = (REFERENCE / "SOURCES.md").read_text(encoding="utf-8")
    assert f"sha256 `{digest}`" in documented
    with tarfile.open(SOURCE) as archive:
        package = json.load(archive.extractfile("package/package.json"))
    assert (package["name"], package["version"]) == ("@etalab/decoupage-administratif", "6.0.0")


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_csv_is_utf8_with_contract_header_and_unix_line_ends(name):
    raw = (REFERENCE / f"{name}.csv").read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert text.endswith("\n")
    assert text.split("\n", 1)[0] == HEADERS[name]


# --- tables --------------------------------------------------------------------------


def test_regions_and_departements_match_the_source():
    assert {(r["code"], r["name"]) for r in table("regions")} == {
        (r["code"], r["nom"]) for r in source("regions")
    }
    assert [(r["code"], r["name"], r["region_code"]) for r in table("departements")] == sorted(
        (d["code"], d["nom"], d["region"]) for d in source("departements")
    )


def test_communes_by_kind_match_the_source():
    expected = Counter(KIND_OF_TYPE[c["type"]] for c in source("communes"))
    assert Counter(r["kind"] for r in table("communes")) == expected
    assert len(table("communes")) == len(source("communes"))


def test_commune_key_is_code_and_kind():
    rows = table("communes")
    keys = [(r["code"], r["kind"]) for r in rows]
    assert len(set(keys)) == len(keys)
    assert set(keys) == {(c["code"], KIND_OF_TYPE[c["type"]]) for c in source("communes")}
    # A commune déléguée keeping its commune nouvelle's code: the reason for the key.
    shared = Counter(c["code"] for c in source("communes"))
    assert sum(1 for n in Counter(r["code"] for r in rows).values() if n == 2) == sum(
        1 for n in shared.values() if n == 2
    )
    by_key = communes_by_key()
    assert by_key["49126", "commune"]["parent_code"] == ""
    assert by_key["49126", "commune_deleguee"]["parent_code"] == "49126"


def test_epci_match_the_source():
    rows = {r["code"]: r for r in table("epci")}
    assert len(rows) == len(table("epci")) == len(source("epci"))
    for e in source("epci"):
        row = rows[e["code"]]
        assert row["name"] == e["nom"]
        assert row["source_type"] == e["type"]
        assert row["kind"] == EPCI_KIND_OF_TYPE[e["type"]]
        assert row["financing"] == e["modeFinancement"]
        assert int(row["population"]) == e["populationMunicipale"]
    assert Counter(r["source_type"] for r in table("epci")) == Counter(
        e["type"] for e in source("epci")
    )
    metropoles = sum(1 for e in source("epci") if e["type"] in ("METRO", "MET69"))
    assert sum(1 for r in table("epci") if r["kind"] == "metropole") == metropoles == 22


def test_epci_population_totals_match_the_source():
    total = sum(int(r["population"]) for r in table("epci"))
    assert total == sum(e["populationMunicipale"] for e in source("epci"))
    assert total == sum(m["populationMunicipale"] for e in source("epci") for m in e["membres"])


def test_commune_populations_and_sirens_match_the_source():
    by_key = communes_by_key()
    for c in source("communes"):
        row = by_key[c["code"], KIND_OF_TYPE[c["type"]]]
        if c["type"] == "commune-actuelle":
            assert row["population"] == ("" if "population" not in c else str(c["population"]))
            assert row["siren"] == c.get("siren", "")
        else:
            assert row["population"] == row["siren"] == ""
    total = sum(int(r["population"]) for r in table("communes") if r["population"])
    assert total == sum(
        c.get("population", 0) for c in source("communes") if c["type"] == "commune-actuelle"
    )


def test_every_commune_epci_matches_the_source_membership():
    owner = member_epci()
    by_key = communes_by_key()
    for row in table("communes"):
        if row["kind"] == "commune":
            assert row["epci_code"] == owner.get(row["code"], ""), row["code"]
        else:
            assert row["epci_code"] == by_key[row["parent_code"], "commune"]["epci_code"]
    members = defaultdict(set)
    for row in table("communes"):
        if row["kind"] == "commune" and row["epci_code"]:
            members[row["epci_code"]].add(row["code"])
    for e in source("epci"):
        assert members[e["code"]] == {m["code"] for m in e["membres"]}, e["code"]


def test_parents_of_arrondissements_deleguees_and_associees():
    by_key = communes_by_key()
    assert by_key["75108", "arrondissement_municipal"]["parent_code"] == "75056"
    assert by_key["13201", "arrondissement_municipal"]["parent_code"] == "13055"
    assert by_key["69381", "arrondissement_municipal"]["parent_code"] == "69123"
    assert by_key["62461", "commune_deleguee"]["parent_code"] == "62447"  # Huby-Saint-Leu
    for c in source("communes"):
        row = by_key[c["code"], KIND_OF_TYPE[c["type"]]]
        expected = c.get("commune") or c.get("chefLieu") or ""
        assert row["parent_code"] == expected
        if expected:
            assert (expected, "commune") in by_key


def test_commune_departement_and_region_match_the_source():
    by_key = communes_by_key()
    for c in source("communes"):
        row = by_key[c["code"], KIND_OF_TYPE[c["type"]]]
        assert (row["departement_code"], row["region_code"]) == (c["departement"], c["region"])


# --- shapes --------------------------------------------------------------------------

NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)"
TOKENS = re.compile(rf"[MmLlZz]|{NUMBER}")


def path_points(d):
    """Absolute points of SVG path data made of M/m/L/l/Z commands."""
    points, x, y, start, command = [], 0.0, 0.0, (0.0, 0.0), None
    tokens = TOKENS.findall(d)
    assert "".join(tokens) == d.replace(" ", ""), "unexpected characters in path data"
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in "MmLlZz":
            command, i = token, i + 1
            if token in "Zz":
                x, y = start
            continue
        dx, dy = float(tokens[i]), float(tokens[i + 1])
        i += 2
        if command in "ML":
            x, y = dx, dy
        else:
            x, y = x + dx, y + dy
        if command in "Mm":
            start = (x, y)
            command = "L" if command == "M" else "l"
        points.append((x, y))
    return points


def all_shape_files():
    files = {level: shapes_file(f"{level}.json") for level in ("region", "departement", "epci")}
    files.update({f"communes/{k}": v for k, v in commune_files().items()})
    return files


def test_shape_files_share_one_frame():
    files = all_shape_files()
    assert len(files) == 3 + sum(1 for d in table("departements") if in_frame(d["code"]))
    frames = {(f["frame"], tuple(f["viewBox"])) for f in files.values()}
    assert len(frames) == 1
    ((_, view_box),) = frames
    assert len(view_box) == 4
    assert view_box[2] >= 1000


def test_bboxes_are_those_of_the_paths_and_inside_the_view_box():
    for name, data in all_shape_files().items():
        x, y, w, h = data["viewBox"]
        blocks = [data["shapes"], data.get("arrondissements", {})]
        for code, shape in ((c, s) for block in blocks for c, s in block.items()):
            points = path_points(shape["d"])
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            extent = [min(xs), min(ys), max(xs), max(ys)]
            assert extent == pytest.approx(shape["bbox"], abs=0.051), (name, code)
            x0, y0, x1, y1 = shape["bbox"]
            assert x <= x0 < x1 <= x + w, (name, code)
            assert y <= y0 < y1 <= y + h, (name, code)


def test_every_epci_departement_and_region_has_a_shape():
    assert set(shapes_file("epci.json")["shapes"]) == {r["code"] for r in table("epci")}
    drawn = {d["code"] for d in table("departements") if in_frame(d["code"])}
    assert len(drawn) == 101
    assert set(shapes_file("departement.json")["shapes"]) == drawn
    regions = {d["region_code"] for d in table("departements") if d["code"] in drawn}
    assert len(regions) == 18
    assert set(shapes_file("region.json")["shapes"]) == regions


def test_commune_shapes_are_filed_by_departement_and_missing_ones_are_listed():
    communes = {r["code"]: r for r in table("communes") if r["kind"] == "commune"}
    drawn = set()
    for departement, data in commune_files().items():
        assert {communes[c]["departement_code"] for c in data["shapes"]} == {departement}
        drawn |= set(data["shapes"])
        for code in data.get("arrondissements", {}):
            row = communes_by_key()[code, "arrondissement_municipal"]
            assert row["departement_code"] == departement
    text = (SHAPES / "MISSING.md").read_text(encoding="utf-8")
    section = re.search(r"^## Communes without shape \((\d+)\)\n(.*?)^## ", text, re.M | re.S)
    listed = re.findall(r"^- `(\w+)`", section.group(2), re.M)
    assert int(section.group(1)) == len(listed) == len(set(listed))
    assert set(listed) == set(communes) - drawn
    # Only the collectivités d'outre-mer (by design) and a handful of others lack one.
    assert sum(1 for c in listed if in_frame(communes[c]["departement_code"])) < 10
    arrondissements = {k[0] for k in communes_by_key() if k[1] == "arrondissement_municipal"}
    assert {c for f in commune_files().values() for c in f.get("arrondissements", {})} == (
        arrondissements
    )


def test_shape_files_stay_within_their_size_budget():
    for level in ("region", "departement", "epci"):
        assert (SHAPES / f"{level}.json").stat().st_size < 1_500_000
    total = sum(p.stat().st_size for p in (SHAPES / "communes").glob("*.json"))
    assert total < 12_000_000


def load_frame_module():
    spec = importlib.util.spec_from_file_location(
        "territories_frame", DATA / "territories_build" / "frame.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("lon", "lat", "x", "y"),
    [
        # Reference values from PROJ (EPSG:4326 -> EPSG:2154).
        (3.0, 46.5, 700000.0, 6600000.0),
        (2.3522, 48.8566, 652469.023, 6862035.259),
        (-5.141276573546223, 48.45, 99049.425, 6847643.690),
        (8.5, 41.334238573378855, 1161414.794, 6041882.973),
    ],
)
def test_lambert93_matches_proj(lon, lat, x, y):
    px, py = load_frame_module().lambert93(lon, lat)
    assert (float(px), float(py)) == pytest.approx((x, y), abs=0.01)


def inside(inner, outer):
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and (inner[3] <= outer[3])
    )


def test_shapes_are_where_france_is():
    frame = load_frame_module()
    paris = commune_files()["75"]["shapes"]["75056"]["bbox"]
    x, y = (float(v) for v in frame.metro_project(2.3522, 48.8566))  # Notre-Dame area
    assert paris[0] < x < paris[2]
    assert paris[1] < y < paris[3]
    regions = shapes_file("region.json")["shapes"]
    assert inside(paris, regions["11"]["bbox"])
    assert regions["94"]["bbox"][0] > regions["53"]["bbox"][2]  # Corsica east of Brittany
    departements = shapes_file("departement.json")["shapes"]
    boxes = shapes_file("departement.json")["insets"]
    for code, shape in departements.items():
        if code in OVERSEAS:
            bx, by, bw, bh = boxes[code]["box"]
            assert inside(shape["bbox"], [bx, by, bx + bw, by + bh]), code
        else:
            assert shape["bbox"][2] <= 1000, code
            assert shape["bbox"][3] < boxes["971"]["box"][1], code
