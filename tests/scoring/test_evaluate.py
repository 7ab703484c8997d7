"""`evaluate`: directions, value transforms, seeds, and JSON-safe outputs for every method."""

import json

import numpy as np
import pytest

from frenchtech.scoring.evaluate import evaluate
from frenchtech.scoring.model import parse_model
from frenchtech.scoring.table import PerformanceTable

COLUMNS = ("creations", "unemployment", "population")
TABLE = PerformanceTable.from_arrays(
    ["Lyon", "Brest", "Metz", "Pau"],
    COLUMNS,
    [[420, 7.5, 1_400_000], [40, 8.0, 210_000], [90, 11.5, 220_000], [30, 9.0, 160_000]],
)


def sorting_model(method: str = "electre-tri-b", **extra) -> dict:
    return {
        "method": method,
        "criteria": [
            {"id": "creations", "weight": 3, "q": 1, "p": 4, "normalisation": "per-capita"},
            {"id": "unemployment", "weight": 1, "direction": "min", "q": 0.5, "p": 1},
        ],
        "profiles": [
            {"id": "floor", "values": {"creations": 15, "unemployment": 12}},
            {"id": "label", "values": {"creations": 30, "unemployment": 9}},
        ],
        "categories": ["refused", "returned", "labelled"],
        "lambda": 0.75,
        **extra,
    }


def test_per_capita_profiles_are_in_per_capita_units():
    evaluation = evaluate(parse_model(sorting_model()), TABLE)
    # per 100 000: Lyon 30, Brest 19.0, Metz 40.9, Pau 18.75
    assert evaluation.values[:, 0] == pytest.approx([30, 40 / 2.1, 90 / 2.2, 18.75])
    assert evaluation.to_dict()["assignments"] == {
        "Lyon": "labelled",
        "Brest": "returned",
        # 2.5 short of "label" on unemployment (> p): C = 0.75 = λ exactly, which outranks
        "Metz": "labelled",
        "Pau": "returned",
    }


def test_direction_min_equals_negating_the_column():
    minimised = parse_model(
        {
            "method": "topsis",
            "criteria": [
                {"id": "creations", "weight": 2},
                {"id": "unemployment", "weight": 1, "direction": "min"},
            ],
        }
    )
    negated = PerformanceTable.from_arrays(
        TABLE.alternatives, COLUMNS, TABLE.values * np.array([1, -1, 1])
    )
    maximised = parse_model(
        {
            "method": "topsis",
            "criteria": [{"id": "creations", "weight": 2}, {"id": "unemployment", "weight": 1}],
        }
    )
    first = evaluate(minimised, TABLE).outcome.closeness
    second = evaluate(maximised, negated).outcome.closeness
    assert first == pytest.approx(second)


@pytest.mark.parametrize(
    "document",
    [
        sorting_model(),
        sorting_model(rule="optimistic"),
        {
            "method": "weighted-sum",
            "criteria": [
                {"id": "creations", "weight": 1, "normalisation": ["log1p", "z-score"]},
                {"id": "unemployment", "weight": 1, "direction": "min"},
            ],
        },
        {
            "method": "topsis",
            "criteria": [{"id": "creations", "weight": 1}, {"id": "unemployment", "weight": 1}],
        },
        {
            "method": "smaa-2",
            "samples": 300,
            "criteria": [
                {"id": "creations", "uncertainty": {"distribution": "normal", "sd": 20}},
                {"id": "unemployment", "direction": "min"},
            ],
        },
    ],
)
def test_every_method_gives_strict_json(document):
    output = evaluate(parse_model(document), TABLE).to_dict()
    text = json.dumps(output, allow_nan=False)
    assert json.loads(text)["method"] == document["method"]
    assert set(output["contributions"]) == set(TABLE.alternatives)


def smaa_tri(**extra):
    document = sorting_model("smaa-tri", **{"samples": 3000, "seed": 11, **extra})
    document["lambda"] = [0.6, 0.9]
    for criterion in document["criteria"]:
        del criterion["weight"]
    return parse_model(document)


def test_smaa_seed_fixes_the_result():
    first = evaluate(smaa_tri(), TABLE).outcome
    again = evaluate(smaa_tri(), TABLE, batch_size=100).outcome
    other = evaluate(smaa_tri(seed=12), TABLE).outcome
    assert np.array_equal(first.counts, again.counts)
    assert not np.array_equal(first.central_weights, other.central_weights, equal_nan=True)


def test_measurement_uncertainty_leaves_the_weight_draws_alone():
    exact = smaa_tri()
    document = exact.to_dict()
    document["criteria"][1]["uncertainty"] = {"distribution": "uniform", "half_width": 0.0001}
    nearly = parse_model(document)
    # A negligible error: same weights and λ per draw, so the same categories.
    assert np.array_equal(
        evaluate(exact, TABLE).outcome.counts, evaluate(nearly, TABLE).outcome.counts
    )


def test_smaa_tri_csv_rows():
    header, rows = evaluate(smaa_tri(), TABLE).rows()
    assert header == [
        "alternative",
        "most_acceptable",
        "acceptability:refused",
        "acceptability:returned",
        "acceptability:labelled",
    ]
    assert [row[0] for row in rows] == list(TABLE.alternatives)
    assert all(sum(row[2:]) == pytest.approx(1.0) for row in rows)
