"""The CSV parse on several threads (csv_pieces.py): pieces cut at line feeds read exactly
as one stream reads the whole file, whatever falls on the cuts, and each cut is proven to
be a record boundary before its rows are handed on."""

import csv
import io
import itertools

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frenchtech.observatory.engine import csv_pieces
from frenchtech.observatory.engine.csv_pieces import END_MARK, PieceReader
from frenchtech.observatory.engine.csv_stream import open_stream
from frenchtech.observatory.engine.sources import recognise

# The third column, read as text, holds the awkward values.
HEADER = (
    "siren",
    "dateCreationUniteLegale",
    "categorieJuridiqueUniteLegale",
    "nicSiegeUniteLegale",
)
# The columns a companies file needs to be recognised; the others stay empty.
OTHER_COLUMNS = (
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "etatAdministratifUniteLegale",
    "dateDebut",
    "trancheEffectifsUniteLegale",
    "caractereEmployeurUniteLegale",
)


def _write(path, rows, line_break="\n"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_break)
    writer.writerow((*HEADER, *OTHER_COLUMNS))
    writer.writerows([(*row, *([""] * len(OTHER_COLUMNS))) for row in rows])
    path.write_bytes(buffer.getvalue().encode())
    return path


def _read(path, threads, piece_bytes, monkeypatch) -> tuple[list[dict], dict]:
    monkeypatch.setattr(csv_pieces, "PIECE_BYTES", piece_bytes)
    report: dict = {}
    with open_stream(recognise(path), threads, report=report) as stream:
        rows = stream.read_all().to_pylist()
    return rows, report


def _cuts(data: bytes, piece_bytes: int) -> list[int]:
    """Where PieceReader cuts `data`: the end offset of each piece."""
    reader, cuts, offset = PieceReader(io.BytesIO(data), piece_bytes), [], 0
    while (piece := reader.next_piece()) is not None:
        offset += piece.length
        cuts.append(offset)
    return cuts


def _rows_with_quoted_breaks(count: int) -> list[tuple]:
    return [(f"1{n:08d}", "2015-03-01", f"NAME\nLINE {n}", "00011") for n in range(count)]


def test_quoted_line_breaks_on_every_cut_read_as_one_stream(tmp_path, monkeypatch):
    path = _write(tmp_path / "ul.csv", _rows_with_quoted_breaks(200))
    data = path.read_bytes()
    quoted_breaks = {i + 1 for i in range(len(data)) if data[i : i + 6] == b"\nLINE "}
    # A piece size whose every cut falls just after a quoted line break.
    piece_bytes = next(
        size for size in range(200, 400) if set(_cuts(data, size)[:-1]) <= quoted_breaks
    )
    assert len(_cuts(data, piece_bytes)) > 10
    expected, single = _read(path, 1, piece_bytes, monkeypatch)
    rows, report = _read(path, 2, piece_bytes, monkeypatch)
    assert single == {}  # one thread: one stream
    assert rows == expected
    assert len(rows) == 200
    assert rows[7]["categorieJuridiqueUniteLegale"] == "NAME\nLINE 7"
    # No cut was a record boundary: merges could not prove one, one stream read the rest.
    assert report["merges"] == csv_pieces.MAX_MERGED_PIECES - 1
    assert report["one_stream_from_piece"] == 0


def test_a_quoted_line_break_on_some_cuts_is_mended_by_a_merge(tmp_path, monkeypatch):
    rows = [(f"1{n:08d}", "2015-03-01", "PLAIN", "00011") for n in range(300)]
    for n in range(0, 300, 7):
        rows[n] = (rows[n][0], rows[n][1], 'TWO\r\nLINES, AND "QUOTES"', rows[n][3])
    path = _write(tmp_path / "ul.csv", rows)
    data = path.read_bytes()
    inside = {i + 1 for i in range(len(data)) if data[i - 1 : i + 7] == b"\r\nLINES,"}

    def mendable(size: int) -> bool:
        # Some cuts inside quotes, never two in a row: one merge mends each.
        flags = [cut in inside for cut in _cuts(data, size)]
        return any(flags) and not any(a and b for a, b in itertools.pairwise(flags))

    piece_bytes = next(size for size in range(300, 900) if mendable(size))
    expected, _ = _read(path, 1, piece_bytes, monkeypatch)
    got, report = _read(path, 2, piece_bytes, monkeypatch)
    assert got == expected
    assert len(got) == 300
    assert report["merges"] >= 1
    assert report["one_stream_from_piece"] is None


def test_a_file_smaller_than_a_piece_reads_as_one_stream(tmp_path, monkeypatch):
    path = _write(tmp_path / "ul.csv", _rows_with_quoted_breaks(5))
    rows, report = _read(path, 2, path.stat().st_size, monkeypatch)
    assert report == {}  # the pieces never started
    assert len(rows) == 5
    rows, report = _read(path, 2, path.stat().st_size - 1, monkeypatch)
    assert report["pieces"] == 2
    assert len(rows) == 5


def test_a_faulty_line_stops_the_read_as_it_stops_one_stream(tmp_path, monkeypatch):
    path = _write(
        tmp_path / "ul.csv", [(f"1{n:08d}", "2015-03-01", "X", "00011") for n in range(400)]
    )
    lines = path.read_bytes().split(b"\n")
    lines[350] = lines[350].rsplit(b",", 3)[0]  # too few fields, in the last pieces
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(pa.ArrowInvalid, match="Expected 10 columns, got 7"):
        _read(path, 2, 1024, monkeypatch)


def test_a_line_equal_to_the_end_mark_is_refused(tmp_path, monkeypatch):
    # A file's own line with the mark's text is a faulty line (one field), not a proof.
    path = _write(
        tmp_path / "ul.csv", [(f"1{n:08d}", "2015-03-01", "X", "00011") for n in range(100)]
    )
    lines = path.read_bytes().split(b"\n")
    lines[60] = END_MARK
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(pa.ArrowInvalid):
        _read(path, 2, 512, monkeypatch)


def test_lines_without_line_feeds_are_left_to_one_stream(tmp_path, monkeypatch):
    # After the header, lines end with a lone carriage return (pyarrow reads them).
    path = _write(tmp_path / "ul.csv", _rows_with_quoted_breaks(50), line_break="\r")
    header, rest = path.read_bytes().split(b"\r", 1)
    path.write_bytes(header + b"\n" + rest.replace(b"\n", b" "))
    expected, _ = _read(path, 1, 256, monkeypatch)
    rows, report = _read(path, 2, 256, monkeypatch)
    assert rows == expected
    assert len(rows) == 50
    # Piece 0 is the header line alone; piece 1 finds no line feed.
    assert report["one_stream_from_piece"] == 1


_FIELD = st.text(alphabet=st.sampled_from('ab,"\n\r é'), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(_FIELD, min_size=1, max_size=60),
    piece_bytes=st.integers(16, 200),
    line_break=st.sampled_from(["\n", "\r\n"]),
)
def test_any_cut_reads_as_one_stream(
    tmp_path_factory, monkeypatch, values, piece_bytes, line_break
):
    path = tmp_path_factory.mktemp("pieces") / "ul.csv"
    rows = [(f"1{n:08d}", "2015-03-01", value, "00011") for n, value in enumerate(values)]
    _write(path, rows, line_break)
    expected, got = (_outcome(path, threads, piece_bytes, monkeypatch) for threads in (1, 2))
    assert got == expected
    if expected != "refused":  # (csv.writer leaves a lone \r unquoted, a faulty line)
        assert [row["categorieJuridiqueUniteLegale"] or "" for row in got] == list(values)


def _outcome(path, threads, piece_bytes, monkeypatch):
    try:
        return _read(path, threads, piece_bytes, monkeypatch)[0]
    except pa.ArrowInvalid:
        return "refused"
