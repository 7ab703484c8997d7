"""Turning any commune-like code into the current commune, and territories into URLs."""

from django.http import Http404

from frenchtech.territories.enums import CommuneKind, Level
from frenchtech.territories.models import Commune, Departement, Epci, Region


def resolve_commune(code: str) -> Commune | None:
    """The current commune for a commune, arrondissement municipal, déléguée or associée code."""
    candidates = list(Commune.objects.filter(code=code).select_related("parent"))
    for candidate in candidates:
        if candidate.kind == CommuneKind.COMMUNE:
            return candidate
    return candidates[0].parent if candidates else None


MODELS_BY_LEVEL = {
    Level.REGION: Region,
    Level.DEPARTEMENT: Departement,
    Level.EPCI: Epci,
}


def get_territory_or_404(level: str, code: str):
    if level == Level.COMMUNE:
        commune = Commune.objects.filter(code=code, kind=CommuneKind.COMMUNE).first()
        if commune is None:
            raise Http404(f"no commune {code}")
        return commune
    model = MODELS_BY_LEVEL.get(level)
    if model is None:
        raise Http404(f"no territory level {level}")
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist:
        raise Http404(f"no {level} {code}") from None
