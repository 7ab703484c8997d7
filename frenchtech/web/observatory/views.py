"""Public observatory pages: national ranking with map, territory profile, methodology."""

import io

import pyarrow as pa
import pyarrow.parquet as pq
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.core.exports import csv_text
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE, DEFAULT_INDICATOR, VERSION
from frenchtech.observatory.published import RANKABLE_LEVELS
from frenchtech.territories.enums import Level
from frenchtech.territories.maps import france_map, level_shapes
from frenchtech.territories.models import Departement, Epci, Region
from frenchtech.territories.resolve import get_territory_or_404
from frenchtech.web.observatory.charts import format_value, line_chart
from frenchtech.web.page_cache import cached_page

PAGE_SIZE = 100
CHOROPLETH_CLASSES = 5
# The colours of frenchtech.css's ft-choropleth-0…5, for the standalone map.
CHOROPLETH_FILLS = ("#f6f6f6", "#e3e3fd", "#cacafb", "#8585f6", "#3b3bd9", "#000091")
# The map's URL carries the snapshot: a browser keeps it as long as that snapshot is served.
MAP_MAX_AGE = 24 * 3600
MAP_WIDTH = 600
MODELS = {"epci": Epci, "departement": Departement, "region": Region}


def _selection(request, snapshot):
    level = request.GET.get("level", "epci")
    if level not in RANKABLE_LEVELS:
        level = "epci"
    name = request.GET.get("indicator", DEFAULT_INDICATOR)
    if name not in CATALOGUE:
        name = DEFAULT_INDICATOR
    # Any published year may be chosen (the stock's partial one too); the default is the
    # programme year, the year of every figure of the programme (published.py).
    available = published.years(snapshot, level, name)
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        year = None
    if year not in available:
        year = published.programme_year(snapshot, name)
    scope = "metropoles" if request.GET.get("scope") == "metropoles" and level == "epci" else "all"
    return level, CATALOGUE[name], year, available, scope


def _rows(snapshot, level, info, year, scope):
    rows = published.ranking(snapshot, level, info.name, year) if year is not None else []
    if scope == "metropoles":
        rows = sorted(
            (r for r in rows if r.is_metropole), key=lambda r: (r.metropole_rank or 10**9, r.name)
        )
    return rows


def _thresholds(rows) -> list[float]:
    """The limits of 5 quantile classes of the positive values (class 0: none)."""
    positive = sorted(r.value for r in rows if r.value)
    if not positive:
        return []
    return [
        positive[int(len(positive) * k / CHOROPLETH_CLASSES)] for k in range(1, CHOROPLETH_CLASSES)
    ]


def _choropleth(level, rows, kind):
    """France map with each territory in one of 5 quantile classes of its value (0: none)."""
    thresholds = _thresholds(rows)
    by_code = {r.code: r for r in rows}
    territories = MODELS[level].objects.all()
    territory_map = france_map(level, territories)
    for shape in territory_map.shapes:
        row = by_code.get(shape.code)
        value = row.value if row else None
        klass = 0 if not value else 1 + sum(value >= t for t in thresholds)
        shape.css_class = f"ft-choropleth-{klass}"
        shape.fill = CHOROPLETH_FILLS[klass]
        shape.value_label = format_value(value, kind)
    return territory_map


def _selection_query(request, snapshot=None) -> str:
    """The page's selection as a query string, without the page number (and with the
    snapshot's id for the map's URL, so a browser may keep it)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("v", None)
    if snapshot is not None:
        query["v"] = snapshot.id
    return query.urlencode()


def _map_height(view_box: str) -> int:
    _x, _y, width, height = (float(part) for part in view_box.split())
    return round(MAP_WIDTH * height / width) if width else MAP_WIDTH


def _no_snapshot(request):
    return render(request, "web/observatory/empty.html", {"title": _("Observatoire")})


@require_GET
@cached_page
def ranking_view(request):
    """The national ranking: 100 rows a page (?page=), the map beside as its own image
    (`ranking_map`), so the page stays small; the table is the map's accessible form."""
    snapshot = published.latest()
    if snapshot is None:
        return _no_snapshot(request)
    level, info, year, available, scope = _selection(request, snapshot)
    rows = _rows(snapshot, level, info, year, scope)
    thresholds = _thresholds(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.value_label = format_value(row.value, info.kind)
    map_shapes = level_shapes(level)
    map_view_box = " ".join(str(v) for v in map_shapes.get("viewBox", ())) or "0 0 100 100"
    return render(
        request,
        "web/observatory/ranking.html",
        {
            "title": _("Observatoire : classement national"),
            "snapshot": snapshot,
            "level": level,
            "levels": [(lvl, Level(lvl).label) for lvl in RANKABLE_LEVELS],
            "info": info,
            "indicators": CATALOGUE.values(),
            "year": year,
            "years": available,
            "scope": scope,
            "page": page,
            "map_is_drawn": bool(map_shapes["shapes"]),
            "map_query": _selection_query(request, snapshot),
            "map_width": MAP_WIDTH,
            "map_height": _map_height(map_view_box),
            "legend": [format_value(t, info.kind) for t in thresholds],
            "query": _selection_query(request),
            "ranked_count": sum(1 for r in rows if r.rank is not None),
        },
    )


@require_GET
@cached_page(compress=True)
def ranking_map(request):
    """The ranking's choropleth map of France, a standalone SVG (linked from the page)."""
    snapshot = published.latest()
    if snapshot is None:
        raise Http404("no published snapshot")
    level, info, year, _available, scope = _selection(request, snapshot)
    rows = _rows(snapshot, level, info, year, scope)
    response = render(
        request,
        "web/observatory/map.svg",
        {"map": _choropleth(level, rows, info.kind), "info": info, "year": year},
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={MAP_MAX_AGE}"
    return response


@require_GET
def ranking_download(request, file_format):
    if file_format not in ("csv", "parquet"):
        raise Http404("unknown format")
    snapshot = published.latest()
    if snapshot is None:
        raise Http404("no published snapshot")
    level, info, year, _available, scope = _selection(request, snapshot)
    rows = _rows(snapshot, level, info, year, scope)
    columns = {
        "territory_level": [level] * len(rows),
        "territory_code": [r.code for r in rows],
        "territory_name": [r.name for r in rows],
        "year": [year] * len(rows),
        "indicator": [info.name] * len(rows),
        "value": [r.value for r in rows],
        "rank": [r.rank for r in rows],
        "percentile": [r.percentile for r in rows],
        "metropole_rank": [r.metropole_rank for r in rows],
        "metropole_percentile": [r.metropole_percentile for r in rows],
        "definitions_version": [VERSION] * len(rows),
        "snapshot": [snapshot.id] * len(rows),
        "synthetic": [snapshot.synthetic] * len(rows),
    }
    filename = f"frenchtech-{info.name}-{level}-{year}{'-synthetic' if snapshot.synthetic else ''}"
    if file_format == "parquet":
        buffer = io.BytesIO()
        pq.write_table(pa.table(columns), buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/vnd.apache.parquet")
    else:
        text = csv_text(columns, zip(*columns.values(), strict=True), lineterminator="\n")
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@require_GET
@cached_page
def profile_view(request, level, code):
    territory = get_territory_or_404(level, code)
    found = published.territory_figures(level, code)
    snapshot = found.snapshot
    if snapshot is None:
        return _no_snapshot(request)
    # One query for the level's territories, shared by the 15 rankings below.
    territories = published.territories_of(level) if level in RANKABLE_LEVELS else []
    criteria = {1: [], 2: []}
    for name, info in CATALOGUE.items():
        # The figure is the programme year's; the chart draws every year, the partial one too.
        points = found.series[name]
        year, value = found.figures[name].year, found.figures[name].value
        rank, ranked = None, []
        if level in RANKABLE_LEVELS and year is not None:
            ranked = published.ranking(snapshot, level, name, year, territories)
            rank = next((r for r in ranked if r.code == code), None)
        criteria[info.criterion].append(
            {
                "info": info,
                "year": year,
                "value": format_value(value, info.kind),
                "rank": rank,
                "out_of": sum(1 for r in ranked if r.rank is not None) if rank else None,
                "chart": line_chart(points, info.kind),
            }
        )
    return render(
        request,
        "web/observatory/profile.html",
        {
            "title": _("Indicateurs — %(territory)s") % {"territory": territory},
            "territory": territory,
            "level": level,
            "snapshot": snapshot,
            "criteria": criteria,
        },
    )


@require_GET
@cached_page
def methodology_view(request):
    return render(
        request,
        "web/observatory/methodology.html",
        {
            "title": _("Méthodologie des indicateurs"),
            "indicators": CATALOGUE.values(),
            "version": VERSION,
            "snapshot": published.latest(),
        },
    )
