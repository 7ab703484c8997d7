"""The diagnostics document of a run: what was read, what could not be placed or
classified, what was rejected, and under which definitions.

Its queries are plain SQL over the run's relations, so that any engine holding them (DuckDB
in compute.py, Spark in engine/spark) answers them through a `query(sql) -> rows` callable.
"""

import datetime as dt
from collections.abc import Callable, Sequence

from frenchtech.observatory.engine.masked_report import masked_count, masked_values
from frenchtech.observatory.engine.schema import DEFINITIONS_VERSION, KIND_LABELS
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.stock_date import creations_after, latest_processing_dates

MAX_EXAMPLE_CODES = 20

# Runs one SELECT on the engine holding the run's relations; returns its rows as tuples.
Query = Callable[[str], Sequence[Sequence]]

# Placed rows whose commune_code is NULL, per source of rows.
_UNMAPPED_SOURCES = {
    "establishments": (
        "SELECT e.raw_commune_code AS code, SUM(e.row_count) AS n FROM establishment_facts e "
        "LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code "
        "WHERE r.code IS NULL GROUP BY e.raw_commune_code"
    ),
    "digital_company_sieges": (
        "SELECT raw_commune_code AS code, COUNT(*) AS n FROM digital_companies "
        "WHERE commune_code IS NULL GROUP BY raw_commune_code"
    ),
    "funding_rounds": (
        "SELECT raw_commune_code AS code, COUNT(*) AS n FROM located_funding_rounds "
        "WHERE commune_code IS NULL GROUP BY raw_commune_code"
    ),
    "events": (
        "SELECT raw_commune_code AS code, COUNT(*) AS n FROM located_events "
        "WHERE commune_code IS NULL GROUP BY raw_commune_code"
    ),
    "programmes": (
        "SELECT raw_commune_code AS code, COUNT(DISTINCT year) AS n FROM located_programmes "
        "WHERE commune_code IS NULL GROUP BY raw_commune_code"
    ),
}


def build(
    query: Query,
    *,
    sources: list[SourceFile],
    row_counts: dict[int, int],
    rejected: dict,
    stock_date: dt.date,
    stock_date_rule: str,
    synthetic: bool,
    engine: dict[str, str],
) -> dict:
    """The diagnostics document (JSON-ready) of the run whose relations `query` reads;
    `engine` names the engine and its version ({"duckdb": "1.4.0"})."""
    rejected_by_file = rejected["by_file"]
    processing_dates = latest_processing_dates(query)
    return {
        "definitions_version": DEFINITIONS_VERSION,
        "synthetic": synthetic,
        "stock_date": stock_date.isoformat(),
        "stock_date_rule": stock_date_rule,
        "survival_years": f"Y <= {stock_date.year - 3} (stock year - 3)",
        "creations_after_stock_date": creations_after(query, stock_date),
        "input_files": [
            {
                "name": source.name,
                "kind": KIND_LABELS[source.kind],
                "format": source.format,
                "size_bytes": source.size_bytes,
                "rows": row_counts.get(index, 0),
                "rows_rejected": rejected_by_file.get(source.name, 0),
                "stock_date": _iso(source.stock_date_from_name()),
                "latest_processing_date": _iso(processing_dates.get(index)),
                "synthetic": source.synthetic,
            }
            for index, source in enumerate(sources)
        ],
        "unmapped_commune": _unmapped(query),
        "communes_without_epci": _communes_without_epci(query),
        "unclassified_nomenclature": {
            "companies": _unclassified(query, "company_groups"),
            "establishments": _unclassified(query, "establishment_groups"),
        },
        # Masked creation dates are reported under masked_values, not here.
        "empty_creation_date": {
            "digital_companies": _scalar(
                query, "SELECT COUNT(*) FROM digital_companies WHERE created_on IS NULL"
            )
            - masked_count(
                query,
                "digital_companies",
                "unite_legale",
                "dateCreationUniteLegale",
                "created_on IS NULL",
            ),
            "digital_establishments": _scalar(
                query,
                "SELECT SUM(row_count) FROM digital_establishments WHERE created_year IS NULL",
            )
            - masked_count(
                query,
                "establishment_facts",
                "etablissement",
                "dateCreationEtablissement",
                "is_digital AND created_year IS NULL",
            ),
        },
        "masked_values": masked_values(query, sources),
        "siege_not_found": _scalar(
            query, "SELECT COUNT(*) FROM digital_companies WHERE siege_not_found"
        ),
        "rejected_rows": rejected,
        "engine": engine,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _scalar(query: Query, sql: str) -> int:
    return int(query(sql)[0][0] or 0)


def _unmapped(query: Query) -> dict:
    by_source = {}
    every_code: dict[str, int] = {}
    for name, sql in _UNMAPPED_SOURCES.items():
        rows = query(f"{sql} ORDER BY n DESC, code NULLS FIRST")
        counts = [("" if code is None else code, int(n)) for code, n in rows]
        by_source[name] = {
            "rows": sum(n for _, n in counts),
            "distinct_codes": len(counts),
            "examples": [code for code, _ in counts[:MAX_EXAMPLE_CODES]],
        }
        for code, n in counts:
            every_code[code] = every_code.get(code, 0) + n
    ranked = sorted(every_code.items(), key=lambda item: (-item[1], item[0]))
    return {
        "rows": sum(source["rows"] for source in by_source.values()),
        "examples": [code for code, _ in ranked[:MAX_EXAMPLE_CODES]],
        "note": 'counted at level france only; an empty code is shown as ""',
        "by_source": by_source,
    }


def _communes_without_epci(query: Query) -> dict:
    rows = query(
        "SELECT DISTINCT f.commune_code FROM commune_facts f "
        "JOIN communes c ON c.code = f.commune_code WHERE c.epci_code IS NULL "
        "ORDER BY f.commune_code"
    )
    return {
        "communes": len(rows),
        "examples": [code for (code,) in rows[:MAX_EXAMPLE_CODES]],
        "note": "counted from level departement up, not at level epci",
    }


def _unclassified(query: Query, relation: str) -> dict:
    # Ties ordered by name: the same document whichever engine answers.
    rows = query(
        f"SELECT unclassified_nomenclature, SUM(row_count) FROM {relation} "  # noqa: S608
        "WHERE rejected_column IS NULL AND unclassified_nomenclature IS NOT NULL "
        "GROUP BY unclassified_nomenclature ORDER BY 2 DESC, 1"
    )
    return {"rows": sum(n for _, n in rows), "by_nomenclature": {k: int(n) for k, n in rows}}
