"""From raw input rows to typed, validated relations, in one pass per file.

CSV is read with every column as text (nothing is guessed by a type detector); each value
the indicators use is then cast by an explicit rule, and a value that breaks its rule marks
its row as rejected, naming the column. The SQL generated here is plain standard SQL
(CASE, LPAD, TRY_CAST, UPPER, REPLACE), so the same text runs on
Spark SQL over a text-typed view of the same file.
"""

from dataclasses import dataclass

from .schema import (
    CLASSIFIED_NOMENCLATURE,
    DIGITAL_ACTIVITY_CODES,
    READ_COLUMNS,
    SCALEUP_HEADCOUNT_BANDS,
    SOLE_PROPRIETOR_LEGAL_CATEGORY,
)

# What a value must look like, per rule; also used to word rejections.
RULE_DESCRIPTIONS = {
    "siren": "malformed SIREN (expected 9 digits)",
    "nic": "malformed NIC (expected 5 digits)",
    "date": "malformed date (expected YYYY-MM-DD, a real day)",
    "required_date": "missing or malformed date (expected YYYY-MM-DD, a real day)",
    "boolean": "malformed boolean (expected true or false)",
    "integer": "malformed integer",
    "decimal": "malformed decimal number",
}

# The relation each kind of file is staged into.
STAGED_RELATIONS = {
    "unite_legale": "company_rows",
    "etablissement": "establishment_rows",
    "unite_legale_historique": "company_period_rows",
    "funding_rounds": "funding_round_rows",
    "events": "event_rows",
    "programmes": "programme_rows",
}


@dataclass(frozen=True)
class TypedColumn:
    """How one input column becomes a typed value: the SQL expression of the typed value,
    and the SQL condition under which the raw value is malformed."""

    typed: str
    malformed: str


def typed_column(name: str, rule: str, physical: str) -> TypedColumn:
    """The typed expression and malformed condition of column `name` under `rule`, given
    the physical family of the column (`text` for CSV; Parquet may carry typed columns)."""
    if physical == "text":
        return _typed_from_text(name, rule)
    # Typed Parquet columns: dates as DATE, booleans as BOOLEAN, counts as integers.
    if rule in ("date", "required_date") and physical == "date":
        missing = f"{name} IS NULL" if rule == "required_date" else "FALSE"
        return TypedColumn(f"CAST({name} AS DATE)", missing)
    if rule == "boolean" and physical == "boolean":
        return TypedColumn(name, "FALSE")
    if rule == "siren" and physical == "integer":
        return TypedColumn(
            f"CAST({name} AS INTEGER)", f"({name} IS NULL OR {name} < 0 OR {name} > 999999999)"
        )
    if rule == "nic" and physical == "integer":
        return TypedColumn(f"CAST({name} AS INTEGER)", f"({name} < 0 OR {name} > 99999)")
    if rule == "integer" and physical == "integer":
        return TypedColumn(f"CAST({name} AS BIGINT)", "FALSE")
    if rule == "decimal" and physical in ("integer", "number"):
        return TypedColumn(f"CAST({name} AS DECIMAL(18,2))", "FALSE")
    # Any other combination: compare as text, with the text rule.
    return _typed_from_text(f"CAST({name} AS VARCHAR)", rule)


def _typed_from_text(raw: str, rule: str) -> TypedColumn:
    # A value is well-formed when it equals the canonical text of its cast (zero-padded
    # digits, YYYY-MM-DD): exact, portable, and far cheaper than character-class trims.
    # The typed value is the plain TRY_CAST: a malformed row is rejected whole anyway.
    # CSV empty fields arrive as NULL; Parquet may hold '' instead, hence `present`.
    present = f"({raw} IS NOT NULL AND {raw} <> '')"
    if rule == "text":
        return TypedColumn(raw, "FALSE")
    if rule in ("siren", "nic"):
        width = 9 if rule == "siren" else 5
        typed = f"TRY_CAST({raw} AS INTEGER)"
        broken = f"({typed} IS NULL OR LPAD(CAST({typed} AS VARCHAR), {width}, '0') <> {raw})"
        if rule == "siren":
            return TypedColumn(typed, f"(NOT {present} OR {broken})")
        return TypedColumn(typed, f"({present} AND {broken})")
    if rule in ("date", "required_date"):
        typed = f"TRY_CAST({raw} AS DATE)"
        broken = f"({typed} IS NULL OR CAST({typed} AS VARCHAR) <> {raw})"
        if rule == "required_date":
            return TypedColumn(typed, f"(NOT {present} OR {broken})")
        return TypedColumn(typed, f"({present} AND {broken})")
    if rule == "boolean":
        lowered = f"LOWER({raw})"
        return TypedColumn(
            f"CASE WHEN {lowered} = 'true' THEN TRUE WHEN {lowered} = 'false' THEN FALSE END",
            f"({present} AND {lowered} NOT IN ('true', 'false'))",
        )
    if rule == "integer":
        typed = f"TRY_CAST({raw} AS BIGINT)"
        return TypedColumn(typed, f"({present} AND {typed} IS NULL)")
    if rule == "decimal":
        typed = f"TRY_CAST({raw} AS DECIMAL(18,2))"
        return TypedColumn(typed, f"(NOT {present} OR {typed} IS NULL)")
    raise ValueError(f"unknown value rule {rule!r}")


def _normalised_activity(column: str) -> str:
    # INDICATORS.md: compared after removing dots and spaces, upper-cased (6201Z = 62.01Z).
    return f"UPPER(REPLACE(REPLACE({column}, '.', ''), ' ', ''))"


def _digital_and_unclassified(activity: str, nomenclature: str) -> tuple[str, str]:
    codes = ", ".join(f"'{code}'" for code in DIGITAL_ACTIVITY_CODES)
    is_digital = (
        f"COALESCE({nomenclature} = '{CLASSIFIED_NOMENCLATURE}' "
        f"AND {_normalised_activity(activity)} IN ({codes}), FALSE)"
    )
    has_code = f"({activity} IS NOT NULL AND {activity} <> '')"
    unclassified = (
        f"CASE WHEN {nomenclature} = '{CLASSIFIED_NOMENCLATURE}' AND {has_code} THEN NULL "
        f"WHEN NOT {has_code} THEN '(empty code)' "
        f"ELSE COALESCE(NULLIF({nomenclature}, ''), '(empty nomenclature)') END"
    )
    return is_digital, unclassified


def staging_query(kind: str, column_types: dict[str, str], file_index: int) -> str:
    """The SELECT that turns the raw rows of one file of `kind` (the relation `{source}`)
    into its staged relation: typed columns the indicators use, and `rejected_column`
    (NULL, or the first column whose value breaks its rule)."""
    rules = READ_COLUMNS[kind]
    typed = {
        name: typed_column(name, rule, column_types.get(name, "text"))
        for name, rule in rules.items()
    }
    t = {name: column.typed for name, column in typed.items()}
    rejected = " ".join(
        f"WHEN {column.malformed} THEN '{name}'"
        for name, column in typed.items()
        if column.malformed != "FALSE"
    )
    rejected_column = f"CASE {rejected} END" if rejected else "CAST(NULL AS VARCHAR)"
    select = _SELECTS[kind](t)
    return (
        f"SELECT {file_index} AS file_index, {select}, {rejected_column} AS rejected_column "  # noqa: S608
        "FROM {source}"
    )


def _company_select(t: dict[str, str]) -> str:
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleUniteLegale"], t["nomenclatureActivitePrincipaleUniteLegale"]
    )
    bands = ", ".join(f"'{band}'" for band in SCALEUP_HEADCOUNT_BANDS)
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['dateCreationUniteLegale']} AS created_on",
            f"{is_digital} AS is_digital",
            f"{unclassified} AS unclassified_nomenclature",
            f"COALESCE({t['categorieJuridiqueUniteLegale']} = "
            f"'{SOLE_PROPRIETOR_LEGAL_CATEGORY}', FALSE) AS is_sole_proprietor",
            f"{t['etatAdministratifUniteLegale']} AS state",
            f"{t['dateDebut']} AS period_start",
            f"COALESCE({t['trancheEffectifsUniteLegale']} IN ({bands}), FALSE) AS is_fifty_plus",
            f"COALESCE({t['caractereEmployeurUniteLegale']} = 'O', FALSE) AS is_employer",
            f"{t['nicSiegeUniteLegale']} AS nic_siege",
        )
    )


def _establishment_select(t: dict[str, str]) -> str:
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleEtablissement"], t["nomenclatureActivitePrincipaleEtablissement"]
    )
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['nic']} AS nic",
            f"{t['dateCreationEtablissement']} AS created_on",
            f"{is_digital} AS is_digital",
            f"{unclassified} AS unclassified_nomenclature",
            f"{t['codeCommuneEtablissement']} AS raw_commune_code",
        )
    )


def _company_period_select(t: dict[str, str]) -> str:
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['dateDebut']} AS period_start",
            f"{t['etatAdministratifUniteLegale']} AS state",
            f"COALESCE({t['changementEtatAdministratifUniteLegale']}, FALSE) AS state_changed",
        )
    )


def _funding_select(t: dict[str, str]) -> str:
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['date']} AS round_date",
            f"{t['amount_eur']} AS amount_eur",
        )
    )


def _event_select(t: dict[str, str]) -> str:
    return ", ".join(
        (
            f"{t['date']} AS event_date",
            f"{t['code_commune']} AS raw_commune_code",
            f"COALESCE({t['international']}, FALSE) AS is_international",
        )
    )


def _programme_select(t: dict[str, str]) -> str:
    return ", ".join(
        (
            f"{t['code_commune']} AS raw_commune_code",
            f"{t['start_date']} AS start_date",
            f"{t['end_date']} AS end_date",
            f"COALESCE({t['cohort_size']}, 0) AS cohort_size",
        )
    )


_SELECTS = {
    "unite_legale": _company_select,
    "etablissement": _establishment_select,
    "unite_legale_historique": _company_period_select,
    "funding_rounds": _funding_select,
    "events": _event_select,
    "programmes": _programme_select,
}

# Column lists of the staged relations, to create them empty when a kind of file is absent.
EMPTY_STAGED_COLUMNS = {
    "company_rows": "file_index INTEGER, siren INTEGER, created_on DATE, is_digital BOOLEAN, "
    "unclassified_nomenclature VARCHAR, is_sole_proprietor BOOLEAN, state VARCHAR, "
    "period_start DATE, is_fifty_plus BOOLEAN, is_employer BOOLEAN, nic_siege INTEGER, "
    "rejected_column VARCHAR",
    "establishment_rows": "file_index INTEGER, siren INTEGER, nic INTEGER, created_on DATE, "
    "is_digital BOOLEAN, unclassified_nomenclature VARCHAR, raw_commune_code VARCHAR, "
    "rejected_column VARCHAR",
    "company_period_rows": "file_index INTEGER, siren INTEGER, period_start DATE, "
    "state VARCHAR, state_changed BOOLEAN, rejected_column VARCHAR",
    "funding_round_rows": "file_index INTEGER, siren INTEGER, round_date DATE, "
    "amount_eur DECIMAL(18,2), rejected_column VARCHAR",
    "event_rows": "file_index INTEGER, event_date DATE, raw_commune_code VARCHAR, "
    "is_international BOOLEAN, rejected_column VARCHAR",
    "programme_rows": "file_index INTEGER, raw_commune_code VARCHAR, start_date DATE, "
    "end_date DATE, cohort_size BIGINT, rejected_column VARCHAR",
}
