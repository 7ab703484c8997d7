"""One observatory run: input files in, the indicator table and its diagnostics out.

DuckDB runs out of core: a memory limit, a temporary directory for what does not fit, a
number of threads (all cores by default, for DuckDB and the CSV parse alike), and only the
columns the indicators need are read. Each file is read once, in one
streaming pass that validates and aggregates (staging.py): Parquet by DuckDB's reader, CSV
(zipped or not) by pyarrow's parser on every thread (csv_stream.py), with DuckDB's reader
as the fallback
that names the faulty line. The indicator queries (sql/, indicators.py) then run over the
staged relations, which are a small fraction of the input.
"""

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from tqdm import tqdm

from frenchtech.observatory.engine import diagnostics as diagnostics_module
from frenchtech.observatory.engine.csv_stream import open_stream
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.indicators import DUCKDB_DIALECT_SHIM, queries
from frenchtech.observatory.engine.rejections import (
    RejectionTally,
    first_odd_line_break,
    structural_rejections,
    value_rejection_examples,
)
from frenchtech.observatory.engine.run_steps import (
    OUTPUT_SCHEMA,
    EngineResult,
    calendar_years,
    published_select,
    staged_row_counts,
)
from frenchtech.observatory.engine.sources import (
    SYNTHETIC_SIDECAR_SUFFIX,
    ZIP_ERRORS,
    SourceFile,
    extract_zip_member,
    recognise,
)
from frenchtech.observatory.engine.staging import (
    CONSTANT_RELATIONS,
    DERIVED_RELATIONS,
    EMPTY_STAGED_COLUMNS,
    STAGED_RELATIONS,
    STAGING_ORDER,
    staging_query,
)
from frenchtech.observatory.engine.stock_date import late_creation_bound, stock_date_of
from frenchtech.observatory.engine.territories import load_reference

DEFAULT_MEMORY_LIMIT = "3GB"


def default_threads() -> int:
    """Every core this process may run on (a container's limit included)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


@dataclass
class _RunState:
    sources: list[SourceFile]
    scratch: Path
    progress: bool
    threads: int
    # SQL: what a creation date is compared with to keep its day (stock_date.py).
    late_creation_bound: str = "NULL"
    row_counts: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    rejections: RejectionTally = field(init=False)

    def __post_init__(self):
        self.rejections = RejectionTally(self.sources)


def run_engine(
    paths: Iterable[str | Path],
    *,
    reference_directory: str | Path | None = None,
    stock_date: dt.date | None = None,
    max_rejected_rows: int = 0,
    work_directory: str | Path | None = None,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    threads: int | None = None,
    progress: bool = False,
) -> EngineResult:
    """Compute every indicator (docs/methodology/indicator-definitions.md) from `paths`
    (SIRENE stock files, funding rounds, events, programmes, in any order and format).

    A file that cannot be used raises InputError naming the file, line and column; so does
    a run with more than `max_rejected_rows` rejected rows (default: none tolerated). The
    work directory (DuckDB's spill files, a zip extracted for a faulty file) is removed
    whatever happens. `threads` (default: every core) is DuckDB's number of threads and the
    CSV parse's; 1 runs the whole run on one core.
    """
    threads = threads or default_threads()
    if threads < 1:
        raise ValueError("threads must be 1 or more")
    # Sidecars saying a file is synthetic come along with shell globs; they are not inputs.
    sources = [
        recognise(path) for path in paths if not str(path).endswith(SYNTHETIC_SIDECAR_SUFFIX)
    ]
    if not any(source.kind == "unite_legale" for source in sources):
        raise InputError("(inputs)", "no StockUniteLegale file among the inputs")
    if not any(source.kind == "etablissement" for source in sources):
        raise InputError("(inputs)", "no StockEtablissement file among the inputs")
    reference = load_reference(reference_directory)
    if work_directory is not None:
        Path(work_directory).mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="observatory-run-", dir=work_directory))
    try:
        connection = connect(scratch, memory_limit, threads)
        try:
            state = _RunState(
                sources, scratch, progress, threads, late_creation_bound(sources, stock_date)
            )
            return _run(connection, state, reference, stock_date, max_rejected_rows)
        finally:
            connection.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def connect(scratch: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT, threads: int | None = None):
    """A DuckDB connection set up as every run is (spilling under `scratch`), with the
    constant relations the staging SQL reads. The bench's ladder uses it too."""
    connection = duckdb.connect(":memory:")
    spill = scratch / "duckdb-spill"
    spill.mkdir()
    connection.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
    connection.execute(f"SET threads = {int(threads or default_threads())}").fetchall()
    connection.execute(f"SET temp_directory = '{_sql_path(spill)}'").fetchall()
    # Row order never matters here; dropping it lets DuckDB stream with less memory.
    connection.execute("SET preserve_insertion_order = false").fetchall()
    connection.execute("SET enable_progress_bar = false").fetchall()
    # DuckDB knows no row count for an Arrow stream (CSV inputs, csv_stream.py) and guesses
    # one row, so it would build the siège join's hash table on the 44 M establishments
    # instead of the kept companies: measured at 10 M rows, 1.0 GB more memory and 20 %
    # more CPU for that pass. With it off, each hash table is built on a join's right side,
    # as the queries here are written (the smaller side, bar the funding rounds' few
    # thousand rows joined to the kept companies: milliseconds).
    connection.execute("SET disabled_optimizers = 'build_side_probe_side'").fetchall()
    for relation, (column, values) in CONSTANT_RELATIONS.items():
        connection.register(relation, pa.table({column: list(values)}))
    return connection


def _run(connection, state: _RunState, reference, stock_date, max_rejected_rows):
    sources = state.sources
    for relation, columns in EMPTY_STAGED_COLUMNS.items():
        connection.execute(f"CREATE TEMP TABLE {relation} ({columns})").fetchall()
    # Kinds in STAGING_ORDER (each pass may use what earlier ones staged); file_index stays
    # the position among the inputs, as the diagnostics list them.
    order = sorted(enumerate(sources), key=lambda item: STAGING_ORDER.index(item[1].kind))
    bar = tqdm(
        order, desc="reading inputs", unit="file", disable=not state.progress, file=sys.stderr
    )
    for position, (index, source) in enumerate(bar):
        bar.set_postfix_str(source.name)
        _stage(connection, index, source, state)
        following = order[position + 1][1].kind if position + 1 < len(order) else None
        if source.kind == "unite_legale" and following != "unite_legale":
            _derive(connection, "company_rows")
    _derive(connection, "establishment_facts")

    def query(sql):
        return connection.execute(sql).fetchall()

    _count_rows(query, state)
    _collect_examples(state)
    state.rejections.raise_if_more_than(max_rejected_rows)
    stock_date, stock_date_rule = stock_date_of(query, sources, stock_date)
    for name, table in reference.relations().items():
        connection.register(name, table)
    connection.register(
        "run_parameters",
        pa.table(
            {"stock_date": pa.array([stock_date], pa.date32()), "stock_year": [stock_date.year]}
        ),
    )
    years = calendar_years(query, stock_date)
    connection.register("calendar_years", pa.table({"year": pa.array(years, pa.int32())}))
    for statement in DUCKDB_DIALECT_SHIM:
        connection.execute(statement).fetchall()
    steps = tqdm(
        queries(),
        desc="computing indicators",
        unit="query",
        disable=not state.progress,
        file=sys.stderr,
    )
    for name, sql in steps:
        steps.set_postfix_str(name)
        connection.execute(f"CREATE TEMP TABLE {name} AS {sql}").fetchall()
    indicators = connection.sql(published_select()).to_arrow_table().cast(OUTPUT_SCHEMA)
    synthetic = any(source.synthetic for source in sources)
    diagnostics = diagnostics_module.build(
        query,
        sources=sources,
        row_counts=state.row_counts,
        rejected=state.rejections.summary(),
        stock_date=stock_date,
        stock_date_rule=stock_date_rule,
        synthetic=synthetic,
        engine={"duckdb": duckdb.__version__},
    )
    return EngineResult(indicators, diagnostics, sources, stock_date, synthetic)


def _extract(source: SourceFile, state: _RunState) -> None:
    """Extract a zipped CSV into the scratch directory, for the readers that need a file on
    disk: DuckDB's (the fallback that names faulty lines) and the Python pass that finds
    the lines of malformed values. pyarrow's stream reads the zip member itself."""
    if source.format != "csv.zip" or source.extracted_path is not None:
        return
    with tqdm(
        desc=f"unzipping {source.name}",
        unit="B",
        unit_scale=True,
        disable=not state.progress,
        file=sys.stderr,
    ) as bar:
        extract_zip_member(source, state.scratch, bar.update)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _reader(source: SourceFile, index: int, store_rejects: bool = True) -> str:
    """The table function reading `source`. CSV: every column as text, the dialect stated
    rather than sniffed; with `store_rejects`, faulty lines go to the reject store (with
    their line numbers) instead of stopping the read."""
    path = _sql_path(source.readable_path)
    if source.format == "parquet":
        return f"read_parquet('{path}')"
    columns = ", ".join(
        "'{}': 'VARCHAR'".format(name.replace("'", "''")) for name in source.columns
    )
    rejects = (
        f", store_rejects = true, rejects_table = 'rejects_{index}', "
        f"rejects_scan = 'rejects_scan_{index}'"
        if store_rejects
        else ""
    )
    return (
        f"read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', columns = {{{columns}}}{rejects})"
    )


def _derive(connection, relation: str) -> None:
    connection.execute(f"CREATE TEMP TABLE {relation} AS {DERIVED_RELATIONS[relation]}").fetchall()


def _stage(connection, index: int, source: SourceFile, state: _RunState) -> None:
    relation = STAGED_RELATIONS[source.kind]
    select = staging_query(source.kind, source.column_types, index, state.late_creation_bound)
    stream_error = None
    if source.format != "parquet":
        stream_error = _stage_from_stream(connection, relation, select, index, source, state)
        if stream_error is None:
            return
        _extract(source, state)
    try:
        connection.execute(
            f"INSERT INTO {relation} {select.replace('{source}', _reader(source, index))}"
        ).fetchall()
    except duckdb.Error as error:
        raise _input_error_from_duckdb(source, error, stream_error) from error
    if source.format != "parquet":
        rejected = structural_rejections(connection, f"rejects_{index}", source)
        state.rejections.structural[index] = rejected


def _stage_from_stream(connection, relation, select, index, source, state) -> Exception | None:
    """Stage a CSV from pyarrow's parse (csv_stream.py), or return the error that stopped
    it. The INSERT is one statement, so a failure leaves nothing staged; the caller then
    reads the file again with DuckDB's reader, which names the faulty line."""
    name = f"csv_stream_{index}"
    try:
        with open_stream(source, state.threads) as stream:
            connection.register(name, stream)
            connection.execute(
                f"INSERT INTO {relation} {select.replace('{source}', name)}"
            ).fetchall()
    except (pa.ArrowException, duckdb.Error, *ZIP_ERRORS) as error:
        return error
    finally:
        connection.unregister(name)
    return None


def _input_error_from_duckdb(
    source: SourceFile, error: Exception, stream_error: Exception | None
) -> InputError:
    """The error of DuckDB's reader, with its line. `stream_error` is what stopped pyarrow's
    stream first (CSV only)."""
    text = str(error)
    line = None
    marker = "on Line: "
    if marker in text:
        digits = text.split(marker, 1)[1].split()[0].strip(".,")
        line = int(digits) if digits.isdigit() else None
    if line is None and stream_error is not None:
        odd_line = first_odd_line_break(source.readable_path)
        if odd_line is not None:
            # DuckDB's reader stops on mixed line breaks without a line number; pyarrow's
            # reads them, so something else stopped it: give its reason (it quotes the
            # faulty line) and say why there is no line number.
            return InputError(
                source.path,
                f"{_first_line(stream_error)} (no line number: the file mixes line breaks, "
                f"first at line {odd_line}, and the reader that numbers lines stops on them)",
            )
    return InputError(source.path, _first_line(error), line=line)


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _count_rows(query, state: _RunState) -> None:
    rows, malformed = staged_row_counts(query)
    for file_index, count in rows.items():
        state.row_counts[file_index] += count
    state.rejections.value_counts.update(malformed)
    for file_index, rejected in state.rejections.structural.items():
        state.row_counts[file_index] += len(rejected)


def _collect_examples(state: _RunState) -> None:
    # Structural rejections first (they carry their lines), then the malformed values,
    # whose lines a second pass over the file finds (only when there are some).
    tally = state.rejections
    for _, rejected in sorted(tally.structural.items()):
        tally.examples += rejected
    for file_index in sorted(tally.value_counts):
        _extract(state.sources[file_index], state)
        tally.examples += value_rejection_examples(state.sources[file_index])
