"""What the web shows of each indicator: label, unit, criterion and definition.

The definitions are those of `ft-indicators-1` (docs/methodology/indicator-definitions.md);
the engine owns the list of indicators (`engine.schema.INDICATORS`) and a test checks both lists agree.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from frenchtech.observatory.engine.schema import DEFINITIONS_VERSION, INDICATORS

# Counted at the stock's date only, so their one year is the stock's (the year rule of
# `published.py` takes it as their figure of the programme).
MEASURED_AT_STOCK_DATE = frozenset(
    {"digital_active_companies", "digital_employer_companies", "digital_scaleups"}
)


@dataclass(frozen=True)
class IndicatorInfo:
    name: str
    label: str
    unit: str
    criterion: int  # the programme's selection criterion it informs (1 or 2)
    definition: str

    @property
    def kind(self) -> str:
        return INDICATORS[self.name]

    @property
    def missing_means_zero(self) -> bool:
        # A territory absent from a count means nothing was counted there; a ratio may be
        # undefined (no base), which is not zero.
        return self.kind in {"count", "amount"}

    @property
    def measured_at_stock_date(self) -> bool:
        return self.name in MEASURED_AT_STOCK_DATE


_CATALOGUE = [
    IndicatorInfo("digital_company_creations", _("Créations d'entreprises numériques"), _("entreprises"), 1,
                  _("Entreprises créées dans l'année (dateCreationUniteLegale), d'activité numérique (secteur TIC de l'INSEE, NAF rév. 2), dont le siège est dans le territoire, quel que soit leur état aujourd'hui.")),
    IndicatorInfo("digital_company_creations_excl_sole", _("Créations hors entrepreneurs individuels"), _("entreprises"), 1,
                  _("Les mêmes, sans les entrepreneurs individuels (catégorie juridique 1000).")),
    IndicatorInfo("digital_establishment_creations", _("Créations d'établissements numériques"), _("établissements"), 1,
                  _("Établissements créés dans l'année, dont l'activité propre est numérique, situés dans le territoire.")),
    IndicatorInfo("digital_active_companies", _("Entreprises numériques actives"), _("entreprises"), 1,
                  _("À la date du stock seulement : entreprises actives (état A), d'activité numérique, siège dans le territoire.")),
    IndicatorInfo("digital_employer_companies", _("Entreprises numériques employeuses"), _("entreprises"), 1,
                  _("Les mêmes, employeuses (caractereEmployeurUniteLegale = O).")),
    IndicatorInfo("digital_scaleups", _("Entreprises numériques de 50 salariés ou plus"), _("entreprises"), 2,
                  _("Entreprises numériques actives de 50 salariés ou plus (tranches d'effectif 21 à 53) : les success stories.")),
    IndicatorInfo("digital_creations_per_100k", _("Créations pour 100 000 habitants"), _("pour 100 000 hab."), 1,
                  _("Créations d'entreprises numériques rapportées à la population municipale du référentiel, × 100 000.")),
    IndicatorInfo("digital_creations_growth_3y", _("Croissance annuelle des créations sur 3 ans"), _("taux annuel"), 1,
                  _("(créations de l'année / créations trois ans plus tôt)^(1/3) − 1 ; vide quand la base est nulle.")),
    IndicatorInfo("digital_survival_3y", _("Survie à 3 ans"), _("part"), 1,
                  _("Part des entreprises créées dans l'année encore en vie trois ans après leur création ; seulement jusqu'à l'année du stock − 3.")),
    IndicatorInfo("funds_raised_eur", _("Fonds levés"), _("euros"), 1,
                  _("Somme des levées de fonds de l'année des entreprises dont le siège est dans le territoire.")),
    IndicatorInfo("funding_rounds", _("Levées de fonds"), _("opérations"), 1,
                  _("Nombre de levées de fonds de l'année des entreprises dont le siège est dans le territoire.")),
    IndicatorInfo("professional_events", _("Événements professionnels"), _("événements"), 1,
                  _("Événements professionnels tenus dans le territoire pendant l'année.")),
    IndicatorInfo("international_events", _("Événements internationaux"), _("événements"), 1,
                  _("Les mêmes, marqués internationaux.")),
    IndicatorInfo("acceleration_programmes", _("Programmes d'accélération"), _("programmes"), 2,
                  _("Programmes en cours à un moment de l'année dont l'opérateur est dans le territoire.")),
    IndicatorInfo("accelerated_startups", _("Start-up accélérées"), _("start-up"), 2,
                  _("Somme des tailles de promotion de ces programmes.")),
]  # fmt: skip

CATALOGUE = {info.name: info for info in _CATALOGUE}
DEFAULT_INDICATOR = "digital_company_creations"
VERSION = DEFINITIONS_VERSION
