"""Performance tables: CSV parsing errors name the line, the alternative and the column."""

import numpy as np
import pytest

from frenchtech.scoring.errors import PerformanceTableError
from frenchtech.scoring.evaluate import evaluate
from frenchtech.scoring.model import parse_model
from frenchtech.scoring.table import PerformanceTable, parse_performance_csv, read_performance_csv

COLUMNS = ["creations", "events"]


def test_parses_numbers_and_reports_ignored_columns():
    text = "\ufeffalternative,events,name,creations\nLyon,12,Lyon Métropole,420\nBrest, 3 ,x,60.5\n"
    table = parse_performance_csv(text, COLUMNS)
    assert table.alternatives == ("Lyon", "Brest")
    assert table.matrix(COLUMNS).tolist() == [[420.0, 12.0], [60.5, 3.0]]
    assert table.ignored_columns == ("name",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("name,creations,events\n", "the first column must be 'alternative'"),
        ("alternative,creations,events\n", "no alternatives"),
        ("alternative,creations\nLyon,1\n", "no column 'events'"),
        ("alternative,creations,events,events\nLyon,1,2,3\n", "column 'events' appears twice"),
        (
            "alternative,creations,events\nLyon,1,2\nBrest,many,3\n",
            "line 3, alternative 'Brest', column 'creations': 'many' is not a number",
        ),
        (
            "alternative,creations,events\nLyon,1,\n",
            "line 2, alternative 'Lyon', column 'events': missing value",
        ),
        (
            "alternative,creations,events\nLyon,1,nan\n",
            "alternative 'Lyon', column 'events': 'nan' is not a finite number",
        ),
        ("alternative,creations,events\n,1,2\n", "line 2: the alternative name is empty"),
        (
            "alternative,creations,events\nLyon,1,2\nLyon,3,4\n",
            "alternative 'Lyon' appears twice \\(lines 2 and 3\\)",
        ),
        ("alternative,creations,events\nLyon,1\n", "line 2 has 2 cells, the header has 3"),
    ],
)
def test_bad_tables_name_the_item(text, message):
    with pytest.raises(PerformanceTableError, match=message):
        parse_performance_csv(text, COLUMNS)


def test_read_names_the_file(tmp_path):
    with pytest.raises(PerformanceTableError, match=r"cannot read performance table none\.csv"):
        read_performance_csv(tmp_path / "none.csv", COLUMNS)
    path = tmp_path / "t.csv"
    path.write_text("alternative,creations,events\nLyon,x,1\n")
    with pytest.raises(PerformanceTableError, match=r"t\.csv: line 2"):
        read_performance_csv(path, COLUMNS)


def test_from_arrays_checks_its_input():
    table = PerformanceTable.from_arrays(["a", "b"], COLUMNS, [[1, 2], [3, 4]])
    assert table.column("events").tolist() == [2.0, 4.0]
    with pytest.raises(PerformanceTableError, match="alternative 'b', column 'events'"):
        PerformanceTable.from_arrays(["a", "b"], COLUMNS, [[1, 2], [3, np.inf]])
    with pytest.raises(PerformanceTableError, match="no alternatives"):
        PerformanceTable.from_arrays([], COLUMNS, np.empty((0, 2)))
    with pytest.raises(PerformanceTableError, match="alternative 'a' appears twice"):
        PerformanceTable.from_arrays(["a", "a"], COLUMNS, [[1, 2], [3, 4]])


def test_value_transform_errors_name_alternative_and_column():
    model = parse_model(
        {
            "method": "weighted-sum",
            "criteria": [
                {"id": "creations", "weight": 1, "normalisation": ["per-capita", "min-max"]},
                {"id": "events", "weight": 1, "normalisation": ["log1p", "min-max"]},
            ],
        }
    )
    columns = ["creations", "events", "population"]
    table = PerformanceTable.from_arrays(["a", "b"], columns, [[1, 2, 10], [3, 4, 0]])
    with pytest.raises(PerformanceTableError, match="alternative 'b', column 'population'"):
        evaluate(model, table)
    table = PerformanceTable.from_arrays(["a", "b"], columns, [[1, -2, 10], [3, 4, 5]])
    with pytest.raises(PerformanceTableError, match="alternative 'a', criterion 'events': log1p"):
        evaluate(model, table)
    with pytest.raises(PerformanceTableError, match="no column 'population'"):
        evaluate(model, PerformanceTable.from_arrays(["a"], COLUMNS, [[1, 2]]))
