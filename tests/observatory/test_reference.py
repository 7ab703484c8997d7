"""The territory reference as the engine reads it: the shipped files, read whole and right,
and clear errors (file, line, column, value) for a broken copy."""

import csv
import shutil
from pathlib import Path

import pytest

from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.territories import (
    REFERENCE_FILES,
    default_reference_directory,
    load_reference,
)


def _rows_read_plainly(path: Path, columns) -> list[dict]:
    # The straightforward reading: every value stripped, empty as None, population an int.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            values = {name: (row[name] or "").strip() or None for name in columns}
            if values.get("population") is not None:
                values["population"] = int(values["population"])
            rows.append(values)
        return rows


def test_the_shipped_reference_is_read_value_for_value():
    reference = load_reference()
    for relation, (file_name, columns) in REFERENCE_FILES.items():
        expected = _rows_read_plainly(default_reference_directory() / file_name, columns)
        assert reference.tables[relation].to_pylist() == expected, relation
    assert reference.tables["reference_communes"].num_rows > 37_000


@pytest.fixture
def copy(tmp_path) -> Path:
    for file_name, _ in REFERENCE_FILES.values():
        shutil.copy(default_reference_directory() / file_name, tmp_path / file_name)
    return tmp_path


def _replace_line(path: Path, line: int, transform) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[line - 1] = transform(lines[line - 1])
    path.write_text("".join(lines), "utf-8")


def test_a_population_that_is_not_an_integer_is_named_by_line_and_column(copy):
    _replace_line(copy / "epci.csv", 7, lambda text: text.rstrip("\n").rsplit(",", 1)[0] + ",12a\n")
    with pytest.raises(InputError) as raised:
        load_reference(copy)
    assert (raised.value.file, raised.value.line) == ("epci.csv", 7)
    assert (raised.value.column, raised.value.value) == ("population", "12a")
    assert "not an integer" in str(raised.value)


def test_an_unknown_commune_kind_is_named_by_line(copy):
    _replace_line(copy / "communes.csv", 3, lambda text: text.replace(",commune,", ",hameau,", 1))
    with pytest.raises(InputError) as raised:
        load_reference(copy)
    error = raised.value
    where = (error.file, error.line, error.column, error.value)
    assert where == ("communes.csv", 3, "kind", "hameau")


def test_a_missing_column_and_a_missing_file_are_named(copy):
    _replace_line(copy / "regions.csv", 1, lambda text: text.replace("name", "nom"))
    with pytest.raises(InputError, match=r"regions.csv, line 1, column name: missing column"):
        load_reference(copy)
    (copy / "regions.csv").unlink()
    with pytest.raises(InputError, match=r"regions.csv: territory reference file not found"):
        load_reference(copy)


def test_a_changed_file_is_read_again(copy):
    first = load_reference(copy)
    assert load_reference(copy) is first
    _replace_line(copy / "regions.csv", 2, lambda text: text.replace("Guadeloupe", "Gwadloup"))
    names = load_reference(copy).tables["reference_regions"].column("name").to_pylist()
    assert "Gwadloup" in names
    assert "Guadeloupe" not in names
