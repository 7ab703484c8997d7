"""Two contenders between the floors and the engine, for observatory_bench.py: what the
least correct computation costs, step by step, on the same files.

Both read the files as the engine does: CSV by pyarrow's stream (csv_stream.py), Parquet
by DuckDB's reader.
* validated: that reading plus the exact value rules of every column the engine reads
  (staging.typed_column: 9-digit SIREN, 5-digit NIC, real YYYY-MM-DD dates), counting the
  malformed values of each column. No engine that must name a malformed value can skip it.
* one_indicator: the validated scans plus the least work of a single indicator, digital
  company creations by commune and year: classify each company's activity, keep the valid
  digital companies, join every establishment to find their siège, count. The engine
  computes fifteen indicators and the diagnostics on top of this.

Both keep to plain, cheap SQL (a filter rather than a grouping where the result allows it),
so that their cost is a floor for the engine's design, not a copy of it.
"""

import tempfile
from contextlib import ExitStack
from pathlib import Path

from frenchtech.observatory.engine.compute import _reader, connect, default_threads
from frenchtech.observatory.engine.csv_stream import open_stream
from frenchtech.observatory.engine.schema import READ_COLUMNS
from frenchtech.observatory.engine.sources import recognise
from frenchtech.observatory.engine.staging import digital_activity, typed_column


def validated(companies: Path, establishments: Path) -> dict:
    with ExitStack() as opened:
        connection = _connect(opened)
        malformed = 0
        for index, path in enumerate((companies, establishments)):
            source = recognise(path)
            checks = ", ".join(_checks(source))
            reader = _relation(connection, source, index, opened)
            row = connection.execute(f"SELECT COUNT(*), {checks} FROM {reader}").fetchall()[0]  # noqa: S608
            malformed += sum(row[1 : 1 + len(_rules(source))])
        return {"malformed_values": int(malformed)}


def one_indicator(companies: Path, establishments: Path) -> dict:
    with ExitStack() as opened:
        return _one_indicator(companies, establishments, opened)


def _one_indicator(companies: Path, establishments: Path, opened: ExitStack) -> dict:
    connection = _connect(opened)
    company_source, establishment_source = recognise(companies), recognise(establishments)
    t = _typed(company_source)
    # The engine's test: normalised code looked up in `digital_activity_codes` (a mark join).
    digital = digital_activity(
        t["activitePrincipaleUniteLegale"], t["nomenclatureActivitePrincipaleUniteLegale"]
    )
    # Valid digital companies, and any row with a malformed value (few), in one pass.
    connection.execute(
        "CREATE TEMP TABLE companies AS SELECT "  # noqa: S608
        f"{t['siren']} AS siren, {t['nicSiegeUniteLegale']} AS nic_siege, "
        f"EXTRACT(YEAR FROM {t['dateCreationUniteLegale']}) AS year, "
        f"{_malformed(company_source)} AS malformed "
        f"FROM {_relation(connection, company_source, 0, opened)} "
        f"WHERE {digital} OR {_malformed(company_source)}"
    ).fetchall()
    e = _typed(establishment_source)
    counts = connection.execute(
        "SELECT commune, year, COUNT(*) FROM ("  # noqa: S608
        "SELECT e.commune, c.year, e.malformed FROM ("
        f"SELECT {e['siren']} AS siren, {e['nic']} AS nic, "
        f"{e['codeCommuneEtablissement']} AS commune, "
        f"{_malformed(establishment_source)} AS malformed "
        f"FROM {_relation(connection, establishment_source, 1, opened)}) e "
        "LEFT JOIN (SELECT * FROM companies WHERE NOT malformed) c "
        "ON c.siren = e.siren AND c.nic_siege = e.nic) located "
        "WHERE year IS NOT NULL OR malformed GROUP BY commune, year"
    ).fetchall()
    return {"groups": len(counts), "companies": sum(n for _, year, n in counts if year is not None)}


def _connect(opened: ExitStack):
    """The engine's own connection set-up (compute.connect), spilling to a temporary
    directory removed when `opened` closes."""
    scratch = Path(opened.enter_context(tempfile.TemporaryDirectory(prefix="ladder-")))
    connection = connect(scratch)
    opened.callback(connection.close)
    return connection


def _relation(connection, source, index: int, opened: ExitStack) -> str:
    """What the engine reads from `source`: pyarrow's parse of a CSV on every core
    (registered under a name, open until `opened` closes), DuckDB's reader of a Parquet
    file."""
    if source.format == "parquet":
        return _reader(source, index, store_rejects=False)
    name = f"stream_{index}"
    connection.register(name, opened.enter_context(open_stream(source, default_threads())))
    return name


def _rules(source) -> dict[str, str]:
    return {name: rule for name, rule in READ_COLUMNS[source.kind].items() if rule != "text"}


def _typed(source) -> dict[str, str]:
    return {
        name: typed_column(name, rule, source.column_types.get(name, "text")).typed
        for name, rule in READ_COLUMNS[source.kind].items()
    }


def _malformed(source) -> str:
    conditions = [
        typed_column(name, rule, source.column_types.get(name, "text")).malformed
        for name, rule in _rules(source).items()
    ]
    return "COALESCE(" + " OR ".join(conditions) + ", FALSE)"


def _checks(source) -> list[str]:
    """Malformed counts of the ruled columns, then the floor's decoding of the text ones."""
    counts = [
        "COUNT(*) FILTER (WHERE {})".format(
            typed_column(name, rule, source.column_types.get(name, "text")).malformed
        )
        for name, rule in _rules(source).items()
    ]
    decoded = [
        f"SUM(LENGTH({name}))"
        for name, rule in READ_COLUMNS[source.kind].items()
        if rule == "text" and source.column_types.get(name, "text") == "text"
    ]
    return counts + decoded
