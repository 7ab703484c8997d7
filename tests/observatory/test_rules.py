"""Every rule of docs/methodology/indicator-definitions.md on a hand-built registry, value
by value."""

import pytest
from conftest import as_values
from hand_built import STOCK_DATE, write_hand_built, write_history_ceasing_later

from frenchtech.observatory.engine.compute import run_engine

FRANCE_POPULATION = 2100000 + 520000 + 150000 + 870000 + 800 + 600 + 850


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return write_hand_built(tmp_path_factory.mktemp("hand_built"))


@pytest.fixture(scope="module")
def result(inputs, reference_directory):
    return run_engine(
        inputs.values(), reference_directory=reference_directory, stock_date=STOCK_DATE
    )


@pytest.fixture(scope="module")
def values(result):
    return as_values(result.indicators)


def test_company_creations_follow_the_siege_through_arrondissements_and_deleguees(values):
    assert values["commune", "75056", 2015, "digital_company_creations"] == 1  # 75115
    assert values["commune", "01015", 2015, "digital_company_creations"] == 2  # 01340, 01015
    assert values["commune", "01001", 2015, "digital_company_creations"] == 1  # associée 01120
    assert values["commune", "69123", 2015, "digital_company_creations"] == 2  # 69381, moved siège
    assert ("commune", "01340", 2015, "digital_company_creations") not in values
    assert ("commune", "75115", 2015, "digital_company_creations") not in values


def test_arrondissements_missing_from_the_reference_use_the_fixed_mapping(values):
    assert values["commune", "13055", 2020, "digital_active_companies"] == 1  # 13203


def test_unmapped_codes_count_at_level_france_only(values, result):
    assert values["france", "FR", 2015, "digital_company_creations"] == 9
    communes = sum(
        v for (level, _, year, name), v in values.items()
        if level == "commune" and year == 2015 and name == "digital_company_creations"
    )  # fmt: skip
    assert communes == 8
    unmapped = result.diagnostics["unmapped_commune"]
    assert unmapped["by_source"]["digital_company_sieges"] == {
        "rows": 1, "distinct_codes": 1, "examples": ["99999"]
    }  # fmt: skip
    assert set(unmapped["by_source"]["establishments"]["examples"]) == {"", "99999"}
    assert unmapped["by_source"]["funding_rounds"]["rows"] == 1
    assert unmapped["by_source"]["events"]["rows"] == 1


def test_levels_roll_up_and_a_commune_without_epci_skips_that_level(values, result):
    assert values["epci", "200046977", 2015, "digital_company_creations"] == 3
    assert values["epci", "200069193", 2015, "digital_company_creations"] == 3
    assert values["departement", "01", 2015, "digital_company_creations"] == 3
    assert values["departement", "29", 2015, "digital_company_creations"] == 1
    assert values["region", "84", 2015, "digital_company_creations"] == 6
    assert values["region", "53", 2015, "digital_company_creations"] == 1
    assert values["commune", "29155", 2015, "digital_company_creations"] == 1
    assert result.diagnostics["communes_without_epci"]["examples"] == ["29155"]


def test_other_nomenclatures_and_empty_codes_are_not_digital_and_are_reported(values, result):
    unclassified = result.diagnostics["unclassified_nomenclature"]["companies"]
    assert unclassified["by_nomenclature"] == {"NAFRev1": 1, "NAF1993": 1, "(empty code)": 1}
    assert values["france", "FR", 2020, "digital_active_companies"] == 12


def test_sole_proprietors_are_excluded_from_the_excl_sole_count(values):
    assert values["france", "FR", 2015, "digital_company_creations_excl_sole"] == 8
    assert values["commune", "69123", 2015, "digital_company_creations_excl_sole"] == 1


def test_survival_boundary_is_strictly_after_three_years(values):
    # 2016 in Lyon: ceased exactly +3 years (no), one day later (yes), early (no), active (yes).
    assert values["commune", "69123", 2016, "digital_survival_3y"] == 0.5
    # Created 29 February 2012, ceased 1 March 2015: after 28 February 2015.
    assert values["commune", "75056", 2012, "digital_survival_3y"] == 1.0


def test_survival_only_up_to_stock_year_minus_three(values):
    assert ("commune", "69123", 2017, "digital_survival_3y") not in values  # no creation
    assert ("commune", "69123", 2018, "digital_survival_3y") not in values
    assert ("commune", "69123", 2018, "digital_company_creations") in values


def test_history_gives_the_ceasing_date_when_supplied(inputs, reference_directory, tmp_path):
    history = write_history_ceasing_later(tmp_path)
    result = run_engine(
        [*inputs.values(), history], reference_directory=reference_directory, stock_date=STOCK_DATE
    )
    assert as_values(result.indicators)["commune", "69123", 2016, "digital_survival_3y"] == 0.75


def test_empty_creation_dates_count_as_active_but_not_as_creations(values, result):
    assert result.diagnostics["empty_creation_date"] == {
        "digital_companies": 1, "digital_establishments": 1
    }  # fmt: skip
    assert not any(code == "13055" and name == "digital_company_creations"
                   for (_, code, _, name) in values)  # fmt: skip


def test_active_employer_and_scaleup_counts_are_at_the_stock_year(values):
    assert values["commune", "69123", 2020, "digital_active_companies"] == 4
    assert values["commune", "69266", 2020, "digital_employer_companies"] == 1
    assert values["france", "FR", 2020, "digital_scaleups"] == 1
    assert not any(
        year != 2020 and name == "digital_active_companies" for (_, _, year, name) in values
    )


def test_establishment_creations_use_the_establishment_activity_and_place(values):
    assert values["commune", "75056", 2015, "digital_establishment_creations"] == 2
    assert values["commune", "69266", 2017, "digital_establishment_creations"] == 1
    assert values["commune", "69123", 2016, "digital_establishment_creations"] == 5
    assert values["france", "FR", 2015, "digital_establishment_creations"] == 10


def test_ratios(values):
    assert values["commune", "75056", 2015, "digital_creations_per_100k"] == pytest.approx(
        1 / 2_100_000 * 100_000
    )
    # The EPCI's own population (1 400 000) wins over the sum of its communes.
    assert values["epci", "200046977", 2015, "digital_creations_per_100k"] == pytest.approx(
        3 / 1_400_000 * 100_000
    )
    assert values["france", "FR", 2015, "digital_creations_per_100k"] == pytest.approx(
        9 / FRANCE_POPULATION * 100_000
    )
    assert values["commune", "69123", 2018, "digital_creations_growth_3y"] == pytest.approx(
        (1 / 2) ** (1 / 3) - 1
    )
    assert values["commune", "75056", 2015, "digital_creations_growth_3y"] == 0.0
    # No creations in 2019 against 4 in 2016: -1; base year 2014 without creations: no value.
    assert values["commune", "69123", 2019, "digital_creations_growth_3y"] == -1.0
    assert ("commune", "69123", 2017, "digital_creations_growth_3y") not in values


def test_funding_events_and_programmes(values):
    assert values["commune", "75056", 2019, "funds_raised_eur"] == 3000.5
    assert values["commune", "75056", 2019, "funding_rounds"] == 2
    assert values["france", "FR", 2019, "funds_raised_eur"] == 3500.5
    assert values["france", "FR", 2019, "professional_events"] == 3
    assert values["france", "FR", 2019, "international_events"] == 1
    assert values["commune", "69123", 2018, "acceleration_programmes"] == 1
    assert values["commune", "69123", 2019, "accelerated_startups"] == 10
    assert values["commune", "13055", 2020, "acceleration_programmes"] == 1  # open-ended
    assert values["france", "FR", 2019, "accelerated_startups"] == 15


def test_diagnostics_document(result, inputs):
    diagnostics = result.diagnostics
    assert diagnostics["definitions_version"] == "ft-indicators-1"
    assert diagnostics["stock_date"] == "2020-06-30"
    assert diagnostics["stock_date_rule"] == "parameter"
    assert diagnostics["synthetic"] is False
    files = {entry["name"]: entry for entry in diagnostics["input_files"]}
    assert files["ul.csv"]["rows"] == 19
    assert files["etab.csv"]["size_bytes"] == inputs["establishments"].stat().st_size
    assert diagnostics["rejected_rows"]["rows"] == 0


def test_matches_the_pure_python_reading(result, inputs, reference_directory):
    from reference_implementation import compute

    expected = compute(
        reference_directory, inputs["companies"], inputs["establishments"], inputs["funding"],
        inputs["events"], inputs["programmes"], STOCK_DATE,
    )  # fmt: skip
    assert as_values(result.indicators) == pytest.approx(expected)
