"""The synthetic registry: official schema, valid keys, reproducible, marked synthetic."""

import csv

import numpy as np
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.engine.generator.keys import is_luhn_valid, nics, sirens
from frenchtech.observatory.engine.schema import (
    STOCK_ETABLISSEMENT_COLUMNS,
    STOCK_UNITE_LEGALE_COLUMNS,
)


@given(st.lists(st.integers(10_000_000, 99_999_999), min_size=1, max_size=50))
def test_sirens_and_sirets_pass_luhn(bases):
    numbers = sirens(np.array(bases))
    assert all(is_luhn_valid(f"{n:09d}") for n in numbers)
    sequence = np.arange(1, len(bases) + 1)
    for siren, nic in zip(numbers, nics(numbers, sequence), strict=True):
        assert is_luhn_valid(f"{siren:09d}{nic:05d}")


def test_official_columns_keys_and_marks(tmp_path, reference_directory):
    generated = generate_registry(
        tmp_path, companies=2000, seed=1, reference_directory=reference_directory
    )
    with generated.companies.open(encoding="utf-8") as handle:
        companies = list(csv.DictReader(handle))
    with generated.establishments.open(encoding="utf-8") as handle:
        establishments = list(csv.DictReader(handle))
    assert tuple(companies[0]) == STOCK_UNITE_LEGALE_COLUMNS
    assert tuple(establishments[0]) == STOCK_ETABLISSEMENT_COLUMNS
    assert len(companies) == 2000
    assert len(establishments) == 2900
    assert len({row["siren"] for row in companies}) == 2000
    assert all(is_luhn_valid(row["siren"]) for row in companies)
    assert all(is_luhn_valid(row["siret"]) for row in establishments)
    sieges = {(row["siren"], row["nicSiegeUniteLegale"]) for row in companies}
    assert sieges <= {(row["siren"], row["nic"]) for row in establishments}
    codes = {row["codeCommuneEtablissement"] for row in establishments}
    assert codes & {"75101", "75115", "69381"}  # arrondissements, not 75056 / 69123
    assert {row["nomenclatureActivitePrincipaleUniteLegale"] for row in companies} >= {
        "NAFRev2",
        "NAFRev1",
    }
    assert "1000" in {row["categorieJuridiqueUniteLegale"] for row in companies}
    for path in generated.paths():
        assert "synthetic" in path.name
        assert path.with_name(path.name + ".SYNTHETIC.txt").exists()


def test_same_seed_same_bytes(tmp_path, reference_directory):
    first = generate_registry(
        tmp_path / "a", companies=1500, seed=3, reference_directory=reference_directory
    )
    second = generate_registry(
        tmp_path / "b", companies=1500, seed=3, reference_directory=reference_directory
    )
    for one, two in zip(first.paths(), second.paths(), strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_parquet_is_typed_and_says_synthetic(tmp_path, reference_directory):
    generated = generate_registry(tmp_path, companies=1000, file_format="parquet",
                                  reference_directory=reference_directory)  # fmt: skip
    schema = pq.read_schema(generated.establishments)
    assert schema.metadata[b"synthetic"] == b"true"
    assert str(schema.field("dateCreationEtablissement").type) == "date32[day]"
    assert str(schema.field("etablissementSiege").type) == "bool"
