"""Legal categories (INSEE "catégories juridiques", level III, four digits) and where to read them.

Refused as public bodies (see docs/funding.md):
* 7xxx — "Personne morale et organisme soumis au droit administratif": the State, régions,
  départements, communes, EPCI, établissements publics administratifs, public hospitals…
* 4xxx — "Personne morale de droit public soumise au droit commercial": EPIC, public
  operators such as the Banque de France or La Poste's former status.
Everything else (1 individual entrepreneurs, 2 groupings without legal personality,
3 foreign legal persons, 5 commercial companies including sociétés d'économie mixte,
6 other private-law persons, 8 private bodies, 9 private-law groupings and associations)
is private law and accepted.

The observatory's snapshots hold no legal category, so `RegistryLegalCategoryLookup` reads
`funding.RegistryCompany`, filled from a StockUniteLegale CSV by
`manage.py load_legal_categories`.
"""

from typing import Protocol

PUBLIC_LAW_PREFIXES = {
    "7": "personne morale et organisme soumis au droit administratif",
    "4": "personne morale de droit public soumise au droit commercial",
}


def public_law_family(legal_category: str | None) -> str | None:
    """The public-law family of a category ("7220" → its label), None for private law."""
    if not legal_category:
        return None
    return PUBLIC_LAW_PREFIXES.get(str(legal_category).strip()[:1])


class LegalCategoryLookup(Protocol):
    def legal_category(self, siren: str) -> str | None:
        """The company's legal category code, or None when the registry does not know it."""


class RegistryLegalCategoryLookup:
    """Reads the registry table this app owns (`funding.RegistryCompany`)."""

    def legal_category(self, siren: str) -> str | None:
        from frenchtech.funding.models import RegistryCompany

        return (
            RegistryCompany.objects.filter(siren=siren)
            .values_list("legal_category", flat=True)
            .first()
        )
