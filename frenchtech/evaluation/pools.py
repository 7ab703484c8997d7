"""The comparison pools: which EPCI the labelled ones are compared with.

The default pool is the EPCI that could have applied and be compared with a métropole:
métropoles, communautés urbaines and communautés d'agglomération of 50 000 inhabitants or
more (communautés de communes are rural or peri-urban, with few digital creations and
another dynamic). Labelled EPCI are always in the panel, whatever their kind or size.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from frenchtech.territories.enums import EpciKind


@dataclass(frozen=True)
class Pool:
    name: str
    kinds: tuple[str, ...]
    floor: int  # inhabitants
    label: str
    description: str


POOLS = {
    pool.name: pool
    for pool in (
        Pool(
            "comparable",
            (EpciKind.METROPOLE, EpciKind.COMMUNAUTE_URBAINE, EpciKind.COMMUNAUTE_AGGLOMERATION),
            50_000,
            _("EPCI comparables"),
            _(
                "Métropoles, communautés urbaines et communautés d'agglomération de 50 000 "
                "habitants ou plus, et les EPCI labellisés quels qu'ils soient."
            ),
        ),
        Pool(
            "all",
            tuple(EpciKind.values),
            0,
            _("Tous les EPCI"),
            _("Tous les EPCI de France, sans seuil de population."),
        ),
    )
}
DEFAULT_POOL = "comparable"
