"""Input files: what kind each one is (recognised by its header, so files come in any order),
in which format (by its first bytes: CSV, zipped CSV or Parquet), and the facts the
diagnostics and the manifest report about it."""

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.schema import KIND_LABELS, REQUIRED_COLUMNS, SIGNATURE_COLUMNS

PARQUET_MAGIC = b"PAR1"
ZIP_MAGIC = b"PK\x03\x04"
SYNTHETIC_SIDECAR_SUFFIX = ".SYNTHETIC.txt"
FINGERPRINT_SAMPLE_BYTES = 1 << 20
# What reading a truncated or corrupt zip archive raises.
ZIP_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, OSError)
# A date in a file name: 2024-01-01, 20240101 or 2024-01 (the first of that month).
FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})(?:-?(\d{2}))?(?!\d)")


@dataclass
class SourceFile:
    """One input file, recognised."""

    path: Path
    format: str  # "csv", "csv.zip" or "parquet"
    kind: str  # a key of schema.REQUIRED_COLUMNS
    columns: list[str]
    # Parquet: column -> "date", "boolean", "integer", "number" or "text"; CSV: all "text".
    column_types: dict[str, str] = field(default_factory=dict)
    synthetic: bool = False
    # For a zipped CSV: the member's name, and where it was extracted (only when a reader
    # needs a file on disk: pyarrow's stream reads the member itself).
    zip_member: str | None = None
    extracted_path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size

    @property
    def readable_path(self) -> Path:
        """The file on disk a reader opens: the extracted CSV for a zip, else the file."""
        return self.extracted_path or self.path

    def stock_date_from_name(self) -> dt.date | None:
        """A date written in the file name (INSEE dated archives), if any."""
        return date_in_file_name(self.name)


def recognise(path: str | Path) -> SourceFile:
    """Open `path`, tell its format and kind from its content, and check its required
    columns. Raises InputError naming the file (and the missing column) otherwise."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == PARQUET_MAGIC:
        source = _recognise_parquet(path)
    elif magic == ZIP_MAGIC or path.suffix.lower() == ".zip":
        source = _recognise_zip(path)
    else:
        with path.open("rb") as handle:
            columns = _read_csv_header(path, handle)
        source = SourceFile(path, "csv", _kind_of(path, columns), columns)
        source.column_types = dict.fromkeys(columns, "text")
    source.synthetic = source.synthetic or is_marked_synthetic(path)
    missing = [name for name in REQUIRED_COLUMNS[source.kind] if name not in source.columns]
    if missing:
        label = KIND_LABELS[source.kind]
        raise InputError(
            path,
            f"missing required column of {label}: {', '.join(missing)}",
            line=1,
            column=missing[0],
        )
    return source


def is_marked_synthetic(path: Path) -> bool:
    """A generated file says so: by its name, or a sidecar `<file>.SYNTHETIC.txt`."""
    sidecar = path.with_name(path.name + SYNTHETIC_SIDECAR_SUFFIX)
    return "synthetic" in path.name.lower() or sidecar.exists()


def date_in_file_name(name: str) -> dt.date | None:
    """The first plausible date in a file name (2024-01-01, 20240101, 2024-01), or None."""
    for match in FILE_NAME_DATE.finditer(name):
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        if 1973 <= year <= 2100:
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


def fingerprint(path: Path) -> str:
    """A cheap fingerprint: SHA-256 of the size, the first and the last MiB.

    A full SHA-256 of a national stock file (about 10 GB) costs more than the indicators
    themselves; the sample catches every re-download of a different month in practice."""
    digest = hashlib.sha256()
    size = path.stat().st_size
    digest.update(str(size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(FINGERPRINT_SAMPLE_BYTES))
        if size > FINGERPRINT_SAMPLE_BYTES:
            handle.seek(max(FINGERPRINT_SAMPLE_BYTES, size - FINGERPRINT_SAMPLE_BYTES))
            digest.update(handle.read(FINGERPRINT_SAMPLE_BYTES))
    return "sha256-sample:" + digest.hexdigest()


def extract_zip_member(
    source: SourceFile, directory: Path, on_progress: Callable[[int], None] | None = None
) -> Path:
    """Extract the CSV of a zipped source into `directory` (DuckDB reads no zip) and
    remember where. A truncated or corrupt archive raises InputError naming the file."""
    target = directory / f"{source.path.stem}.{id(source)}.csv"
    try:
        with (
            zipfile.ZipFile(source.path) as archive,
            archive.open(source.zip_member) as member,
            target.open("wb") as out,
        ):
            while chunk := member.read(8 << 20):
                out.write(chunk)
                if on_progress:
                    on_progress(len(chunk))
    except ZIP_ERRORS as error:
        target.unlink(missing_ok=True)
        raise InputError(
            source.path, f"truncated or corrupt zip archive ({error})".replace("\n", " ")
        ) from error
    source.extracted_path = target
    return target


def _recognise_parquet(path: Path) -> SourceFile:
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InputError(path, f"unreadable Parquet file ({error})") from error
    columns = list(schema.names)
    metadata = schema.metadata or {}
    source = SourceFile(path, "parquet", _kind_of(path, columns), columns)
    source.column_types = {f.name: _arrow_type_family(f.type) for f in schema}
    source.synthetic = metadata.get(b"synthetic", b"").lower() == b"true"
    return source


def _recognise_zip(path: Path) -> SourceFile:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i.filename for i in archive.infolist() if not i.is_dir()]
            csv_members = [m for m in members if m.lower().endswith(".csv")] or members
            if len(csv_members) != 1:
                raise InputError(path, f"expected one CSV file in the zip, found {members}")
            member = csv_members[0]
            with archive.open(member) as handle:
                columns = _read_csv_header(path, handle)
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise InputError(path, f"truncated or corrupt zip archive ({error})") from error
    source = SourceFile(path, "csv.zip", _kind_of(path, columns), columns, zip_member=member)
    source.column_types = dict.fromkeys(columns, "text")
    return source


def _read_csv_header(path: Path, handle) -> list[str]:
    first_line = handle.readline(1 << 16)
    if not first_line.strip():
        raise InputError(path, "empty file: no header line", line=1)
    try:
        text = first_line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, "not UTF-8 encoded (the header is not)", line=1) from error
    return [name.strip() for name in next(csv.reader(io.StringIO(text)))]


def _kind_of(path: Path, columns: list[str]) -> str:
    present = set(columns)
    # The historical file also carries the stock file's signature columns: test it first.
    for kind in ("unite_legale_historique", *SIGNATURE_COLUMNS):
        if all(name in present for name in SIGNATURE_COLUMNS[kind]):
            return kind
    raise InputError(
        path,
        "unrecognised file: its header matches none of StockUniteLegale, "
        "StockEtablissement, StockUniteLegaleHistorique, funding rounds, events, programmes",
        line=1,
    )


def _arrow_type_family(arrow_type: pa.DataType) -> str:
    if pa.types.is_date(arrow_type) or pa.types.is_timestamp(arrow_type):
        return "date"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return "number"
    return "text"
