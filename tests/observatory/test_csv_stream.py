"""CSV read by pyarrow's stream (csv_stream.py), with DuckDB's reader as the fallback that
names faulty lines: both give the same results, a failed stream leaves nothing behind, and a
zip is streamed from its member, extracted only for the readers that need a file."""

import zipfile

import pyarrow as pa
import pytest
from builders import company, establishment, write_companies, write_establishments
from conftest import as_values
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine import compute, csv_stream
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.generator import generate_registry


def _refuse_streams(monkeypatch) -> list:
    """Make every stream fail at once, as a faulty file does: DuckDB's reader then reads."""
    refused = []

    def refuse(source, threads=1):
        refused.append(source.name)
        raise pa.ArrowInvalid("refused by the test")

    monkeypatch.setattr(compute, "open_stream", refuse)
    return refused


def _run(paths, reference_directory, **options):
    return run_engine(
        paths, reference_directory=reference_directory, stock_date=STOCK_DATE, **options
    )


def test_the_stream_and_duckdbs_reader_give_the_same_results(
    reference_directory, tmp_path, monkeypatch
):
    registry = generate_registry(
        tmp_path / "registry",
        companies=3_000,
        seed=5,
        file_format="csv",
        malformed=4,
        reference_directory=reference_directory,
    )
    opened = []

    def spy(source, threads=1):
        opened.append(source.name)
        return csv_stream.open_stream(source, threads)

    monkeypatch.setattr(compute, "open_stream", spy)
    streamed = run_engine(
        registry.paths(), reference_directory=reference_directory, max_rejected_rows=4
    )
    refused = _refuse_streams(monkeypatch)
    read_by_duckdb = run_engine(
        registry.paths(), reference_directory=reference_directory, max_rejected_rows=4
    )
    # Every input is a CSV: each was streamed in the first run, read by DuckDB in the second.
    assert sorted(opened) == sorted(refused) == sorted(path.name for path in registry.paths())
    assert streamed.indicators.num_rows > 1000
    assert streamed.indicators.equals(read_by_duckdb.indicators)
    assert streamed.diagnostics == read_by_duckdb.diagnostics
    assert streamed.diagnostics["rejected_rows"]["rows"] == 4


def test_awkward_but_valid_csv_reads_alike(inputs, reference_directory, tmp_path, monkeypatch):
    rows = [
        company("100000001") | {"denominationUniteLegale": 'A "QUOTED", NAME'},
        company("100000002") | {"denominationUniteLegale": "TWO\nLINES"},
        company("100000003", employer=""),  # an empty field
        company("100000004", band="12"),
    ]
    path = write_companies(tmp_path / "ul.csv", rows)
    data = path.read_bytes()
    data = data.replace(b",,", b',"",', 1)  # a quoted empty field, read as NULL too
    path.write_bytes(b"\xef\xbb\xbf" + data.rstrip(b"\n"))  # a BOM, no final line break
    streamed = _run([path, inputs["establishments"]], reference_directory)
    _refuse_streams(monkeypatch)
    read_by_duckdb = _run([path, inputs["establishments"]], reference_directory)
    assert streamed.indicators.equals(read_by_duckdb.indicators)
    assert streamed.diagnostics == read_by_duckdb.diagnostics
    assert {e["name"]: e["rows"] for e in streamed.diagnostics["input_files"]}["ul.csv"] == 4


def test_a_stream_failing_late_leaves_nothing_staged(
    inputs, reference_directory, tmp_path, monkeypatch
):
    # Small blocks: the stream has delivered many batches before it meets the faulty line.
    monkeypatch.setattr(csv_stream, "BLOCK_BYTES", 4096)
    rows = [establishment(f"1{n:08d}", commune="75056") for n in range(1, 401)]
    path = write_establishments(tmp_path / "etab.csv", rows)
    lines = path.read_bytes().split(b"\n")
    lines[390] = lines[390].rsplit(b",", 3)[0]  # line 391: too few fields
    path.write_bytes(b"\n".join(lines))
    result = _run([inputs["companies"], path], reference_directory, max_rejected_rows=1)
    files = {entry["name"]: entry["rows"] for entry in result.diagnostics["input_files"]}
    assert files["etab.csv"] == 400  # 399 staged once each, and the rejected line
    rejected = result.diagnostics["rejected_rows"]
    assert rejected["rows"] == 1
    assert [(e["line"], e["reason"]) for e in rejected["examples"]] == [
        (391, "wrong number of fields (too few)")
    ]


@pytest.mark.parametrize(("header_break", "odd_break"), [(b"\n", b"\r\n"), (b"\r\n", b"\n")])
def test_mixed_line_breaks_are_read(inputs, reference_directory, tmp_path, header_break, odd_break):
    rows = [company(f"10000000{n}", created=f"201{n}-03-01") for n in range(1, 6)]
    uniform = write_companies(tmp_path / "uniform.csv", rows)
    lines = uniform.read_bytes().splitlines()
    mixed = tmp_path / "ul.csv"
    breaks = [odd_break if number in (3, 5) else header_break for number in range(1, 7)]
    mixed.write_bytes(b"".join(line + end for line, end in zip(lines, breaks, strict=True)))
    expected = _run([uniform, inputs["establishments"]], reference_directory)
    result = _run([mixed, inputs["establishments"]], reference_directory)
    assert as_values(result.indicators) == as_values(expected.indicators)
    assert result.diagnostics["rejected_rows"]["rows"] == 0


def test_mixed_line_breaks_and_a_faulty_line_quote_the_line(inputs, reference_directory, tmp_path):
    # DuckDB's reader, which names lines, stops on the line breaks: the message quotes the
    # faulty line as pyarrow read it, and says why it has no number.
    path = write_companies(tmp_path / "ul.csv", [company(f"10000000{n}") for n in range(1, 6)])
    lines = path.read_bytes().splitlines()
    lines[4] = lines[4].rsplit(b",", 2)[0]  # line 5: too few fields
    breaks = [b"\r\n" if number == 3 else b"\n" for number in range(1, 7)]
    path.write_bytes(b"".join(line + end for line, end in zip(lines, breaks, strict=True)))
    with pytest.raises(InputError) as caught:
        _run([path, inputs["establishments"]], reference_directory)
    message = str(caught.value)
    assert caught.value.file == "ul.csv"
    assert caught.value.line is None
    assert lines[4].decode() in message
    assert "the file mixes line breaks, first at line 3" in message


def test_text_after_a_closing_quote_joins_the_field(inputs, reference_directory, tmp_path):
    # As Python's csv module reads it (the pass that finds the lines of malformed values).
    path = write_companies(tmp_path / "ul.csv", [company("100000001"), company("100000002")])
    data = path.read_bytes().replace(b"100000002,", b'"1000"00002,', 1)
    path.write_bytes(data)
    result = _run([path, inputs["establishments"]], reference_directory)
    assert result.diagnostics["rejected_rows"]["rows"] == 0
    bad = path.read_bytes().replace(b'"1000"00002,', b'"1000"0000X,', 1)
    path.write_bytes(bad)
    with pytest.raises(InputError) as caught:
        _run([path, inputs["establishments"]], reference_directory)
    assert (caught.value.line, caught.value.column, caught.value.value) == (3, "siren", "10000000X")


def _zip(csv_path, zipped):
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(csv_path, csv_path.name)
    return zipped


def _spy_extractions(monkeypatch) -> list:
    extracted = []

    def extract(source, directory, on_progress=None):
        extracted.append(source.name)
        return original(source, directory, on_progress)

    original = compute.extract_zip_member
    monkeypatch.setattr(compute, "extract_zip_member", extract)
    return extracted


def test_a_zip_is_streamed_without_a_copy_on_disk(
    inputs, reference_directory, tmp_path, monkeypatch
):
    extracted = _spy_extractions(monkeypatch)
    zipped = _zip(inputs["establishments"], tmp_path / "StockEtablissement_utf8.zip")
    others = [path for role, path in inputs.items() if role != "establishments"]
    result = _run([zipped, *others], reference_directory)
    assert as_values(result.indicators) == as_values(
        _run(inputs.values(), reference_directory).indicators
    )
    assert extracted == []


def test_a_faulty_line_in_a_zip_is_named_from_the_extracted_file(
    inputs, reference_directory, tmp_path, monkeypatch
):
    extracted = _spy_extractions(monkeypatch)
    rows = [company("100000001"), company("100000002", created="2015-02-30"), company("100000003")]
    malformed = _zip(write_companies(tmp_path / "ul.csv", rows), tmp_path / "ul_value.zip")
    with pytest.raises(InputError) as caught:
        _run([malformed, inputs["establishments"]], reference_directory)
    assert (caught.value.file, caught.value.line, caught.value.column) == (
        "ul_value.zip", 3, "dateCreationUniteLegale"
    )  # fmt: skip
    path = write_establishments(tmp_path / "etab.csv", [establishment("100000001")] * 3)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].rsplit(b",", 3)[0]
    path.write_bytes(b"\n".join(lines))
    short = _zip(path, tmp_path / "etab_fields.zip")
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], short], reference_directory)
    assert (caught.value.file, caught.value.line) == ("etab_fields.zip", 3)
    assert "wrong number of fields" in str(caught.value)
    assert extracted == ["ul_value.zip", "etab_fields.zip"]


def test_a_zip_corrupt_inside_its_data_names_the_file(inputs, reference_directory, tmp_path):
    rows = [establishment(f"1{n:08d}", commune="75056") for n in range(1, 3001)]
    zipped = _zip(write_establishments(tmp_path / "etab.csv", rows), tmp_path / "etab.zip")
    data = bytearray(zipped.read_bytes())
    middle = len(data) // 2  # inside the compressed member; the directory stays readable
    data[middle : middle + 64] = bytes(64)
    zipped.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], zipped], reference_directory)
    assert caught.value.file == "etab.zip"
    assert "truncated or corrupt zip archive" in str(caught.value)


@pytest.fixture
def inputs(tmp_path):
    return write_hand_built(tmp_path / "inputs")
