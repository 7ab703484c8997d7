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

from frenchtech.observatory.engine.schema import (
    CLASSIFIED_NOMENCLATURE,
    DIGITAL_ACTIVITY_CODES,
    MASKABLE_KINDS,
    PROCESSING_DATE_COLUMNS,
    READ_COLUMNS,
    SCALEUP_HEADCOUNT_BANDS,
    SOLE_PROPRIETOR_LEGAL_CATEGORY,
)
from frenchtech.observatory.engine.value_rules import (
    RULE_DESCRIPTIONS,
    TypedColumn,
    is_masked,
    masked_bits,
    processing_text,
    shape_match,
    typed_column,
)

__all__ = ["RULE_DESCRIPTIONS", "TypedColumn", "shape_match", "typed_column"]

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


def _normalised_activity(column: str) -> str:
    # Compared after removing dots and spaces, upper-cased (6201Z = 62.01Z), as defined.
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
    # A masked code or nomenclature (it is never digital: '[ND]' is no code) is unclassified
    # as such; in the files where the mark means nothing it is an ordinary code.
    unclassified = (
        f"CASE WHEN {nomenclature} = '{CLASSIFIED_NOMENCLATURE}' AND {has_code} "
        f"AND NOT {is_masked(activity)} THEN NULL "
        f"WHEN {is_masked(activity)} OR {is_masked(nomenclature)} THEN '{MASKED_UNCLASSIFIED}' "
        f"WHEN NOT {has_code} THEN '(empty code)' "
        f"ELSE COALESCE(NULLIF({nomenclature}, ''), '(empty nomenclature)') END"
    )
    return is_digital, unclassified


# How unclassified_nomenclature names a row whose activity code or nomenclature is masked.
MASKED_UNCLASSIFIED = "(masked)"


@dataclass(frozen=True)
class _Scan:
    """The SQL pieces of one file's scan: typed values and raw text by column, the
    rejection (first malformed column), masked columns (bits), the processing date (text,
    value_rules.processing_text)."""

    typed: dict[str, str]
    raw: dict[str, str]
    rejected_column: str
    masked: str
    processed_text: str

    def late_created_on(self, column: str, bound: str) -> str:
        """SQL: the creation day in `column` when its text sorts after `bound` (SQL text,
        where `{processed_text}` stands for the row's processing date), else NULL. ISO
        dates and times compare as text in time order, so no value is parsed for it."""
        bound = bound.replace("{processed_text}", self.processed_text)
        return f"CASE WHEN {self.raw[column]} > {bound} THEN {self.typed[column]} END"


def _scan(kind: str, column_types: dict[str, str]) -> _Scan:
    maskable = kind in MASKABLE_KINDS
    typed = {
        name: typed_column(name, rule, column_types.get(name, "text"), maskable)
        for name, rule in READ_COLUMNS[kind].items()
    }
    rejected = " ".join(
        f"WHEN {column.malformed} THEN '{name}'"
        for name, column in typed.items()
        if column.malformed != "FALSE"
    )
    raw = {
        name: name if column_types.get(name, "text") == "text" else f"CAST({name} AS VARCHAR)"
        for name in READ_COLUMNS[kind]
    }
    processing_column = PROCESSING_DATE_COLUMNS.get(kind)
    if processing_column not in column_types:
        processing_column = None
    return _Scan(
        typed={name: column.typed for name, column in typed.items()},
        raw=raw,
        rejected_column=f"CASE {rejected} END" if rejected else "CAST(NULL AS VARCHAR)",
        masked=masked_bits(kind, column_types) if maskable else "0",
        processed_text=processing_text(
            processing_column, column_types.get(processing_column or "", "text")
        ),
    )


def staging_query(
    kind: str, column_types: dict[str, str], file_index: int, late_creation_bound: str = "NULL"
) -> str:
    """The SELECT that turns the raw rows of one file of `kind` (the relation `{source}`)
    into rows of its staged relation (see STAGED_RELATIONS). `late_creation_bound` is SQL
    text (stock_date.late_creation_bound): a SIRENE creation date after it keeps its day in
    the groups (`late_created_on`), so that creations after the stock date can be counted
    once it is known."""
    scan = _scan(kind, column_types)
    if kind == "unite_legale":
        return _company_scan(scan, file_index, late_creation_bound)
    if kind == "etablissement":
        return _establishment_scan(scan, file_index, late_creation_bound)
    return (
        f"SELECT {file_index} AS file_index, {_SELECTS[kind](scan)}, "  # noqa: S608
        f"{scan.rejected_column} AS rejected_column FROM {{source}}"
    )


def _company_kept_columns(scan: _Scan) -> dict[str, str]:
    """Company columns the indicators need, kept for digital and funded companies only
    (SQL over the inner scan `k`). A masked legal category, state, headcount band or
    employer flag is unknown (NULL): the indicator that needs it leaves the company out;
    the others count it. Computed here, for the kept rows only, rather than for every row."""
    bands = ", ".join(f"'{band}'" for band in SCALEUP_HEADCOUNT_BANDS)

    def unless_masked(column: str, expression: str) -> str:
        return f"CASE WHEN {is_masked(column)} THEN NULL ELSE {expression} END"

    return {
        "siren": "k.siren",
        "is_digital": "k.is_digital",
        "is_sole_proprietor": unless_masked(
            "k.legal", f"COALESCE(k.legal = '{SOLE_PROPRIETOR_LEGAL_CATEGORY}', FALSE)"
        ),
        "state": unless_masked("k.state", "k.state"),
        "period_start": "k.period_start",
        "is_fifty_plus": unless_masked("k.band", f"COALESCE(k.band IN ({bands}), FALSE)"),
        "is_employer": unless_masked("k.employer", "COALESCE(k.employer = 'O', FALSE)"),
        "nic_siege": "k.nic_siege",
        "state_masked": f"COALESCE({is_masked('k.state')}, FALSE)",
        "period_start_masked": f"COALESCE({is_masked('k.period_start_text')}, FALSE)",
    }


def _company_scan(scan: _Scan, file_index: int, late_creation_bound: str) -> str:
    t, raw = scan.typed, scan.raw
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleUniteLegale"], t["nomenclatureActivitePrincipaleUniteLegale"]
    )
    typed = ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['dateCreationUniteLegale']} AS created_on",
            f"{is_digital} AS is_digital",
            f"{unclassified} AS unclassified_nomenclature",
            f"{t['categorieJuridiqueUniteLegale']} AS legal",
            f"{t['etatAdministratifUniteLegale']} AS state",
            f"{t['dateDebut']} AS period_start",
            f"{raw['dateDebut']} AS period_start_text",
            f"{t['trancheEffectifsUniteLegale']} AS band",
            f"{t['caractereEmployeurUniteLegale']} AS employer",
            f"{t['nicSiegeUniteLegale']} AS nic_siege",
            f"{scan.rejected_column} AS rejected_column",
            f"{scan.masked} AS masked",
            f"{scan.processed_text} AS processed_text",
            scan.late_created_on("dateCreationUniteLegale", late_creation_bound)
            + " AS late_created_on",
        )
    )
    # A valid digital or funded company keeps its columns; any other row gets NULLs, so
    # all such rows of one (rejection, nomenclature, masked columns) fold into one group
    # (a few hot groups: keeping every row's creation day instead, measured on 7 M rows,
    # spread them over 90 000 groups and nearly tripled the cost of the grouping).
    kept = (
        "r.rejected_column IS NULL AND (r.is_digital OR r.siren IN "
        "(SELECT siren FROM funding_round_rows WHERE rejected_column IS NULL))"
    )
    kept_columns = _company_kept_columns(scan)
    selected = ", ".join(
        f"CASE WHEN k.kept THEN {expression} END AS {name}"
        for name, expression in kept_columns.items()
    )
    selected += ", CASE WHEN k.kept THEN k.created_on END AS created_on"
    key = ", ".join(
        (
            "rejected_column",
            "unclassified_nomenclature",
            "masked",
            "late_created_on",
            "created_on",
            *kept_columns,
        )
    )
    return (
        f"SELECT {file_index} AS file_index, {key}, COUNT(*) AS row_count, "  # noqa: S608
        "MAX(any_created_on) AS latest_created_on, "
        "MAX(any_period_start) AS latest_period_start, "
        "MAX(processed_text) AS latest_processed "
        "FROM (SELECT k.rejected_column, k.unclassified_nomenclature, k.masked, "
        f"k.late_created_on, {selected}, k.created_on AS any_created_on, "
        "k.period_start AS any_period_start, k.processed_text "
        f"FROM (SELECT r.*, {kept} AS kept FROM (SELECT {typed} FROM {{source}}) r) k) g "
        f"GROUP BY {key}"
    )


def _establishment_scan(scan: _Scan, file_index: int, late_creation_bound: str) -> str:
    t = scan.typed
    is_digital, unclassified = _digital_and_unclassified(
        t["activitePrincipaleEtablissement"], t["nomenclatureActivitePrincipaleEtablissement"]
    )
    typed = ", ".join(
        (
            scan.late_created_on("dateCreationEtablissement", late_creation_bound)
            + " AS late_created_on",
            f"{t['siren']} AS siren",
            f"{t['nic']} AS nic",
            f"{t['dateCreationEtablissement']} AS created_on",
            f"{is_digital} AS is_digital",
            f"{unclassified} AS unclassified_nomenclature",
            f"{t['codeCommuneEtablissement']} AS raw_commune_code",
            f"{scan.rejected_column} AS rejected_column",
            f"{scan.masked} AS masked",
            f"{scan.processed_text} AS processed_text",
        )
    )
    # The creation year matters for digital establishments only; the siège of a kept
    # company keeps its SIREN; every other row only counts under its commune code. A masked
    # commune code stays as written: it maps to no commune (level france only).
    key = (
        "rejected_column, unclassified_nomenclature, masked, late_created_on, "
        "raw_commune_code, is_digital, created_year, siege_siren"
    )
    return (
        f"SELECT {file_index} AS file_index, {key}, COUNT(*) AS row_count, "  # noqa: S608
        "MAX(created_on) AS latest_created_on, MAX(processed_text) AS latest_processed "
        "FROM (SELECT e.rejected_column, e.unclassified_nomenclature, e.masked, "
        "e.late_created_on, e.raw_commune_code, e.is_digital, e.created_on, e.processed_text, "
        "CASE WHEN e.is_digital THEN CAST(EXTRACT(YEAR FROM e.created_on) AS INTEGER) END "
        "AS created_year, c.siren AS siege_siren "
        f"FROM (SELECT {typed} FROM {{source}}) e "
        "LEFT JOIN company_rows c ON c.siren = e.siren AND c.nic_siege = e.nic) g "
        f"GROUP BY {key}"
    )


def _company_period_select(scan: _Scan) -> str:
    t = scan.typed
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['dateDebut']} AS period_start",
            f"{t['etatAdministratifUniteLegale']} AS state",
            f"COALESCE({t['changementEtatAdministratifUniteLegale']}, FALSE) AS state_changed",
            f"{scan.masked} AS masked",
        )
    )


def _funding_select(scan: _Scan) -> str:
    t = scan.typed
    return ", ".join(
        (
            f"{t['siren']} AS siren",
            f"{t['date']} AS round_date",
            f"{t['amount_eur']} AS amount_eur",
        )
    )


def _event_select(scan: _Scan) -> str:
    t = scan.typed
    return ", ".join(
        (
            f"{t['date']} AS event_date",
            f"{t['code_commune']} AS raw_commune_code",
            f"COALESCE({t['international']}, FALSE) AS is_international",
        )
    )


def _programme_select(scan: _Scan) -> str:
    t = scan.typed
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
    "unclassified_nomenclature VARCHAR, masked INTEGER, late_created_on DATE, "
    "created_on DATE, siren INTEGER, "
    "is_digital BOOLEAN, is_sole_proprietor BOOLEAN, state VARCHAR, period_start DATE, "
    "is_fifty_plus BOOLEAN, is_employer BOOLEAN, nic_siege INTEGER, state_masked BOOLEAN, "
    "period_start_masked BOOLEAN, row_count BIGINT, latest_created_on DATE, "
    "latest_period_start DATE, latest_processed VARCHAR",
    "establishment_groups": "file_index INTEGER, rejected_column VARCHAR, "
    "unclassified_nomenclature VARCHAR, masked INTEGER, late_created_on DATE, "
    "raw_commune_code VARCHAR, is_digital BOOLEAN, created_year INTEGER, siege_siren INTEGER, "
    "row_count BIGINT, latest_created_on DATE, latest_processed VARCHAR",
    "company_period_rows": "file_index INTEGER, siren INTEGER, period_start DATE, "
    "state VARCHAR, state_changed BOOLEAN, masked INTEGER, rejected_column VARCHAR",
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
    "period_start, is_fifty_plus, is_employer, nic_siege, state_masked, period_start_masked, "
    "masked FROM company_groups WHERE rejected_column IS NULL AND siren IS NOT NULL",
    # `masked` tells a masked creation date from an empty one (diagnostics).
    "establishment_facts": "SELECT raw_commune_code, is_digital, created_year, siege_siren, "
    "masked, SUM(row_count) AS row_count FROM establishment_groups "
    "WHERE rejected_column IS NULL "
    "GROUP BY raw_commune_code, is_digital, created_year, siege_siren, masked",
}
