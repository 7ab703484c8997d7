"""SVG maps drawn from the shipped, simplified shapes (`data/territories/shapes/`).

All shapes share one national frame (Lambert-93 for metropolitan France, insets for
the overseas départements), so a map is a selection of paths plus a viewBox fitted
to their bounding boxes.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from frenchtech.territories.enums import CommuneKind, Level


@dataclass
class MapShape:
    code: str
    name: str
    d: str
    url: str = ""
    highlighted: bool = False
    value_label: str = ""
    css_class: str = ""
    fill: str = ""  # for a standalone SVG, where the site's stylesheet does not apply


@dataclass
class TerritoryMap:
    view_box: str
    shapes: list[MapShape] = field(default_factory=list)
    missing: int = 0  # territories of the selection without a shape in the reference

    @property
    def is_drawn(self) -> bool:
        return bool(self.shapes)


def _shapes_dir() -> Path:
    return Path(settings.TERRITORY_REFERENCE_DIR) / "shapes"


@lru_cache(maxsize=8)
def level_shapes(level: str) -> dict:
    path = _shapes_dir() / f"{level}.json"
    if not path.exists():
        return {"shapes": {}}
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def commune_shapes(departement_code: str) -> dict:
    path = _shapes_dir() / "communes" / f"{departement_code}.json"
    if not path.exists():
        return {"shapes": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def fit_view_box(boxes: list[list[float]], margin_ratio: float = 0.03) -> str:
    x0 = min(box[0] for box in boxes)
    y0 = min(box[1] for box in boxes)
    x1 = max(box[2] for box in boxes)
    y1 = max(box[3] for box in boxes)
    margin = max(x1 - x0, y1 - y0) * margin_ratio
    return (
        f"{x0 - margin:.1f} {y0 - margin:.1f} {x1 - x0 + 2 * margin:.1f} {y1 - y0 + 2 * margin:.1f}"
    )


def build_map(entries, shapes_by_code, *, highlighted_code: str = "") -> TerritoryMap:
    """`entries` are (code, name, url) triples; shapes are looked up by code."""
    shapes, boxes, missing = [], [], 0
    for code, name, url in entries:
        shape = shapes_by_code.get(code)
        if shape is None:
            missing += 1
            continue
        shapes.append(MapShape(code, name, shape["d"], url, highlighted=code == highlighted_code))
        boxes.append(shape["bbox"])
    view_box = fit_view_box(boxes) if boxes else "0 0 100 100"
    return TerritoryMap(view_box=view_box, shapes=shapes, missing=missing)


def communes_map(communes, *, highlighted_code: str = "") -> TerritoryMap:
    by_code = {}
    for departement_code in {c.departement_id for c in communes if c.departement_id}:
        by_code.update(commune_shapes(departement_code)["shapes"])
    entries = [(c.code, c.name, c.get_absolute_url()) for c in communes]
    return build_map(entries, by_code, highlighted_code=highlighted_code)


def territory_map(territory) -> TerritoryMap:
    """The map shown on a territory's page: its parts, or its surroundings for a commune."""
    if territory.level == Level.REGION:
        departements = list(territory.departements.all())
        entries = [(d.code, d.name, d.get_absolute_url()) for d in departements]
        return build_map(entries, level_shapes("departement")["shapes"])
    if territory.level in (Level.DEPARTEMENT, Level.EPCI):
        communes = list(territory.communes.filter(kind=CommuneKind.COMMUNE))
        return communes_map(communes)
    neighbours = (
        list(territory.epci.communes.filter(kind=CommuneKind.COMMUNE))
        if territory.epci_id
        else [territory]
    )
    return communes_map(neighbours, highlighted_code=territory.code)


def france_map(level: str, territories) -> TerritoryMap:
    """All territories of a level on the national frame (used for choropleths)."""
    data = level_shapes(level)
    entries = [(t.code, t.name, t.get_absolute_url()) for t in territories]
    result = build_map(entries, data["shapes"])
    if "viewBox" in data:
        result.view_box = " ".join(str(v) for v in data["viewBox"])
    return result
