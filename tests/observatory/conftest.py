"""Fixtures of the observatory engine tests (Django-free)."""

import importlib.util
import sys
from pathlib import Path

import pytest

# The tests import their helpers (builders, reference_implementation) as plain modules.
sys.path.insert(0, str(Path(__file__).parent))

from builders import write_reference


@pytest.fixture(scope="session")
def reference_directory(tmp_path_factory) -> Path:
    return write_reference(tmp_path_factory.mktemp("territories"))


def as_values(table) -> dict:
    """{(level, code, year, indicator): value} of an engine result table."""
    return {
        (row["territory_level"], row["territory_code"], row["year"], row["indicator"]): row["value"]
        for row in table.to_pylist()
    }


# The Spark backend's tests need pyspark, which only `make spark-test` installs.
if importlib.util.find_spec("pyspark") is None:
    collect_ignore = ["test_spark_backend.py"]
