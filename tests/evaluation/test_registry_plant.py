"""The planted effect of the registry generator, end to end through the observatory engine:
it changes exactly the labelled EPCI's digital creations from their label year on."""

import math

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from frenchtech.evaluation.engine import Settings, build_panel, evaluate
from frenchtech.evaluation.engine.simulation import FIRST_WAVE, SECOND_WAVE
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.generator import PlantedEffect, generate_registry
from tests.evaluation.support import populations

COMPANIES = 100_000
LABELS = {**dict.fromkeys(FIRST_WAVE, 2014), **dict.fromkeys(SECOND_WAVE, 2015)}
BY_WAVE = PlantedEffect(LABELS, {2014: 0.5, 2015: 0.2})
EARLY = PlantedEffect(dict.fromkeys(FIRST_WAVE, 2014), 0.5, anticipation=True)


def creations(directory, planted):
    registry = generate_registry(
        directory, companies=COMPANIES, seed=5, file_format="parquet", planted=planted
    )
    table = run_engine(registry.paths()).indicators
    table = table.filter(
        pc.and_(
            pc.equal(table["territory_level"], "epci"),
            pc.equal(table["indicator"], "digital_company_creations"),
        )
    )
    values = zip(table["territory_code"].to_pylist(), table["year"].to_pylist(),
                 table["value"].to_pylist(), strict=True)  # fmt: skip
    return registry, {(code, year): value for code, year, value in values}


@pytest.fixture(scope="module")
def registries(tmp_path_factory):
    directory = tmp_path_factory.mktemp("planted")
    return {
        name: creations(directory / name, planted)
        for name, planted in (("none", None), ("by_wave", BY_WAVE), ("early", EARLY))
    }


def assert_planted(base, planted, plan: PlantedEffect):
    raised = 0
    for key in set(base) | set(planted):
        code, year = key
        before, after = base.get(key, 0), planted.get(key, 0)
        label_year = plan.label_years.get(code)
        start = None if label_year is None else label_year - (1 if plan.anticipation else 0)
        if start is None or year < start:
            assert after == before, f"{key} changed without a planted effect"
        else:
            share = plan.share_for(label_year)
            # round(share × D), rounded up or down at random: exactly one of the two.
            assert after - before in {math.floor(share * before), math.ceil(share * before)}, key
            raised += after - before
    return raised


def test_the_plant_raises_each_wave_by_its_share_from_the_label_year_on(registries):
    _registry, base = registries["none"]
    _registry, planted = registries["by_wave"]
    assert assert_planted(base, planted, BY_WAVE) > 50


def test_the_anticipation_starts_one_year_before_the_label(registries):
    _registry, base = registries["none"]
    _registry, planted = registries["early"]
    assert_planted(base, planted, EARLY)
    assert any(planted[(code, 2013)] > base[(code, 2013)] for code in FIRST_WAVE)


def test_the_registry_says_what_was_planted(registries):
    registry, _values = registries["by_wave"]
    sidecar = registry.companies.with_name(registry.companies.name + ".SYNTHETIC.txt")
    text = sidecar.read_text("utf-8")
    assert "planted_effect: digital creations 2014: +50%, 2015: +20% from the label year" in text
    metadata = pq.read_schema(registry.companies).metadata
    assert b"2015: +20%" in metadata[b"planted_effect"]


def test_the_evaluation_sees_the_planted_effect_through_the_engine(registries):
    _registry, planted = registries["by_wave"]
    rows = [(code, year, value) for (code, year), value in planted.items() if year <= 2023]
    panel = build_panel(rows, populations(), LABELS, first_year=2008, missing_means_zero=True)
    result = evaluate(panel, Settings(draws=199, synthetic_controls=False))
    # Groups weighted by size: 9 EPCI at log(1.5), 5 at log(1.2).
    truth = (9 * math.log(1.5) + 5 * math.log(1.2)) / 14
    overall = result.main.overall
    assert overall.lower <= truth <= overall.upper
    assert overall.estimate > 0.15  # small counts (100 000 companies): a wide band
