"""A whole run with the CSV parsed in pieces on two threads (csv_pieces.py, pieces made
small here): the same results as on one thread, nothing staged twice, and faults named at
their true line, wherever they fall."""

import zipfile

import pytest
from builders import company, establishment, write_companies, write_establishments
from conftest import as_values
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine import compute, csv_pieces
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.generator import generate_registry


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(csv_pieces, "PIECE_BYTES", 4096)
    reports = []
    original = csv_pieces.parallel_batches

    def spy(*args, **options):
        options["report"] = report = {}
        reports.append(report)
        return original(*args, **options)

    monkeypatch.setattr("frenchtech.observatory.engine.csv_stream.parallel_batches", spy)
    return reports


def _run(paths, reference_directory, threads, **options):
    return run_engine(
        paths,
        reference_directory=reference_directory,
        stock_date=STOCK_DATE,
        threads=threads,
        **options,
    )


def _forbid_duckdbs_reader(monkeypatch):
    # The fallback reader would give the same results: make sure the pieces did the work.
    def refuse(*args, **options):
        raise AssertionError("the parallel parse failed: DuckDB's reader was used")

    monkeypatch.setattr(compute, "_reader", refuse)


def test_two_threads_give_the_results_of_one(
    small_pieces, reference_directory, tmp_path, monkeypatch
):
    registry = generate_registry(
        tmp_path / "registry",
        companies=2_000,
        seed=11,
        malformed=3,
        reference_directory=reference_directory,
    )
    # Quoted line breaks in a column not read, so that some cuts fall inside quotes.
    path = registry.establishments
    lines = path.read_bytes().split(b"\n")
    for number in range(1, len(lines) - 1, 3):
        lines[number] = lines[number].replace(b',"DE LA ', b',"DE\nLA\r\n', 1)
    path.write_bytes(b"\n".join(lines))
    one = _run(registry.paths(), reference_directory, 1, max_rejected_rows=3)
    assert small_pieces == []  # one thread: one stream
    _forbid_duckdbs_reader(monkeypatch)
    two = _run(registry.paths(), reference_directory, 2, max_rejected_rows=3)
    assert one.indicators.num_rows > 500
    assert one.indicators.equals(two.indicators)
    assert one.diagnostics == two.diagnostics  # row counts: each row staged once
    assert one.diagnostics["rejected_rows"]["rows"] == 3
    pieces = {report["pieces"] for report in small_pieces}
    assert max(pieces) > 50
    assert sum(report["merges"] for report in small_pieces) > 0


def _many_companies(count: int) -> list[dict]:
    return [company(f"1{n:08d}", created="2015-03-01") for n in range(1, count + 1)]


def test_a_faulty_line_in_the_second_half_is_named_at_its_line(
    small_pieces, reference_directory, tmp_path
):
    inputs = write_hand_built(tmp_path / "inputs")
    path = write_companies(tmp_path / "ul.csv", _many_companies(400))
    lines = path.read_bytes().split(b"\n")
    lines[330] = lines[330].rsplit(b",", 3)[0]  # line 331: too few fields
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError) as caught:
        _run([path, inputs["establishments"]], reference_directory, 2)
    assert (caught.value.file, caught.value.line) == ("ul.csv", 331)
    assert "wrong number of fields (too few)" in str(caught.value)
    assert small_pieces[0]["pieces"] > 10


def test_a_malformed_value_in_the_second_half_is_named_at_its_line(
    small_pieces, reference_directory, tmp_path
):
    inputs = write_hand_built(tmp_path / "inputs")
    rows = _many_companies(400)
    rows[310] = company(rows[310]["siren"], created="2015-02-30")  # line 312
    path = write_companies(tmp_path / "ul.csv", rows)
    with pytest.raises(InputError) as caught:
        _run([path, inputs["establishments"]], reference_directory, 2)
    assert (caught.value.line, caught.value.column, caught.value.value) == (
        312, "dateCreationUniteLegale", "2015-02-30"
    )  # fmt: skip
    assert small_pieces[0]["one_stream_from_piece"] is None


def test_a_file_smaller_than_a_piece_reads_as_one(small_pieces, reference_directory, tmp_path):
    inputs = write_hand_built(tmp_path / "inputs")
    path = write_establishments(tmp_path / "etab.csv", [establishment("100000001")])
    assert path.stat().st_size < csv_pieces.PIECE_BYTES
    result = _run([inputs["companies"], path], reference_directory, 2)
    assert small_pieces == []
    expected = _run([inputs["companies"], path], reference_directory, 1)
    assert as_values(result.indicators) == as_values(expected.indicators)


def test_a_zip_corrupt_inside_its_data_names_the_file(small_pieces, reference_directory, tmp_path):
    inputs = write_hand_built(tmp_path / "inputs")
    rows = [establishment(f"1{n:08d}", commune="75056") for n in range(1, 3001)]
    path = write_establishments(tmp_path / "etab.csv", rows)
    zipped = tmp_path / "etab.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, path.name)
    data = bytearray(zipped.read_bytes())
    middle = len(data) // 2  # inside the compressed member; the directory stays readable
    data[middle : middle + 64] = bytes(64)
    zipped.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], zipped], reference_directory, 2)
    assert caught.value.file == "etab.zip"
    assert "truncated or corrupt zip archive" in str(caught.value)
    assert small_pieces[0]["pieces"] > 1  # read in pieces until the damage


def test_a_zip_reads_in_pieces_as_the_file(
    small_pieces, reference_directory, tmp_path, monkeypatch
):
    inputs = write_hand_built(tmp_path / "inputs")
    rows = [establishment(f"1{n:08d}", commune="75056") for n in range(1, 3001)]
    path = write_establishments(tmp_path / "etab.csv", rows)
    zipped = tmp_path / "etab.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, path.name)
    expected = _run([inputs["companies"], path], reference_directory, 1)
    _forbid_duckdbs_reader(monkeypatch)
    result = _run([inputs["companies"], zipped], reference_directory, 2)
    assert as_values(result.indicators) == as_values(expected.indicators)
    assert small_pieces[0]["pieces"] > 50
