"""The bench's ladder (bench/observatory_ladder.py) computes what it claims: a rung that
counted nothing would make the engine look slow for no reason."""

import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.engine.schema import DIGITAL_ACTIVITY_CODES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from observatory_ladder import one_indicator, validated


@pytest.fixture(scope="module", params=["csv", "parquet"])
def registry(request, tmp_path_factory, reference_directory):
    return generate_registry(
        tmp_path_factory.mktemp(request.param),
        companies=2_000,
        file_format=request.param,
        malformed=3,
        reference_directory=reference_directory,
    )


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pq.read_table(path, columns=columns).to_pandas().astype(str)
    return pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False)


def _real_day(dates: pd.Series) -> pd.Series:
    # Creations are counted by year: a company without a valid creation date has none.
    shaped = dates.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
    return shaped & pd.to_datetime(dates.where(shaped), format="%Y-%m-%d", errors="coerce").notna()


def test_validated_counts_the_malformed_values(registry):
    assert validated(registry.companies, registry.establishments) == {"malformed_values": 3}


def test_one_indicator_counts_the_dated_digital_companies_with_a_siege(registry):
    companies = _read(
        registry.companies,
        ["siren", "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale",
         "nicSiegeUniteLegale", "dateCreationUniteLegale"],
    )  # fmt: skip
    establishments = _read(registry.establishments, ["siren", "nic"])
    code = companies["activitePrincipaleUniteLegale"].str.replace(r"[. ]", "", regex=True)
    digital = companies[
        (companies["nomenclatureActivitePrincipaleUniteLegale"] == "NAFRev2")
        & code.str.upper().isin(DIGITAL_ACTIVITY_CODES)
        & companies["siren"].str.fullmatch(r"[0-9]{9}")
        & _real_day(companies["dateCreationUniteLegale"])
    ]
    located = digital.merge(
        establishments, left_on=["siren", "nicSiegeUniteLegale"], right_on=["siren", "nic"]
    )
    result = one_indicator(registry.companies, registry.establishments)
    assert result["companies"] == len(located) > 0
