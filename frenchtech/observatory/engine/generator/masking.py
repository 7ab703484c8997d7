"""Synthetic partially diffusible units: companies under partial diffusion
(`statutDiffusionUniteLegale` = `P`) and their establishments, whose masked fields hold
`[ND]`, as in INSEE's published stock files.

INSEE decides which fields it masks (a person's names, the details of an address); the
generator masks those and, so that every rule of the engine about masked values is
exercised, one column the engine reads per unit, in turn (see READ_COLUMNS_MASKED_IN_TURN).
Which read columns INSEE really masks is not what these rows show: they are a test device,
in files that say they are synthetic.
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frenchtech.observatory.engine.schema import MASKED_VALUE

PERSONAL_COLUMNS = (
    "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale",
    "prenom4UniteLegale", "prenomUsuelUniteLegale", "pseudonymeUniteLegale", "nomUniteLegale",
    "nomUsageUniteLegale",
)  # fmt: skip
ADDRESS_COLUMNS = (
    "complementAdresseEtablissement", "numeroVoieEtablissement",
    "indiceRepetitionEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
    "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
    "enseigne1Etablissement", "denominationUsuelleEtablissement",
)  # fmt: skip
# The read columns masked, one per unit in turn (the SIREN and NIC stay: the units keep
# their identity, as INSEE's do).
READ_COLUMNS_MASKED_IN_TURN = {
    "companies": (
        "dateCreationUniteLegale", "activitePrincipaleUniteLegale",
        "nomenclatureActivitePrincipaleUniteLegale", "categorieJuridiqueUniteLegale",
        "etatAdministratifUniteLegale", "dateDebut", "trancheEffectifsUniteLegale",
        "caractereEmployeurUniteLegale", "nicSiegeUniteLegale",
    ),
    "establishments": (
        "dateCreationEtablissement", "activitePrincipaleEtablissement",
        "nomenclatureActivitePrincipaleEtablissement", "codeCommuneEtablissement",
    ),
}  # fmt: skip
DATE_COLUMNS = ("dateCreationUniteLegale", "dateDebut", "dateCreationEtablissement")


def mask_units(
    companies: pa.Table, establishments: pa.Table, count: int, file_format: str, rng
) -> tuple[pa.Table, pa.Table]:
    """The tables with `count` companies (drawn at random) and all their establishments
    under partial diffusion. Dates are text in a CSV (every chunk of it, so that the
    chunks share one schema); Parquet keeps typed dates, whose read columns are not masked."""
    text_dates = file_format != "parquet"
    chosen = np.zeros(companies.num_rows, dtype=bool)
    chosen[rng.choice(companies.num_rows, size=min(count, companies.num_rows), replace=False)] = (
        True
    )
    companies = _masked(companies, chosen, "statutDiffusionUniteLegale", PERSONAL_COLUMNS,
                        READ_COLUMNS_MASKED_IN_TURN["companies"], text_dates)  # fmt: skip
    sirens = companies["siren"].filter(pa.array(chosen))
    owned = pc.is_in(establishments["siren"], value_set=sirens).to_numpy(zero_copy_only=False)
    establishments = _masked(establishments, owned, "statutDiffusionEtablissement",
                             ADDRESS_COLUMNS, READ_COLUMNS_MASKED_IN_TURN["establishments"],
                             text_dates)  # fmt: skip
    return companies, establishments


def text_dates(table: pa.Table) -> pa.Table:
    """`table` with its date columns as text (a CSV chunk without masked rows)."""
    for name in DATE_COLUMNS:
        if name in table.column_names:
            index = table.schema.get_field_index(name)
            table = table.set_column(index, name, table[name].cast(pa.string()))
    return table


def _masked(table, rows, status_column, always, in_turn, dates_as_text) -> pa.Table:
    if dates_as_text:
        table = text_dates(table)
    readable = [name for name in in_turn if pa.types.is_string(table[name].type)]
    # The k-th masked unit masks the k-th readable column, in turn.
    turn = np.full(table.num_rows, -1)
    turn[rows] = np.arange(int(rows.sum())) % len(readable)
    masks = {status_column: (rows, "P")}
    masks |= {name: (rows, MASKED_VALUE) for name in always}
    masks |= {name: (turn == position, MASKED_VALUE) for position, name in enumerate(readable)}
    for name, (where, value) in masks.items():
        index = table.schema.get_field_index(name)
        replaced = pc.if_else(pa.array(where), pa.scalar(value), table[name])
        table = table.set_column(index, name, replaced)
    return table
