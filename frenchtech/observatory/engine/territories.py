"""The territory reference (communes, EPCI, départements, régions) as the engine reads it.

The reference is a directory of four CSV files built by `data/territories` (see its build
script): communes.csv, epci.csv, departements.csv, regions.csv. How a code resolves to a
current commune is SQL (sql/commune_resolution.sql), so it runs where the indicators run.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from frenchtech.observatory.engine.errors import InputError

REFERENCE_FILES = {
    "reference_communes": (
        "communes.csv",
        (
            "code",
            "name",
            "kind",
            "parent_code",
            "departement_code",
            "region_code",
            "epci_code",
            "population",
        ),
    ),
    "reference_epci": ("epci.csv", ("code", "name", "kind", "population")),
    "reference_departements": ("departements.csv", ("code", "name", "region_code")),
    "reference_regions": ("regions.csv", ("code", "name")),
}
INTEGER_COLUMNS = {"population"}
COMMUNE_KINDS = {"commune", "arrondissement_municipal", "commune_deleguee", "commune_associee"}

# Fixed by the indicator definitions; they back up a reference without arrondissements.
FIXED_ARRONDISSEMENTS = (
    [(f"751{n:02d}", "75056") for n in range(1, 21)]
    + [(f"132{n:02d}", "13055") for n in range(1, 17)]
    + [(f"6938{n}", "69123") for n in range(1, 10)]
)


def default_reference_directory() -> Path:
    """The reference shipped with the platform: `data/territories` at the repository root."""
    return Path(__file__).resolve().parents[3] / "data" / "territories"


@dataclass
class TerritoryReference:
    """The four reference tables, as Arrow tables (text columns; population as integers)."""

    directory: Path
    tables: dict[str, pa.Table]

    def relations(self) -> dict[str, pa.Table]:
        """Named relations for the SQL: the four tables and the fixed arrondissements."""
        fixed = pa.table(
            {
                "code": [code for code, _ in FIXED_ARRONDISSEMENTS],
                "commune_code": [commune for _, commune in FIXED_ARRONDISSEMENTS],
            }
        )
        return {**self.tables, "fixed_arrondissements": fixed}

    def communes(self) -> list[dict]:
        """The rows of communes.csv, as dicts."""
        return self.tables["reference_communes"].to_pylist()


def load_reference(directory: str | Path | None = None) -> TerritoryReference:
    """Read and check the reference directory; InputError names the file, line and column
    of anything unusable (a missing file or column, a non-integer population, an unknown
    commune kind). A directory read before, unchanged since, is not read again."""
    directory = Path(directory) if directory else default_reference_directory()
    stamps = tuple(_stamp(directory / file_name) for file_name, _ in REFERENCE_FILES.values())
    return _load_reference(directory.resolve(), stamps)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=4)
def _load_reference(directory: Path, stamps: tuple) -> TerritoryReference:
    # `stamps` (modification time and size of each file) is part of the cache key only.
    tables = {}
    for relation, (file_name, columns) in REFERENCE_FILES.items():
        tables[relation] = _read_reference_file(directory / file_name, columns)
    return TerritoryReference(directory, tables)


def _read_reference_file(path: Path, columns: tuple[str, ...]) -> pa.Table:
    if not path.is_file():
        raise InputError(path, f"territory reference file not found in {path.parent}")
    header = _header(path)
    missing = [name for name in columns if name not in header]
    if missing:
        raise InputError(path, "missing column", line=1, column=missing[0])
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=False),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(columns),
                column_types={name: pa.string() for name in columns},
            ),
        )
    except pa.ArrowInvalid as error:
        raise InputError(path, f"unreadable CSV: {error}") from error
    # Surrounding spaces are dropped; an empty value is missing.
    values = {}
    for name in columns:
        text = pc.utf8_trim_whitespace(table[name])
        values[name] = pc.if_else(pc.equal(text, ""), None, text)
    for name in INTEGER_COLUMNS & set(columns):
        digits = pc.match_substring_regex(values[name], pattern="^[0-9]+$")
        _refuse_first(path, values[name], name, pc.invert(digits), "not an integer")
        values[name] = values[name].cast(pa.int64())
    if path.name == "communes.csv":
        known = pc.is_in(values["kind"], value_set=pa.array(sorted(COMMUNE_KINDS)))
        _refuse_first(path, values["kind"], "kind", pc.invert(known), "unknown commune kind")
    return pa.table({name: values[name] for name in columns})


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _refuse_first(path: Path, values: pa.ChunkedArray, column: str, bad, reason: str) -> None:
    """InputError at the first row where `bad` is true (a null in `bad` is not a fault)."""
    bad = pc.fill_null(bad, False)
    if pc.any(bad).as_py():
        row = pc.index(bad, True).as_py()
        # One line per row (the reference has no multi-line values), after the header.
        raise InputError(path, reason, line=row + 2, column=column, value=values[row].as_py())
