"""From raw input rows to the small relations the indicator queries read: one pass per file.

CSV is read with every column as text (nothing is guessed by a type detector); each value
the indicators use is then cast by an explicit rule, and a value that breaks its rule marks
its row as rejected, naming the column.

The two SIRENE stock files are far too big to copy (44 M establishments, 30 M companies).
Each is read in ONE streaming pass that validates every row and aggregates at once: a
single GROUP BY whose key is NULL for what the indicators do not need, so that the many
rows that matter only as counts (diagnostics, rejections, non-digital establishments)
fold into a few groups, and only the rows the indicators need survive one by one:
* companies (`company_groups`): the digital companies, and those with a funding round
  (funding files are staged first), each as one group; every other row only counts;
* establishments (`establishment_groups`): per commune code, nomenclature fault and, for
  digital establishments, creation year; plus the siège of each kept company, found by a
  hash join against the kept companies (staged first) during the same pass.
Nothing else is materialised. The generated SQL stays plain (CASE, GLOB, TRY_CAST, IN,
LEFT JOIN, GROUP BY), so Spark SQL stages the same relations over a text-typed view
(after spark/staging.py's two rewrites: STRING for VARCHAR, RLIKE for GLOB).
The small side files (funding rounds, events, programmes, company history) are staged row
by row, as their rows are few.
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
    "unite_legale": "company_groups",
    "etablissement": "establishment_groups",
    "unite_legale_historique": "company_period_rows",
    "funding_rounds": "funding_round_rows",
    "events": "event_rows",
    "programmes": "programme_rows",
}

# Constant relations the staging SQL reads, (column, values), which each engine registers
# before staging.
CONSTANT_RELATIONS = {"digital_activity_codes": ("code", DIGITAL_ACTIVITY_CODES)}

# The order kinds are staged in: the company pass needs the funded SIRENs, the
# establishment pass needs the kept companies.
STAGING_ORDER = (
    "funding_rounds",
    "events",
    "programmes",
    "unite_legale_historique",
    "unite_legale",
    "etablissement",
)


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


def shape_match(raw: str, pattern: str) -> str:
    """SQL: does the whole of `raw` have the shape `pattern`, a GLOB pattern made of `[0-9]`
    (one ASCII digit) and `-` only? spark/staging.py rewrites it for Spark (RLIKE)."""
    return f"({raw} GLOB '{pattern}')"


_DATE_SHAPE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _typed_from_text(raw: str, rule: str) -> TypedColumn:
    # Digits and dates: the shape by GLOB (a whole-value match of ASCII digits, exact), then,
    # for dates, a real day by the cast. Measured on 10 M rows, this costs a fraction of
    # comparing each value with the canonical text of its cast (formatting every value back
    # to text): DuckDB's casts alone are lenient (signs, spaces, '_', '.', hex, exponents;
    # '2015-2-3', 'epoch', BC dates), so they only give the typed value.
    # CSV empty fields arrive as NULL; Parquet may hold '' instead, hence `present`.
    present = f"({raw} IS NOT NULL AND {raw} <> '')"
    if rule == "text":
        return TypedColumn(raw, "FALSE")
    if rule in ("siren", "nic"):
        width = 9 if rule == "siren" else 5
        typed = f"TRY_CAST({raw} AS INTEGER)"
        broken = f"NOT {shape_match(raw, '[0-9]' * width)}"
        if rule == "siren":
            return TypedColumn(typed, f"(NOT {present} OR {broken})")
        return TypedColumn(typed, f"({present} AND {broken})")
    if rule in ("date", "required_date"):
        typed = f"TRY_CAST({raw} AS DATE)"
        # Year 0000 has the shape and casts (to 1 BC), but is no day of the Gregorian years.
        broken = (
            f"(NOT {shape_match(raw, _DATE_SHAPE)} OR {typed} IS NULL "
            f"OR {typed} < DATE '0001-01-01')"
        )
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


def digital_activity(activity: str, nomenclature: str) -> str:
    """SQL: is this NAF rév. 2 activity code digital? A lookup in `digital_activity_codes`
    (DuckDB: a hash mark join) rather than an IN list, which compares every value with each
    of the 25 codes in turn."""
    return (
        f"COALESCE({nomenclature} = '{CLASSIFIED_NOMENCLATURE}' "  # noqa: S608 (constants)
        f"AND {_normalised_activity(activity)} IN (SELECT code FROM digital_activity_codes), "
        "FALSE)"
    )


def _digital_and_unclassified(activity: str, nomenclature: str) -> tuple[str, str]:
    is_digital = digital_activity(activity, nomenclature)
    has_code = f"({activity} IS NOT NULL AND {activity} <> '')"
    unclassified = (
        f"CASE WHEN {nomenclature} = '{CLASSIFIED_NOMENCLATURE}' AND {has_code} THEN NULL "
        f"WHEN NOT {has_code} THEN '(empty code)' "
        f"ELSE COALESCE(NULLIF({nomenclature}, ''), '(empty nomenclature)') END"
    )
    return is_digital, unclassified


def _typed_and_rejected(kind: str, column_types: dict[str, str]) -> tuple[dict, str]:
    rules = READ_COLUMNS[kind]
    typed = {
        name: typed_column(name, rule, column_types.get(name, "text"))
        for name, rule in rules.items()
    }
    rejected = " ".join(
        f"WHEN {column.malformed} THEN '{name}'"
        for name, column in typed.items()
        if column.malformed != "FALSE"
    )
    rejected_column = f"CASE {rejected} END" if rejected else "CAST(NULL AS VARCHAR)"
    return {name: column.typed for name, column in typed.items()}, rejected_column


def staging_query(kind: str, column_types: dict[str, str], file_index: int) -> str:
    """The SELECT that turns the raw rows of one file of `kind` (the relation `{source}`)
    into rows of its staged relation (see STAGED_RELATIONS)."""
    t, rejected_column = _typed_and_rejected(kind, column_types)
    if kind == "unite_legale":
        return _company_scan(t, rejected_column, file_index)
    if kind == "etablissement":
        return _establishment_scan(t, rejected_column, file_index)
    return (
        f"SELECT {file_index} AS file_index, {_SELECTS[kind](t)}, "  # noqa: S608
        f"{rejected_column} AS rejected_column FROM {{source}}"
    )


# Company columns the indicators need, kept for digital and funded companies only.
_KEPT_COMPANY_COLUMNS = (
    "siren", "created_on", "is_digital", "is_sole_proprietor", "state", "period_start",
    "is_fifty_plus", "is_employer", "nic_siege",
)  # fmt: skip


def _company_scan(t: dict[str, str], rejected_column: str, file_index: int) -> str:
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleUniteLegale"], t["nomenclatureActivitePrincipaleUniteLegale"]
    )
    bands = ", ".join(f"'{band}'" for band in SCALEUP_HEADCOUNT_BANDS)
    typed = ", ".join(
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
            f"{rejected_column} AS rejected_column",
        )
    )
    # A valid digital or funded company keeps its columns; any other row gets NULLs, so
    # all such rows of one (rejection, nomenclature) fold into a single group.
    kept = (
        "r.rejected_column IS NULL AND (r.is_digital OR r.siren IN "
        "(SELECT siren FROM funding_round_rows WHERE rejected_column IS NULL))"
    )
    kept_columns = ", ".join(
        f"CASE WHEN k.kept THEN k.{c} END AS {c}" for c in _KEPT_COMPANY_COLUMNS
    )
    key = ", ".join(("rejected_column", "unclassified_nomenclature", *_KEPT_COMPANY_COLUMNS))
    return (
        f"SELECT {file_index} AS file_index, {key}, COUNT(*) AS row_count, "  # noqa: S608
        "MAX(any_created_on) AS latest_created_on, "
        "MAX(any_period_start) AS latest_period_start "
        f"FROM (SELECT k.rejected_column, k.unclassified_nomenclature, {kept_columns}, "
        "k.created_on AS any_created_on, k.period_start AS any_period_start "
        f"FROM (SELECT r.*, {kept} AS kept FROM (SELECT {typed} FROM {{source}}) r) k) g "
        f"GROUP BY {key}"
    )


def _establishment_scan(t: dict[str, str], rejected_column: str, file_index: int) -> str:
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleEtablissement"], t["nomenclatureActivitePrincipaleEtablissement"]
    )
    typed = ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['nic']} AS nic",
            f"{t['dateCreationEtablissement']} AS created_on",
            f"{is_digital} AS is_digital",
            f"{unclassified} AS unclassified_nomenclature",
            f"{t['codeCommuneEtablissement']} AS raw_commune_code",
            f"{rejected_column} AS rejected_column",
        )
    )
    # The creation year matters for digital establishments only; the siège of a kept
    # company keeps its SIREN; every other row only counts under its commune code.
    key = (
        "rejected_column, unclassified_nomenclature, raw_commune_code, is_digital, "
        "created_year, siege_siren"
    )
    return (
        f"SELECT {file_index} AS file_index, {key}, COUNT(*) AS row_count, "  # noqa: S608
        "MAX(created_on) AS latest_created_on "
        "FROM (SELECT e.rejected_column, e.unclassified_nomenclature, e.raw_commune_code, "
        "e.is_digital, e.created_on, "
        "CASE WHEN e.is_digital THEN CAST(EXTRACT(YEAR FROM e.created_on) AS INTEGER) END "
        "AS created_year, c.siren AS siege_siren "
        f"FROM (SELECT {typed} FROM {{source}}) e "
        "LEFT JOIN company_rows c ON c.siren = e.siren AND c.nic_siege = e.nic) g "
        f"GROUP BY {key}"
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
    "unite_legale_historique": _company_period_select,
    "funding_rounds": _funding_select,
    "events": _event_select,
    "programmes": _programme_select,
}

# Column lists of the staged relations, created empty before any file is read.
EMPTY_STAGED_COLUMNS = {
    "company_groups": "file_index INTEGER, rejected_column VARCHAR, "
    "unclassified_nomenclature VARCHAR, siren INTEGER, created_on DATE, is_digital BOOLEAN, "
    "is_sole_proprietor BOOLEAN, state VARCHAR, period_start DATE, is_fifty_plus BOOLEAN, "
    "is_employer BOOLEAN, nic_siege INTEGER, row_count BIGINT, latest_created_on DATE, "
    "latest_period_start DATE",
    "establishment_groups": "file_index INTEGER, rejected_column VARCHAR, "
    "unclassified_nomenclature VARCHAR, raw_commune_code VARCHAR, is_digital BOOLEAN, "
    "created_year INTEGER, siege_siren INTEGER, row_count BIGINT, latest_created_on DATE",
    "company_period_rows": "file_index INTEGER, siren INTEGER, period_start DATE, "
    "state VARCHAR, state_changed BOOLEAN, rejected_column VARCHAR",
    "funding_round_rows": "file_index INTEGER, siren INTEGER, round_date DATE, "
    "amount_eur DECIMAL(18,2), rejected_column VARCHAR",
    "event_rows": "file_index INTEGER, event_date DATE, raw_commune_code VARCHAR, "
    "is_international BOOLEAN, rejected_column VARCHAR",
    "programme_rows": "file_index INTEGER, raw_commune_code VARCHAR, start_date DATE, "
    "end_date DATE, cohort_size BIGINT, rejected_column VARCHAR",
}

# Built from the groups once every file of a kind is read: the valid rows the indicator
# queries need (sql/ reads these, never the groups).
DERIVED_RELATIONS = {
    # The establishment pass joins against this: it exists before establishments are read.
    "company_rows": "SELECT siren, created_on, is_digital, is_sole_proprietor, state, "
    "period_start, is_fifty_plus, is_employer, nic_siege FROM company_groups "
    "WHERE rejected_column IS NULL AND siren IS NOT NULL",
    "establishment_facts": "SELECT raw_commune_code, is_digital, created_year, siege_siren, "
    "SUM(row_count) AS row_count FROM establishment_groups WHERE rejected_column IS NULL "
    "GROUP BY raw_commune_code, is_digital, created_year, siege_siren",
}
