"""The `masked_values` entry of the diagnostics: where the SIRENE files hold `[ND]` (the mark
of a field of a partially diffusible unit) and what each indicator did with it.

A masked value is unknown: the staging SQL types it NULL and never rejects it
(value_rules.py), and every staged group carries the bits of its masked columns (`masked`).
An indicator counts a unit when the fields it needs are known; the unit is otherwise left
out of it and counted here, by indicator and by masked column. The rules below restate, for
the report, the SQL that applies them (staging.py, sql/digital_companies.sql,
sql/commune_facts.sql); tests check both on the same rows.
"""

from collections import defaultdict

from frenchtech.observatory.engine.schema import KIND_LABELS, MASKED_VALUE
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.value_rules import masked_bit, masked_columns

_COMPANY = "unite_legale"
_ESTABLISHMENT = "etablissement"
_CREATED = "dateCreationUniteLegale"
_STATE = "etatAdministratifUniteLegale"
# Indicators of digital companies: the masked columns that leave a company out of each.
# (The creation-based ratios, per 100k and growth, follow digital_company_creations.)
_ALWAYS_NEEDED = {
    "digital_company_creations": (_CREATED,),
    "digital_company_creations_excl_sole": (_CREATED, "categorieJuridiqueUniteLegale"),
    "digital_active_companies": (_STATE,),
    "digital_employer_companies": (_STATE,),
    "digital_scaleups": (_STATE,),
    "digital_survival_3y": (_CREATED, _STATE),
}
# Needed only by an active company (a ceased one is out of these counts anyway)...
_NEEDED_IF_ACTIVE = {
    "digital_employer_companies": ("caractereEmployeurUniteLegale",),
    "digital_scaleups": ("trancheEffectifsUniteLegale",),
}
# ...or by a ceased company without a ceasing date from the history file.
_NEEDED_IF_CEASED_UNDATED = {"digital_survival_3y": ("dateDebut",)}


def masked_values(query, sources: list[SourceFile]) -> dict:
    """The `masked_values` document of the run whose relations `query` reads."""
    return {
        "value": MASKED_VALUE,
        "by_file": _by_file(query, sources),
        "digital_companies_left_out": _companies_left_out(query),
        "digital_companies_without_siren": _without_siren(query),
        "digital_companies_placed_in_france_only": _count_bit(
            query, "digital_companies", _COMPANY, "nicSiegeUniteLegale"
        ),
        "digital_establishment_creations_left_out": _count_bit(
            query,
            "establishment_facts",
            _ESTABLISHMENT,
            "dateCreationEtablissement",
            "is_digital",
        ),
        "note": (
            "a masked value is unknown: an indicator counts a unit when the fields it needs "
            "are known; a masked commune code counts at level france only (unmapped_commune)"
        ),
    }


def masked_count(query, relation: str, kind: str, column: str, where: str = "TRUE") -> int:
    """Rows (row_count where the relation has it) of `relation` whose `column` is masked."""
    rows = _by_bits(query, relation, where)
    bit = masked_bit(kind, column)
    return sum(count for bits, count in rows.items() if bits & bit)


def _by_bits(query, relation: str, where: str) -> dict[int, int]:
    count = "COUNT(*)" if relation == "digital_companies" else "SUM(row_count)"
    return {
        int(bits): int(n)
        for bits, n in query(
            f"SELECT masked, {count} FROM {relation} "  # noqa: S608 (constants)
            f"WHERE masked <> 0 AND {where} GROUP BY masked"
        )
    }


def _count_bit(query, relation, kind, column, where="TRUE") -> dict:
    return {column: masked_count(query, relation, kind, column, where)}


def _by_file(query, sources: list[SourceFile]) -> dict:
    # Rows of every staged file (rejected ones included), by masked column.
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for relation, count in (
        ("company_groups", "SUM(row_count)"),
        ("establishment_groups", "SUM(row_count)"),
        ("company_period_rows", "COUNT(*)"),
    ):
        for index, bits, n in query(
            f"SELECT file_index, masked, {count} FROM {relation} "  # noqa: S608
            "WHERE masked <> 0 GROUP BY file_index, masked"
        ):
            kind = sources[int(index)].kind
            for column in masked_columns(kind, int(bits)):
                counts[int(index)][column] += int(n)
    return {
        sources[index].name: {
            "kind": KIND_LABELS[sources[index].kind],
            "rows_by_column": dict(sorted(columns.items())),
        }
        for index, columns in sorted(counts.items())
    }


def _companies_left_out(query) -> dict:
    left_out: dict[str, dict[str, int]] = {name: defaultdict(int) for name in _ALWAYS_NEEDED}
    companies: dict[str, int] = defaultdict(int)
    for bits, state, ceased_undated, n in query(
        "SELECT masked, state, ceased_on IS NULL, COUNT(*) FROM digital_companies "
        "WHERE masked <> 0 GROUP BY masked, state, ceased_on IS NULL"
    ):
        masked = set(masked_columns(_COMPANY, int(bits)))
        for indicator, always in _ALWAYS_NEEDED.items():
            needed = set(always)
            if state == "A":
                needed |= set(_NEEDED_IF_ACTIVE.get(indicator, ()))
            if state == "C" and ceased_undated:
                needed |= set(_NEEDED_IF_CEASED_UNDATED.get(indicator, ()))
            columns = masked & needed
            for column in columns:
                left_out[indicator][column] += int(n)
            if columns:
                companies[indicator] += int(n)
    return {
        indicator: {"companies": companies[indicator], "by_column": dict(sorted(by.items()))}
        for indicator, by in left_out.items()
    }


def _without_siren(query) -> int:
    # Digital companies whose SIREN is masked: no company indicator can identify them.
    return masked_count(
        query,
        "company_groups",
        _COMPANY,
        "siren",
        "rejected_column IS NULL AND is_digital AND siren IS NULL",
    )
