"""The shipped presets: valid, comparable, and differing only where the programme says."""

import numpy as np
import pytest

from frenchtech.scoring.evaluate import evaluate
from frenchtech.scoring.model import WeightBounds
from frenchtech.scoring.presets import load_preset, preset_names
from frenchtech.scoring.table import PerformanceTable

PUBLIC_SIDE = {"committee_infrastructure", "committee_public_actors_role"}
PAIRS = [("programme-2013", "cdc-report")]


def test_the_four_presets_are_shipped():
    assert preset_names() == [
        "cdc-report-electre-tri-b",
        "cdc-report-smaa-tri",
        "programme-2013-electre-tri-b",
        "programme-2013-smaa-tri",
    ]


def shares(name: str) -> dict[str, float]:
    model = load_preset(name)
    weights = model.fixed_weights()
    return dict(zip(model.criterion_ids, weights / weights.sum(), strict=True))


def test_2013_gives_infrastructure_and_public_actors_less_weight_than_cdc():
    programme, cdc = shares("programme-2013-electre-tri-b"), shares("cdc-report-electre-tri-b")
    assert programme.keys() == cdc.keys()
    for criterion in PUBLIC_SIDE:
        assert programme[criterion] < cdc[criterion]
    assert sum(programme[c] for c in PUBLIC_SIDE) < sum(cdc[c] for c in PUBLIC_SIDE)


def test_the_two_weightings_differ_only_by_their_weights():
    programme = load_preset("programme-2013-electre-tri-b")
    cdc = load_preset("cdc-report-electre-tri-b")
    assert programme.profiles == cdc.profiles
    assert programme.categories == cdc.categories
    assert (programme.cutting_level, programme.rule) == (cdc.cutting_level, cdc.rule)
    for mine, theirs in zip(programme.criteria, cdc.criteria, strict=True):
        assert (mine.q, mine.p, mine.v, mine.direction) == (
            theirs.q,
            theirs.p,
            theirs.v,
            theirs.direction,
        )


@pytest.mark.parametrize("weighting", ["programme-2013", "cdc-report"])
def test_smaa_tri_preset_brackets_the_electre_preset(weighting):
    electre = load_preset(f"{weighting}-electre-tri-b")
    smaa = load_preset(f"{weighting}-smaa-tri")
    assert smaa.profiles == electre.profiles
    low, high = smaa.cutting_level_range()
    assert low <= electre.cutting_level <= high
    exact = shares(f"{weighting}-electre-tri-b")
    for criterion in smaa.criteria:
        assert isinstance(criterion.weight, WeightBounds)
        assert criterion.weight.min < exact[criterion.id] < criterion.weight.max


def candidates(columns: tuple[str, ...]) -> PerformanceTable:
    """Two invented candidates: one strong in data, one strong in infrastructure."""
    data_strong = {
        "digital_company_creations_excl_sole": 320,
        "professional_events": 45,
        "funds_raised_eur": 35e6,
        "digital_scaleups": 22,
        "acceleration_programmes": 4,
        "committee_growth_strategy": 4,
        "committee_international": 3.5,
        "committee_local_mobilisation": 4,
        "committee_infrastructure": 2.5,
        "committee_public_actors_role": 2.5,
    }
    infrastructure_strong = dict(
        data_strong,
        digital_company_creations_excl_sole=290,
        funds_raised_eur=25e6,
        digital_scaleups=17,
        acceleration_programmes=2,
        committee_infrastructure=5,
        committee_public_actors_role=5,
    )
    rows = [[row[c] for c in columns] for row in (data_strong, infrastructure_strong)]
    return PerformanceTable.from_arrays(["data_strong", "infrastructure_strong"], columns, rows)


def test_presets_run_and_the_weighting_changes_decisions():
    decisions = {}
    for name in preset_names():
        model = load_preset(name)
        evaluation = evaluate(model, candidates(model.required_columns()))
        document = evaluation.to_dict()
        decisions[name] = document["assignments"]
        if "acceptability" in document:
            for row in document["acceptability"].values():
                assert sum(row.values()) == pytest.approx(1.0)
    assert decisions["programme-2013-electre-tri-b"] == {
        "data_strong": "labelled",
        "infrastructure_strong": "returned_to_co_construction",
    }
    assert decisions["cdc-report-electre-tri-b"] == {
        "data_strong": "returned_to_co_construction",
        "infrastructure_strong": "labelled",
    }


def test_preset_smaa_tri_is_reproducible():
    model = load_preset("programme-2013-smaa-tri")
    table = candidates(model.required_columns())
    first = evaluate(model, table).outcome.acceptability
    second = evaluate(model, table, batch_size=997).outcome.acceptability
    assert np.array_equal(first, second)
