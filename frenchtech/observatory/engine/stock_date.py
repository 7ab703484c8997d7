"""The stock's date (the day the SIRENE files were extracted), and the creations dated after
it, for both engines (`query(sql) -> rows` over the staged relations, or plain SQL).

The stock date is, in this order: the `stock_date` parameter; else the latest
`dateDernierTraitement…` (the day INSEE last processed a unit) in the SIRENE files; else a
date written in their names; else the latest creation or `dateDebut` in the data. The rule
used is reported (`stock_date_rule`). Registrations are sometimes dated ahead of their
processing: a creation date after the stock date is counted in its year, reported, and never
moves the stock date.
"""

import datetime as dt

from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.sources import SourceFile, date_in_file_name
from frenchtech.observatory.engine.value_rules import processing_day

RULE_PARAMETER = "parameter"
RULE_PROCESSING_DATE = "latest dateDernierTraitement"
RULE_FILE_NAME = "file name"
RULE_DATA = "latest date in the data"
_SIRENE_STOCK_KINDS = ("unite_legale", "etablissement")


def _name_date(sources: list[SourceFile]) -> dt.date | None:
    named = [
        date_in_file_name(source.name) for source in sources if source.kind in _SIRENE_STOCK_KINDS
    ]
    return max((date for date in named if date is not None), default=None)


def late_creation_bound(sources: list[SourceFile], given: dt.date | None) -> str:
    """SQL text the staging passes compare each creation date with (as text:
    staging._Scan.late_created_on): a creation after it keeps its day in the groups
    (`late_created_on`), so that creations after the stock date can be counted exactly
    once it is known, without grouping every row by its creation day.

    It is never later than the stock date: the given stock date; else the row's own
    processing date (`{processed_text}`), as the stock date will be the latest of them,
    or, for a row without one, the date in the file names; in the data rule nothing is
    after the stock date. (A row without a processing date, in files that have some, is
    compared with the names' date, which may be later than the stock date.)"""
    if given is not None:
        return f"'{given.isoformat()}'"
    named = _name_date(sources)
    if named is None:
        return "{processed_text}"
    return f"COALESCE({{processed_text}}, '{named.isoformat()}')"


def stock_date_of(query, sources: list[SourceFile], given: dt.date | None) -> tuple[dt.date, str]:
    """The stock's date and the rule that gave it (see the module docstring)."""
    if given is not None:
        return given, RULE_PARAMETER
    processed = latest_processing_dates(query)
    if processed:
        return max(processed.values()), RULE_PROCESSING_DATE
    named = _name_date(sources)
    if named is not None:
        return named, RULE_FILE_NAME
    latest = query(
        "SELECT MAX(d) AS d FROM ("
        "SELECT MAX(latest_created_on) AS d FROM company_groups WHERE rejected_column IS NULL "
        "UNION ALL SELECT MAX(latest_period_start) FROM company_groups "
        "WHERE rejected_column IS NULL "
        "UNION ALL SELECT MAX(latest_created_on) FROM establishment_groups "
        "WHERE rejected_column IS NULL) dates"
    )[0][0]
    if latest is None:
        raise InputError("(inputs)", "no date in the registry: pass the stock date explicitly")
    return latest, RULE_DATA


def latest_processing_dates(query) -> dict[int, dt.date]:
    """The latest processing date of each SIRENE stock file (by file index) that has one:
    the day of its greatest processing text (value_rules.processing_text), when that is a
    real day; a file whose greatest text is not (never seen from INSEE) gives none."""
    rows = query(
        "SELECT file_index, MAX(latest_processed) AS d FROM ("
        "SELECT file_index, latest_processed FROM company_groups "
        "UNION ALL SELECT file_index, latest_processed FROM establishment_groups) dates "
        "GROUP BY file_index"
    )
    days = {int(index): processing_day(text) for index, text in rows}
    return {index: day for index, day in days.items() if day is not None}


def creations_after(query, stock_date: dt.date) -> dict:
    """The `creations_after_stock_date` entry of the diagnostics: companies and
    establishments (valid rows) created after the stock date, the digital ones among them
    (those the creation indicators count, in their year), and the latest such day."""
    day = f"DATE '{stock_date.isoformat()}'"
    counts = {}
    latest = []
    for name, relation in (
        ("companies", "company_groups"),
        ("establishments", "establishment_groups"),
    ):
        total, last = query(
            f"SELECT SUM(row_count), MAX(late_created_on) FROM {relation} "  # noqa: S608
            f"WHERE rejected_column IS NULL AND late_created_on > {day}"
        )[0]
        counts[name] = int(total or 0)
        latest.append(last)
    counts["digital_companies"] = int(
        query(f"SELECT COUNT(*) FROM digital_companies WHERE created_on > {day}")[0][0] or 0  # noqa: S608
    )
    counts["digital_establishments"] = int(
        query(
            "SELECT SUM(row_count) FROM establishment_groups "  # noqa: S608
            f"WHERE rejected_column IS NULL AND is_digital AND late_created_on > {day}"
        )[0][0]
        or 0
    )
    days = [value for value in latest if value is not None]
    return {
        **counts,
        "latest": max(days).isoformat() if days else None,
        "note": "counted in their creation year; the stock date is not moved",
    }
