"""The indicator queries keep to the portable subset of SQL (Spark SQL can run them)."""

import re

import pytest

from frenchtech.observatory.engine.indicators import (
    NON_PORTABLE_CONSTRUCTS,
    QUERY_ORDER,
    query_text,
)


@pytest.mark.parametrize("name", QUERY_ORDER)
def test_one_portable_select_per_file(name):
    sql = query_text(name)
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    assert body.strip().upper().startswith("SELECT")
    assert ";" not in body
    for construct in NON_PORTABLE_CONSTRUCTS:
        assert construct.lower() not in body.lower(), construct
    assert not re.search(r"\b(CREATE|INSERT|DROP|ALTER)\b", body, re.IGNORECASE)
    # Spark types a decimal literal as DECIMAL(p, s), DuckDB as DOUBLE: results differ.
    assert not re.search(r"(?<![\w'])\d+\.\d+", body), "decimal literal: use CAST(n AS DOUBLE)"
