"""The territory reference (communes, EPCI, départements, régions) as the engine reads it.

The reference is a directory of four CSV files built by `data/territories` (see its build
script): communes.csv, epci.csv, departements.csv, regions.csv. How a code resolves to a
current commune is SQL (sql/commune_resolution.sql), so it runs where the indicators run.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .errors import InputError

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

# INDICATORS.md fixes these mappings; they back up a reference that lacks arrondissements.
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
    commune kind)."""
    directory = Path(directory) if directory else default_reference_directory()
    tables = {}
    for relation, (file_name, columns) in REFERENCE_FILES.items():
        tables[relation] = _read_reference_file(directory / file_name, columns)
    return TerritoryReference(directory, tables)


def _read_reference_file(path: Path, columns: tuple[str, ...]) -> pa.Table:
    if not path.is_file():
        raise InputError(path, f"territory reference file not found in {path.parent}")
    values: dict[str, list] = {name: [] for name in columns}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in columns if name not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, "missing column", line=1, column=missing[0])
        for row in reader:
            for name in columns:
                value = (row[name] or "").strip() or None
                if name in INTEGER_COLUMNS and value is not None:
                    if not value.isdigit():
                        raise InputError(
                            path, "not an integer", line=reader.line_num, column=name, value=value
                        )
                    value = int(value)
                if name == "kind" and path.name == "communes.csv" and value not in COMMUNE_KINDS:
                    raise InputError(
                        path, "unknown commune kind", line=reader.line_num, column=name, value=value
                    )
                values[name].append(value)
    return pa.table(
        {
            name: pa.array(values[name], pa.int64() if name in INTEGER_COLUMNS else pa.string())
            for name in columns
        }
    )
