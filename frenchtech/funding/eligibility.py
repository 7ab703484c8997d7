"""Who may receive the acceleration fund: private organisations only.

The rule comes from the founding text: « Les collectivités n'ont cependant pas à attendre
de financements : les 200 millions d'euros mobilisés seront affectés à des initiatives
privées ». A SIREN is refused when it is invalid, when it is the SIREN of a commune or an
EPCI of the territory reference, or when the registry gives it a public-law legal category.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frenchtech.core.refusals import ActionRefused
from frenchtech.core.siren import normalise_siren, validate_siren
from frenchtech.funding.legal_categories import (
    LegalCategoryLookup,
    RegistryLegalCategoryLookup,
    public_law_family,
)
from frenchtech.territories.models import Commune, Epci

RULE = (
    "« Les collectivités n'ont pas à attendre de financements : les 200 millions d'euros "
    "mobilisés seront affectés à des initiatives privées (des programmes d'accélération). »"
)


class AcceleratorRefused(ActionRefused):
    """The organisation may not receive the acceleration fund; the message says why."""

    def __init__(self, message, code: str):
        super().__init__(message, field="siren")
        self.code = code


def _refuse(reason: str, code: str):
    message = _("%(reason)s Règle du programme French Tech : %(rule)s") % {
        "reason": reason,
        "rule": RULE,
    }
    raise AcceleratorRefused(message, code=code)


def public_territory_named(siren: str) -> str | None:
    """The name of the commune or EPCI that holds this SIREN in the territory reference."""
    epci = Epci.objects.filter(code=siren).values_list("name", flat=True).first()
    if epci:
        return epci
    return Commune.objects.filter(siren=siren).values_list("name", flat=True).first()


def check_accelerator_eligibility(siren: str, lookup: LegalCategoryLookup | None = None) -> str:
    """Return the normalised SIREN of an eligible private organisation, or raise AcceleratorRefused.

    An unknown SIREN (absent from the registry) is accepted: the registry may lag behind
    new companies; the due diligence checks the Kbis.
    """
    siren = normalise_siren(siren)
    try:
        validate_siren(siren)
    except ValidationError as error:
        raise AcceleratorRefused(error.messages[0], code="invalid_siren") from error
    territory = public_territory_named(siren)
    if territory:
        _refuse(
            _("Le SIREN %(siren)s est celui d'une collectivité (%(name)s) : refusé.")
            % {"siren": siren, "name": territory},
            "public_territory",
        )
    lookup = lookup or RegistryLegalCategoryLookup()
    category = lookup.legal_category(siren)
    family = public_law_family(category)
    if family:
        _refuse(
            _(
                "Le SIREN %(siren)s a la catégorie juridique %(category)s (%(family)s) : "
                "un organisme public ne peut pas bénéficier du fonds."
            )
            % {"siren": siren, "category": category, "family": family},
            "public_legal_category",
        )
    return siren
