"""Official column names of the inputs, what the engine reads of them, and the constants of
the indicator definitions (`ft-indicators-1`, see docs/methodology/indicators.md).

The SIRENE column orders follow INSEE's published data dictionaries of the stock files
(API Sirene / fichiers stock, schema 3.11): the generator writes them in this order and the
reader accepts any order, and extra columns.
"""

DEFINITIONS_VERSION = "ft-indicators-1"

# --- SIRENE: StockUniteLegale, all official columns in INSEE's order -----------------------
STOCK_UNITE_LEGALE_COLUMNS = (
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
)

# --- SIRENE: StockEtablissement, all official columns in INSEE's order ----------------------
STOCK_ETABLISSEMENT_COLUMNS = (
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
)

# --- SIRENE: StockUniteLegaleHistorique (one row per period of a company) ------------------
STOCK_UNITE_LEGALE_HISTORIQUE_COLUMNS = (
    "siren",
    "dateFin",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "changementEtatAdministratifUniteLegale",
    "nomUniteLegale",
    "changementNomUniteLegale",
    "nomUsageUniteLegale",
    "changementNomUsageUniteLegale",
    "denominationUniteLegale",
    "changementDenominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "changementDenominationUsuelleUniteLegale",
    "categorieJuridiqueUniteLegale",
    "changementCategorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "changementActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "changementNicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "changementEconomieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "changementSocieteMissionUniteLegale",
    "caractereEmployeurUniteLegale",
    "changementCaractereEmployeurUniteLegale",
)

FUNDING_ROUNDS_COLUMNS = ("siren", "date", "amount_eur", "stage", "investors")
EVENTS_COLUMNS = ("date", "code_commune", "title", "attendance", "international")
PROGRAMMES_COLUMNS = (
    "siren_operator",
    "code_commune",
    "name",
    "start_date",
    "end_date",
    "cohort_size",
    "public_funding",
)

# --- What the engine reads: kind -> {column: value rule} ------------------------------------
# Value rules (see staging.py): siren (9 digits), nic (5 digits), date (YYYY-MM-DD, a real
# day), boolean (true/false), integer, decimal, text (taken as is).
# Columns required by the definitions but not used by any indicator are checked to be
# present in the header and otherwise not read (reading them would only cost time).
READ_COLUMNS = {
    "unite_legale": {
        "siren": "siren",
        "dateCreationUniteLegale": "date",
        "activitePrincipaleUniteLegale": "text",
        "nomenclatureActivitePrincipaleUniteLegale": "text",
        "categorieJuridiqueUniteLegale": "text",
        "etatAdministratifUniteLegale": "text",
        "dateDebut": "date",
        "trancheEffectifsUniteLegale": "text",
        "caractereEmployeurUniteLegale": "text",
        "nicSiegeUniteLegale": "nic",
    },
    "etablissement": {
        "siren": "siren",
        "nic": "nic",
        "dateCreationEtablissement": "date",
        "activitePrincipaleEtablissement": "text",
        "nomenclatureActivitePrincipaleEtablissement": "text",
        "codeCommuneEtablissement": "text",
    },
    "unite_legale_historique": {
        "siren": "siren",
        "dateDebut": "date",
        "etatAdministratifUniteLegale": "text",
        "changementEtatAdministratifUniteLegale": "boolean",
    },
    "funding_rounds": {"siren": "siren", "date": "required_date", "amount_eur": "decimal"},
    "events": {
        "date": "required_date",
        "code_commune": "text",
        "attendance": "integer",
        "international": "boolean",
    },
    "programmes": {
        "siren_operator": "text",
        "code_commune": "text",
        "start_date": "required_date",
        "end_date": "date",
        "cohort_size": "integer",
    },
}

# The literal INSEE writes in place of the fields of units under partial diffusion
# (`statutDiffusion…` = `P`), and the kinds of file where it means that (value_rules.py);
# in the other files it is an ordinary value.
MASKED_VALUE = "[ND]"
MASKABLE_KINDS = ("unite_legale", "etablissement", "unite_legale_historique")

# Optional columns read when present: the date of each unit's last processing by INSEE, whose
# latest value dates the extraction of the stock (the stock date, stock_date.py).
PROCESSING_DATE_COLUMNS = {
    "unite_legale": "dateDernierTraitementUniteLegale",
    "etablissement": "dateDernierTraitementEtablissement",
}


def columns_read(kind: str, present: list[str]) -> list[str]:
    """The columns read from a file of `kind` whose header is `present`: READ_COLUMNS,
    then its processing date column when it has one."""
    optional = PROCESSING_DATE_COLUMNS.get(kind)
    extra = [optional] if optional in present else []
    return [name for name in READ_COLUMNS[kind] if name in present] + extra


REQUIRED_COLUMNS = {
    "unite_legale": tuple(READ_COLUMNS["unite_legale"]),
    "etablissement": (
        *READ_COLUMNS["etablissement"],
        "siret",
        "etablissementSiege",
        "etatAdministratifEtablissement",
        "trancheEffectifsEtablissement",
        "caractereEmployeurEtablissement",
    ),
    "unite_legale_historique": (*READ_COLUMNS["unite_legale_historique"], "dateFin"),
    "funding_rounds": FUNDING_ROUNDS_COLUMNS,
    "events": EVENTS_COLUMNS,
    "programmes": PROGRAMMES_COLUMNS,
}

# Columns whose presence tells one kind of file from another (checked before the full
# required list, so that a file missing one required column is still recognised and the
# error can name the missing column).
SIGNATURE_COLUMNS = {
    "unite_legale": ("nicSiegeUniteLegale", "dateCreationUniteLegale"),
    "unite_legale_historique": ("dateFin", "changementEtatAdministratifUniteLegale"),
    "etablissement": ("codeCommuneEtablissement", "dateCreationEtablissement"),
    "funding_rounds": ("amount_eur", "investors"),
    "events": ("attendance", "international"),
    "programmes": ("siren_operator", "cohort_size"),
}

KIND_LABELS = {
    "unite_legale": "StockUniteLegale",
    "etablissement": "StockEtablissement",
    "unite_legale_historique": "StockUniteLegaleHistorique",
    "funding_rounds": "funding rounds",
    "events": "events",
    "programmes": "acceleration programmes",
}

# --- Indicator constants ------------------------------------------------------------------
# INSEE's ICT sector in NAF rév. 2, compared without dots or spaces, upper-cased.
DIGITAL_ACTIVITY_CODES = (
    "2611Z", "2612Z", "2620Z", "2630Z", "2640Z", "2680Z", "4651Z", "4652Z", "5821Z",
    "5829A", "5829B", "5829C", "6110Z", "6120Z", "6130Z", "6190Z", "6201Z", "6202A",
    "6202B", "6203Z", "6209Z", "6311Z", "6312Z", "9511Z", "9512Z",
)  # fmt: skip
CLASSIFIED_NOMENCLATURE = "NAFRev2"
SOLE_PROPRIETOR_LEGAL_CATEGORY = "1000"
# trancheEffectifs codes of 50 employees or more.
SCALEUP_HEADCOUNT_BANDS = ("21", "22", "31", "32", "41", "42", "51", "52", "53")

LEVELS = ("commune", "epci", "departement", "region", "france")

# Published indicators, in the order of the indicator definitions, with their kind of value.
INDICATORS = {
    "digital_company_creations": "count",
    "digital_company_creations_excl_sole": "count",
    "digital_establishment_creations": "count",
    "digital_active_companies": "count",
    "digital_employer_companies": "count",
    "digital_scaleups": "count",
    "digital_creations_per_100k": "ratio",
    "digital_creations_growth_3y": "ratio",
    "digital_survival_3y": "ratio",
    "funds_raised_eur": "amount",
    "funding_rounds": "count",
    "professional_events": "count",
    "international_events": "count",
    "acceleration_programmes": "count",
    "accelerated_startups": "count",
}
