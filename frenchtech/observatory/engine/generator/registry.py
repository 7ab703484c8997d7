"""Synthetic SIRENE stock rows, one chunk of companies (and all their establishments) at a
time, vectorised with numpy and built as Arrow tables in the official column order.

Distributions (documented in docs/methodology/indicators.md):
* creation years from 1950 to the stock date, few before 1990, then +5 % a year, with the
  2009 auto-entrepreneur jump for sole proprietors;
* legal category 1000 (sole proprietor) for 45 % of companies (30 % of digital ones);
* closing: hazard by age (half-life ~8 years for sole proprietors, ~17 otherwise), the
  closing date is the `dateDebut` of the company's current period;
* companies closed before 2008 mostly keep a NAFRev1/NAF1993/NAP code;
* 2 % of activity codes undotted (6201Z), 0.3 % empty;
* establishments per company: 1 + a heavy-tailed number of secondary ones; the siège is the
  first, or (25 %) the last one (the head office moved).
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frenchtech.observatory.engine.generator import naf
from frenchtech.observatory.engine.generator.keys import nics, sirens
from frenchtech.observatory.engine.generator.places import SHARE_FOREIGN, Places
from frenchtech.observatory.engine.schema import (
    STOCK_ETABLISSEMENT_COLUMNS,
    STOCK_UNITE_LEGALE_COLUMNS,
)

EPOCH = np.datetime64("1970-01-01", "D")
HEADCOUNT_BANDS = np.array(
    [
        "NN",
        "00",
        "01",
        "02",
        "03",
        "11",
        "12",
        "21",
        "22",
        "31",
        "32",
        "41",
        "42",
        "51",
        "52",
        "53",
    ],
    dtype=object,
)
HEADCOUNT_WEIGHTS = np.array(
    [40, 20, 15, 8, 6, 4, 3, 1.5, 0.8, 0.5, 0.3, 0.15, 0.08, 0.04, 0.02, 0.01]
)
LEGAL_CATEGORIES = np.array(["5710", "5499", "5498", "9220", "6540", "5720", "6541"], dtype=object)
LEGAL_WEIGHTS = np.array([40, 25, 12, 10, 8, 4, 1])
FIRST_NAMES = np.array(
    ["MARIE", "JEAN", "CAMILLE", "NICOLAS", "LÉA", "THOMAS", "CHLOÉ", "LUCAS", "INÈS", "HUGO"],
    dtype=object,
)
LAST_NAMES = np.array(
    ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY",
     "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "N'DIAYE"],
    dtype=object,
)  # fmt: skip
NAME_WORDS = np.array(
    ["ATLAS", "NOVA", "HORIZON", "PIXEL", "QUANTA", "LUMEN", "ALTITUDE", "BOREAL", "CÉLESTE",
     "VERTIGO", "ARGOS", "ÉCHO", "MISTRAL", "OPALE", "SILLON", "TERRA"],
    dtype=object,
)  # fmt: skip
STREET_TYPES = np.array(["RUE", "AV", "BD", "PL", "CHE", "ALL", "IMP", "QUAI"], dtype=object)
STREET_NAMES = np.array(
    ["DE LA REPUBLIQUE", "VICTOR HUGO", "JEAN JAURES", "DU GENERAL DE GAULLE", "PASTEUR",
     "DE LA GARE", "DES LILAS", "DU COMMERCE", "NATIONALE", "DE L'EGLISE"],
    dtype=object,
)  # fmt: skip


@dataclass
class RegistrySettings:
    """What shapes a synthetic registry."""

    companies: int
    establishments: int
    seed: int
    stock_date: dt.date
    places: Places
    digital_share: float = naf.DIGITAL_SHARE


@dataclass
class Chunk:
    """One chunk of generated rows, and what the side files need to know of it."""

    companies: pa.Table
    establishments: pa.Table
    digital_sirens: np.ndarray  # active digital companies
    digital_created: np.ndarray  # their creation days (days since 1970)
    active_sirens: np.ndarray  # a sample of active companies (programme operators)


def generate_chunk(settings: RegistrySettings, start: int, stop: int, chunk_number: int) -> Chunk:
    """Companies [start, stop) of the registry and their establishments."""
    rng = np.random.default_rng([settings.seed, chunk_number])
    count = stop - start
    stock_day = int((np.datetime64(settings.stock_date, "D") - EPOCH).astype(int))

    # Identifiers: distinct ascending SIREN bases with a random offset, Luhn-keyed.
    stride = max(1, 89_999_999 // max(settings.companies, 1))
    bases = 10_000_000 + np.arange(start, stop, dtype=np.int64) * stride
    bases += rng.integers(0, stride, count)
    siren = sirens(bases)

    activity = naf.draw_activity_indices(rng, count, settings.digital_share)
    digital = naf.is_digital_index(activity)
    sole = rng.random(count) < np.where(digital, 0.30, 0.45)
    legal = LEGAL_CATEGORIES[_draw(rng, LEGAL_WEIGHTS, count)]
    legal[sole] = "1000"

    created = _creation_days(rng, count, sole, settings.stock_date, stock_day)
    age_years = (stock_day - created) / 365.25
    half_life = np.where(sole, 8.0, 17.0)
    closed = rng.random(count) < 1 - np.exp(-age_years * np.log(2) / half_life)
    lifetime = np.maximum((stock_day - created) * rng.beta(1.3, 2.5, count), 1).astype(np.int64)
    closing = np.minimum(created + lifetime, stock_day)
    changed = rng.random(count) < 0.5
    last_change = created + ((stock_day - created) * rng.random(count) * changed).astype(np.int64)
    period_start = np.where(closed, closing, last_change)

    nomenclature = np.zeros(count, dtype=np.int8)
    old = closed & (_years(period_start) < 2008) & (rng.random(count) < 0.8)
    nomenclature[old], activity[old] = naf.older_nomenclature(rng, _years(period_start[old]))

    band = HEADCOUNT_BANDS[_draw(rng, HEADCOUNT_WEIGHTS, count)]
    band[sole & (rng.random(count) < 0.97)] = "NN"
    band[closed] = "NN"
    employer = np.where(np.isin(band, ["NN", "00"]), "N", "O").astype(object)

    # Establishments: 1 each + a heavy-tailed number of secondary ones.
    target = _chunk_share(settings.establishments, settings.companies, start, stop)
    extra = max(target - count, 0)
    weights = rng.lognormal(0.0, 1.3, count) * np.where(sole, 0.15, 1.0)
    per_company = (
        1 + rng.multinomial(extra, weights / weights.sum()) if extra else np.ones(count, np.int64)
    )
    owner = np.repeat(np.arange(count), per_company)
    first_row = np.cumsum(per_company) - per_company
    sequence = np.arange(len(owner)) - first_row[owner] + 1
    nic = nics(siren[owner], sequence)
    moved = (per_company > 1) & (rng.random(count) < 0.25)
    siege_sequence = np.where(moved, per_company, 1)
    is_siege = sequence == siege_sequence[owner]
    nic_siege = nic[first_row + siege_sequence - 1]

    companies = _company_table(
        rng, siren, created, activity, nomenclature, legal, sole, closed, period_start, band,
        employer, nic_siege, settings.stock_date,
    )  # fmt: skip
    establishments = _establishment_table(
        rng, settings, siren, owner, nic, sequence, is_siege, created, closed, closing,
        activity, nomenclature, digital, band, employer, stock_day,
    )  # fmt: skip
    active_digital = digital & ~closed
    return Chunk(
        companies,
        establishments,
        digital_sirens=siren[active_digital],
        digital_created=created[active_digital],
        active_sirens=siren[~closed][:100],
    )


def _chunk_share(total: int, companies: int, start: int, stop: int) -> int:
    return round(total * stop / companies) - round(total * start / companies)


def _draw(rng: np.random.Generator, weights: np.ndarray, count: int) -> np.ndarray:
    cumulative = np.cumsum(weights / weights.sum())
    return np.searchsorted(cumulative, rng.random(count), side="right").clip(0, len(weights) - 1)


def _years(days: np.ndarray) -> np.ndarray:
    return (EPOCH + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970


def _creation_days(rng, count, sole, stock_date: dt.date, stock_day: int) -> np.ndarray:
    years = np.arange(1950, stock_date.year + 1)
    base = np.where(years < 1990, 0.25, 1.05 ** (years - 1990))
    boosted = base * np.where(years >= 2009, 1.8, 1.0)
    fraction_of_last = (stock_date.timetuple().tm_yday) / 365.0
    base[-1] *= fraction_of_last
    boosted[-1] *= fraction_of_last
    year = np.where(sole, years[_draw(rng, boosted, count)], years[_draw(rng, base, count)])
    first_day = (
        np.array(year - 1970, dtype="datetime64[Y]").astype("datetime64[D]") - EPOCH
    ).astype(np.int64)
    days = first_day + (rng.random(count) * 365.25).astype(np.int64)
    return np.minimum(days, stock_day)


def _processing_times(period_start: np.ndarray, stock_date: dt.date) -> pa.Array:
    """`dateDernierTraitement…` as INSEE writes it (`2024-01-01T03:22:34`): a unit was last
    processed when its current period began, and the first unit of each chunk on the stock
    date itself, so that the latest processing date is the extraction date, as in INSEE's
    files."""
    days = period_start.copy()
    if len(days):
        days[0] = int((np.datetime64(stock_date, "D") - EPOCH).astype(int))
    return pc.binary_join_element_wise(_dates(days).cast(pa.string()), "T03:22:34", "")


def _dates(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    array = pa.array(days.astype(np.int32), pa.int32()).cast(pa.date32())
    if mask is not None:
        array = pc.if_else(pa.array(mask), pa.nulls(len(days), pa.date32()), array)
    return array


def _strings(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(values, pa.string(), mask=mask)


def _vocabulary(vocabulary, indices: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    taken = pa.array(list(vocabulary), pa.string()).take(pa.array(indices))
    if mask is not None:
        taken = pc.if_else(pa.array(mask), pa.nulls(len(indices), pa.string()), taken)
    return taken


def _digits(numbers: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(pa.array(numbers, pa.int64()).cast(pa.string()), width, "0")


def _activity_columns(rng, activity: np.ndarray, nomenclature: np.ndarray):
    count = len(activity)
    undotted = rng.random(count) < 0.02
    empty = rng.random(count) < 0.003
    dotted = _vocabulary(naf.CODE_VOCABULARY, activity)
    plain = _vocabulary(naf.UNDOTTED_VOCABULARY, activity)
    codes = pc.if_else(pa.array(undotted), plain, dotted)
    codes = pc.if_else(pa.array(empty), pa.nulls(count, pa.string()), codes)
    return codes, _vocabulary(naf.NOMENCLATURE_VOCABULARY, nomenclature)


def _company_table(rng, siren, created, activity, nomenclature, legal, sole, closed, period_start,
                   band, employer, nic_siege, stock_date) -> pa.Table:  # fmt: skip
    count = len(siren)
    not_sole = ~sole
    no_creation_date = rng.random(count) < 0.0005
    activity_codes, nomenclature_names = _activity_columns(rng, activity, nomenclature)
    words = _vocabulary(NAME_WORDS, rng.integers(0, len(NAME_WORDS), count))
    second = _vocabulary(NAME_WORDS, rng.integers(0, len(NAME_WORDS), count))
    denomination = pc.binary_join_element_wise("SYNTHETIC", words, second, " ")
    denomination = pc.if_else(pa.array(sole), pa.nulls(count, pa.string()), denomination)
    is_association = legal == "9220"
    staffed = ~np.isin(band, ["NN"])
    columns = {
        "siren": _digits(siren, 9),
        "statutDiffusionUniteLegale": _strings(np.where(rng.random(count) < 0.03, "P", "O")),
        "unitePurgeeUniteLegale": _strings(
            np.full(count, "true", dtype=object), mask=~(closed & (rng.random(count) < 0.05))
        ),
        "dateCreationUniteLegale": _dates(created, no_creation_date),
        "sigleUniteLegale": pa.nulls(count, pa.string()),
        "sexeUniteLegale": _strings(np.where(rng.random(count) < 0.45, "F", "M"), mask=not_sole),
        "prenom1UniteLegale": _vocabulary(FIRST_NAMES, rng.integers(0, 10, count), not_sole),
        "prenom2UniteLegale": _vocabulary(FIRST_NAMES, rng.integers(0, 10, count), not_sole),
        "prenom3UniteLegale": pa.nulls(count, pa.string()),
        "prenom4UniteLegale": pa.nulls(count, pa.string()),
        "prenomUsuelUniteLegale": _vocabulary(FIRST_NAMES, rng.integers(0, 10, count), not_sole),
        "pseudonymeUniteLegale": pa.nulls(count, pa.string()),
        "identifiantAssociationUniteLegale": pc.if_else(
            pa.array(is_association),
            pc.binary_join_element_wise("W", _digits(rng.integers(0, 10**9, count), 9), ""),
            pa.nulls(count, pa.string()),
        ),
        "trancheEffectifsUniteLegale": _strings(band),
        "anneeEffectifsUniteLegale": pa.array(
            np.full(count, stock_date.year - 2), pa.int32(), mask=~staffed
        ),
        "dateDernierTraitementUniteLegale": _processing_times(period_start, stock_date),
        "nombrePeriodesUniteLegale": pa.array(1 + rng.poisson(1.0, count), pa.int32()),
        "categorieEntreprise": _strings(
            np.where(np.isin(band, ["41", "42", "51", "52", "53"]), "ETI", "PME"), mask=closed
        ),
        "anneeCategorieEntreprise": pa.array(
            np.full(count, stock_date.year - 2), pa.int32(), mask=closed
        ),
        "dateDebut": _dates(period_start),
        "etatAdministratifUniteLegale": _strings(np.where(closed, "C", "A")),
        "nomUniteLegale": _vocabulary(
            LAST_NAMES, rng.integers(0, len(LAST_NAMES), count), not_sole
        ),
        "nomUsageUniteLegale": pa.nulls(count, pa.string()),
        "denominationUniteLegale": denomination,
        "denominationUsuelle1UniteLegale": pa.nulls(count, pa.string()),
        "denominationUsuelle2UniteLegale": pa.nulls(count, pa.string()),
        "denominationUsuelle3UniteLegale": pa.nulls(count, pa.string()),
        "categorieJuridiqueUniteLegale": _strings(legal),
        "activitePrincipaleUniteLegale": activity_codes,
        "nomenclatureActivitePrincipaleUniteLegale": nomenclature_names,
        "nicSiegeUniteLegale": _digits(nic_siege, 5),
        "economieSocialeSolidaireUniteLegale": _strings(np.where(is_association, "O", "N")),
        "societeMissionUniteLegale": _strings(np.where(rng.random(count) < 0.001, "O", "N")),
        "caractereEmployeurUniteLegale": _strings(employer, mask=closed),
    }
    assert tuple(columns) == STOCK_UNITE_LEGALE_COLUMNS
    return pa.table(columns)


def _establishment_table(rng, settings: RegistrySettings, siren, owner, nic, sequence, is_siege,
                         created, closed, closing, activity, nomenclature, digital, band, employer,
                         stock_day) -> pa.Table:  # fmt: skip
    count = len(owner)
    places = settings.places
    company_end = np.where(closed[owner], closing[owner], stock_day)
    opened = created[owner] + (
        (company_end - created[owner]) * rng.random(count) * (sequence > 1)
    ).astype(np.int64)
    # A head office that moved opened later than the company.
    state_closed = closed[owner] | (~is_siege & (rng.random(count) < 0.35))
    own_closing = np.where(
        closed[owner],
        closing[owner],
        opened + ((stock_day - opened) * rng.random(count)).astype(np.int64),
    )
    period_start = np.where(state_closed, own_closing, opened)

    own_activity = activity[owner].copy()
    own_nomenclature = nomenclature[owner].copy()
    different = ~is_siege & (rng.random(count) < 0.2)
    own_activity[different] = naf.draw_activity_indices(rng, int(different.sum()), 0.04)
    own_nomenclature[different] = 0
    own_digital = naf.is_digital_index(own_activity)

    # The siège by population (digital more urban); half the others in the same commune.
    siege_place = places.draw_communes(rng, len(siren), digital)
    place = siege_place[owner]
    elsewhere = ~is_siege & (rng.random(count) < 0.5)
    place[elsewhere] = places.draw_communes(rng, int(elsewhere.sum()), own_digital[elsewhere])
    foreign = ~is_siege & (rng.random(count) < SHARE_FOREIGN)
    activity_codes, nomenclature_names = _activity_columns(rng, own_activity, own_nomenclature)
    siret = pc.binary_join_element_wise(_digits(siren[owner], 9), _digits(nic, 5), "")
    no_address = foreign
    columns = {
        "siren": _digits(siren[owner], 9),
        "nic": _digits(nic, 5),
        "siret": siret,
        "statutDiffusionEtablissement": _strings(np.full(count, "O", dtype=object)),
        "dateCreationEtablissement": _dates(opened),
        "trancheEffectifsEtablissement": _strings(np.where(is_siege, band[owner], "NN")),
        "anneeEffectifsEtablissement": pa.nulls(count, pa.int32()),
        "activitePrincipaleRegistreMetiersEtablissement": pa.nulls(count, pa.string()),
        "dateDernierTraitementEtablissement": _processing_times(period_start, settings.stock_date),
        "etablissementSiege": pa.array(is_siege),
        "nombrePeriodesEtablissement": pa.array(1 + rng.poisson(0.7, count), pa.int32()),
        "complementAdresseEtablissement": pa.nulls(count, pa.string()),
        "numeroVoieEtablissement": _strings(
            rng.integers(1, 200, count).astype(str).astype(object), mask=no_address
        ),
        "indiceRepetitionEtablissement": pa.nulls(count, pa.string()),
        "dernierNumeroVoieEtablissement": pa.nulls(count, pa.string()),
        "indiceRepetitionDernierNumeroVoieEtablissement": pa.nulls(count, pa.string()),
        "typeVoieEtablissement": _vocabulary(STREET_TYPES, rng.integers(0, 8, count), no_address),
        "libelleVoieEtablissement": _vocabulary(
            STREET_NAMES, rng.integers(0, 10, count), no_address
        ),
        "codePostalEtablissement": _vocabulary(places.postal_codes, place, no_address),
        "libelleCommuneEtablissement": _vocabulary(places.names, place, no_address),
        "libelleCommuneEtrangerEtablissement": _strings(
            np.full(count, "LONDON", dtype=object), mask=~foreign
        ),
        "distributionSpecialeEtablissement": pa.nulls(count, pa.string()),
        "codeCommuneEtablissement": _vocabulary(places.codes, place, foreign),
        "codeCedexEtablissement": pa.nulls(count, pa.string()),
        "libelleCedexEtablissement": pa.nulls(count, pa.string()),
        "codePaysEtrangerEtablissement": _strings(
            np.full(count, "99132", dtype=object), mask=~foreign
        ),
        "libellePaysEtrangerEtablissement": _strings(
            np.full(count, "ROYAUME-UNI", dtype=object), mask=~foreign
        ),
        "identifiantAdresseEtablissement": pa.nulls(count, pa.string()),
        "coordonneeLambertAbscisseEtablissement": pa.nulls(count, pa.string()),
        "coordonneeLambertOrdonneeEtablissement": pa.nulls(count, pa.string()),
        **{name: pa.nulls(count, pa.string()) for name in STOCK_ETABLISSEMENT_COLUMNS[30:44]},
        "dateDebut": _dates(period_start),
        "etatAdministratifEtablissement": _strings(np.where(state_closed, "F", "A")),
        "enseigne1Etablissement": pa.nulls(count, pa.string()),
        "enseigne2Etablissement": pa.nulls(count, pa.string()),
        "enseigne3Etablissement": pa.nulls(count, pa.string()),
        "denominationUsuelleEtablissement": pa.nulls(count, pa.string()),
        "activitePrincipaleEtablissement": activity_codes,
        "nomenclatureActivitePrincipaleEtablissement": nomenclature_names,
        "caractereEmployeurEtablissement": _strings(
            np.where(is_siege, employer[owner], "N"), mask=state_closed
        ),
    }
    assert tuple(columns) == STOCK_ETABLISSEMENT_COLUMNS, set(columns) ^ set(
        STOCK_ETABLISSEMENT_COLUMNS
    )
    return pa.table(columns)
