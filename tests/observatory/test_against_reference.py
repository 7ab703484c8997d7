"""The engine and an independent pure-Python reading agree on a generated registry."""

import pytest
from conftest import as_values
from reference_implementation import compute

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.generator import DEFAULT_STOCK_DATE, generate_registry


@pytest.fixture(scope="module")
def generated(tmp_path_factory, reference_directory):
    return generate_registry(
        tmp_path_factory.mktemp("generated"),
        companies=100_000,
        seed=7,
        reference_directory=reference_directory,
    )


def test_engine_agrees_with_the_pure_python_reading(generated, reference_directory):
    result = run_engine(generated.paths(), reference_directory=reference_directory)
    # The latest dateDernierTraitement, which the generator puts on the stock date.
    assert result.stock_date == DEFAULT_STOCK_DATE
    assert result.diagnostics["stock_date_rule"] == "latest dateDernierTraitement"
    assert result.synthetic is True
    assert result.diagnostics["synthetic"] is True
    expected = compute(
        reference_directory, generated.companies, generated.establishments,
        generated.funding_rounds, generated.events, generated.programmes, DEFAULT_STOCK_DATE,
    )  # fmt: skip
    engine = as_values(result.indicators)
    assert engine.keys() == expected.keys()
    assert engine == pytest.approx(expected, rel=1e-9)
    assert engine["france", "FR", 2015, "digital_company_creations"] > 100
