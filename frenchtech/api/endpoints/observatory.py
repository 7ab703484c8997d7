"""Open data: indicator definitions, values and rankings of the latest published snapshot."""

# Query(...) in defaults is how django-ninja declares query parameters.

from enum import Enum
from typing import Literal

from ninja import Query, Router

from frenchtech.api.pagination import limit_parameter, offset_parameter, page
from frenchtech.api.schemas import IndicatorOut, RankingPage, ValuePage
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE, DEFAULT_INDICATOR, VERSION
from frenchtech.territories.enums import Level

router = Router(tags=["observatory"])

# An enumeration, so that an unknown indicator is a 400 naming the parameter, and the
# OpenAPI document lists the names.
Indicator = Enum("Indicator", {name: name for name in CATALOGUE}, type=str)
RankableLevel = Literal["epci", "departement", "region"]


def _snapshot(snapshot) -> dict | None:
    if snapshot is None:
        return None
    return {
        "id": snapshot.id,
        "definitions_version": snapshot.manifest.get("definitions_version", VERSION),
        "stock_date": snapshot.stock_date,
        "synthetic": snapshot.synthetic,
    }


@router.get("/indicators", response=list[IndicatorOut], summary="Indicator definitions")
def indicators(request):
    return [
        {
            "name": info.name,
            "label": str(info.label),
            "unit": str(info.unit),
            "kind": info.kind,
            "criterion": info.criterion,
            "definition": str(info.definition),
            "definitions_version": VERSION,
        }
        for info in CATALOGUE.values()
    ]


@router.get(
    "/values",
    response=ValuePage,
    summary="Indicator values of the latest published snapshot",
    description="Every row names the snapshot, its definitions version and whether its "
    "registry was synthetic (demo figures). Empty, with `snapshot` null, before any "
    "publication.",
)
def values(
    request,
    level: Level | None = Query(None, description="Territory level."),
    indicator: Indicator | None = Query(None, description="Indicator name."),
    year: int | None = Query(None, ge=1900, le=2100, description="Year observed."),
    territory: str | None = Query(None, max_length=9, description="Territory code."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    snapshot = published.latest()
    if snapshot is None:
        return page([], limit, offset, snapshot=None)
    described = _snapshot(snapshot)
    records = published.indicator_rows(
        level=level.value if level else None,
        indicator=indicator.value if indicator else None,
        year=year,
        territory=territory,
    )
    records.sort(
        key=lambda r: (r["territory_level"], r["territory_code"], r["indicator"], r["year"])
    )
    result = page(records, limit, offset, snapshot=described)
    result["results"] = [
        {
            "level": row["territory_level"],
            "territory": row["territory_code"],
            "indicator": row["indicator"],
            "year": row["year"],
            "value": row["value"],
            "definitions_version": described["definitions_version"],
            "snapshot_id": described["id"],
            "synthetic": described["synthetic"],
        }
        for row in result["results"]
    ]
    return result


@router.get(
    "/rankings",
    response=RankingPage,
    summary="National ranking of territories on one indicator and year",
    description="Competition ranks (ties share the best rank), highest value first; also "
    "among métropoles. The year defaults to the programme year: the last complete year "
    "before the snapshot's stock date that the indicator has (the stock's year for the "
    "indicators measured at the stock date).",
)
def rankings(
    request,
    level: RankableLevel = Query("epci", description="epci, departement or region."),
    indicator: Indicator = Query(DEFAULT_INDICATOR, description="Indicator name."),
    year: int | None = Query(None, ge=1900, le=2100, description="Year observed."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    indicator = Indicator(indicator)  # the default arrives as a plain string
    snapshot = published.latest()
    header = {"level": level, "indicator": indicator.value, "snapshot": _snapshot(snapshot)}
    if snapshot is None:
        return page([], limit, offset, **header, year=year, definitions_version=None,
                    synthetic=None)  # fmt: skip
    if year is None:
        year = published.programme_year(snapshot, indicator.value)
    ranked = published.ranking(snapshot, level, indicator.value, year) if year else []
    result = page(
        ranked,
        limit,
        offset,
        **header,
        year=year,
        definitions_version=header["snapshot"]["definitions_version"],
        synthetic=snapshot.synthetic,
    )
    result["results"] = [
        {
            "territory": t.code,
            "name": t.name,
            "value": t.value,
            "rank": t.rank,
            "percentile": t.percentile,
            "is_metropole": t.is_metropole,
            "metropole_rank": t.metropole_rank,
            "metropole_percentile": t.metropole_percentile,
        }
        for t in result["results"]
    ]
    return result
