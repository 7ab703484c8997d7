"""Open data: régions, départements, EPCI, communes, and the lookup of any commune code."""

# Query(...) in defaults is how django-ninja declares query parameters.

from django.db.models import F
from ninja import Query, Router, Status

from frenchtech.api.pagination import limit_parameter, offset_parameter, page
from frenchtech.api.schemas import (
    CommuneLookup,
    CommunePage,
    DepartementOut,
    DepartementPage,
    EpciOut,
    EpciPage,
    Error,
    RegionOut,
    RegionPage,
)
from frenchtech.territories.enums import CommuneKind, EpciKind
from frenchtech.territories.models import Commune, Departement, Epci, Region
from frenchtech.territories.resolve import resolve_commune

router = Router(tags=["territories"])

COMMUNE_FIELDS = ("code", "kind", "name", "parent__code", "departement_id", "region_id", "epci_id",
                  "population")  # fmt: skip


def _commune_row(row: dict) -> dict:
    return {
        "code": row["code"],
        "kind": row["kind"],
        "name": row["name"],
        "parent": row["parent__code"],
        "departement": row["departement_id"],
        "region": row["region_id"],
        "epci": row["epci_id"],
        "population": row["population"],
    }


def _communes():
    return Commune.objects.order_by("code", "kind").values(*COMMUNE_FIELDS)


@router.get("/regions", response=RegionPage, summary="Régions")
def regions(request, limit: int = limit_parameter(), offset: int = offset_parameter()):
    return page(Region.objects.order_by("code").values("code", "name"), limit, offset)


@router.get("/regions/{code}", response={200: RegionOut, 404: Error}, summary="One région")
def region(request, code: str):
    return _get_or_404(Region.objects.values("code", "name"), "région", code)


@router.get("/departements", response=DepartementPage, summary="Départements")
def departements(
    request,
    region: str | None = Query(None, max_length=3, description="Région code."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    rows = Departement.objects.order_by("code").values("code", "name", region_code=F("region"))
    if region is not None:
        rows = rows.filter(region_id=region)
    result = page(rows, limit, offset)
    result["results"] = [_departement(row) for row in result["results"]]
    return result


@router.get(
    "/departements/{code}", response={200: DepartementOut, 404: Error}, summary="One département"
)
def departement(request, code: str):
    rows = Departement.objects.values("code", "name", region_code=F("region"))
    found = _get_or_404(rows, "département", code)
    return found if isinstance(found, Status) else _departement(found)


def _departement(row: dict) -> dict:
    return {"code": row["code"], "name": row["name"], "region": row["region_code"]}


@router.get("/epci", response=EpciPage, summary="EPCI à fiscalité propre")
def epcis(
    request,
    kind: EpciKind | None = Query(None, description="Only EPCI of this kind."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    rows = Epci.objects.order_by("code").values("code", "name", "kind", "population")
    if kind is not None:
        rows = rows.filter(kind=kind)
    return page(rows, limit, offset)


@router.get("/epci/{code}", response={200: EpciOut, 404: Error}, summary="One EPCI (SIREN)")
def epci(request, code: str):
    return _get_or_404(Epci.objects.values("code", "name", "kind", "population"), "EPCI", code)


@router.get("/communes", response=CommunePage, summary="Communes and their parts")
def communes(
    request,
    departement: str | None = Query(None, max_length=3, description="Département code."),
    region: str | None = Query(None, max_length=3, description="Région code."),
    epci: str | None = Query(None, max_length=9, description="EPCI SIREN."),
    kind: CommuneKind | None = Query(
        CommuneKind.COMMUNE,
        description="Communes only by default; arrondissements and communes déléguées or "
        "associées on request.",
    ),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    rows = _communes()
    filters = {"departement_id": departement, "region_id": region, "epci_id": epci, "kind": kind}
    rows = rows.filter(**{key: value for key, value in filters.items() if value is not None})
    result = page(rows, limit, offset)
    result["results"] = [_commune_row(row) for row in result["results"]]
    return result


@router.get(
    "/communes/{code}",
    response={200: CommuneLookup, 404: Error},
    summary="The current commune for any commune code",
    description="A commune, arrondissement municipal, commune déléguée or associée code "
    "gives the commune it belongs to.",
)
def commune(request, code: str):
    found = resolve_commune(code)
    if found is None:
        return Status(404, {"error": "not_found", "detail": f"no commune with code {code}"})
    row = _communes().get(pk=found.pk)
    return {"requested_code": code, "commune": _commune_row(row)}


def _get_or_404(rows, what: str, code: str):
    row = rows.filter(code=code).first()
    if row is None:
        return Status(404, {"error": "not_found", "detail": f"no {what} with code {code}"})
    return row
