"""Model files: validation errors name the faulty item; canonical form round-trips."""

import copy
import json

import pytest

from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.model import load_model, parse_model


def electre_model() -> dict:
    return {
        "method": "electre-tri-b",
        "criteria": [
            {"id": "creations", "weight": 3, "direction": "max", "q": 5, "p": 20, "v": 80},
            {"id": "unemployment", "weight": 1, "direction": "min", "q": 0.5, "p": 1},
        ],
        "profiles": [
            {"id": "floor", "values": {"creations": 50, "unemployment": 12}},
            {
                "id": "label",
                "label": "Label floor",
                "values": {"creations": 150, "unemployment": 9},
            },
        ],
        "categories": ["refused", "returned_to_co_construction", "labelled"],
        "lambda": 0.75,
        "rule": "pessimistic",
    }


def smaa_tri_model() -> dict:
    model = electre_model()
    model.update(method="smaa-tri", **{"lambda": [0.6, 0.8]}, samples=500, seed=3)
    model["criteria"][0]["weight"] = {"min": 0.5, "max": 0.9}
    model["criteria"][1]["weight"] = {"min": 0.1, "max": 0.5}
    model["criteria"][1]["uncertainty"] = {"distribution": "normal", "sd": 0.2}
    return model


def ranking_model(method: str) -> dict:
    return {
        "method": method,
        "criteria": [
            {"id": "creations", "weight": 2, "normalisation": ["per-capita", "log1p", "min-max"]},
            {"id": "events", "weight": 1, "direction": "min", "normalisation": "percentile-rank"},
        ],
    }


def with_change(model: dict, change) -> dict:
    changed = copy.deepcopy(model)
    change(changed)
    return changed


@pytest.mark.parametrize(
    "document",
    [
        electre_model(),
        smaa_tri_model(),
        ranking_model("weighted-sum"),
        ranking_model("topsis"),
        {**ranking_model("smaa-2"), "samples": 100, "seed": 1},
        {
            "method": "smaa-2",
            "criteria": [{"id": "a"}, {"id": "b"}],
            "weights": {"distribution": "dirichlet", "alpha": {"a": 2, "b": 5}},
        },
        {"method": "smaa-2", "criteria": [{"id": "a"}, {"id": "b"}]},
    ],
)
def test_valid_models_round_trip_through_canonical_form(document):
    model = parse_model(document)
    canonical = model.to_dict()
    assert parse_model(json.loads(json.dumps(canonical))) == model


def test_defaults_are_filled_in():
    model = parse_model({"method": "smaa-2", "criteria": [{"id": "a"}, {"id": "b"}]})
    assert model.samples == 10_000
    assert model.seed == 0
    assert model.weight_sampling().kind == "uniform"
    assert model.to_dict()["criteria"][0]["normalisation"] == ["min-max"]
    assert parse_model(electre_model()).to_dict()["profile_separation"] == "dominance"


BAD_MODELS = [
    (lambda m: m.update(method="promethee"), "method must be one of"),
    (lambda m: m.update(lamda=0.7), "model: unknown key 'lamda'"),
    (
        lambda m: m["profiles"].reverse(),
        "profiles 'label' and 'floor' are not ordered on criterion 'creations'",
    ),
    (
        lambda m: m["profiles"][1]["values"].update(unemployment=13),
        "profiles 'floor' and 'label' are not ordered on criterion 'unemployment'",
    ),
    (
        lambda m: m["criteria"][0].update(q=30),
        r"criterion 'creations': q \(30\) must not be greater than p \(20\)",
    ),
    (
        lambda m: m["criteria"][0].update(v=10),
        r"criterion 'creations': v \(10\) must not be smaller than p \(20\)",
    ),
    (
        lambda m: m["criteria"][1].update(weight=-1),
        "criterion 'unemployment': weight must not be negative",
    ),
    (lambda m: m["criteria"][1].update(weight="1"), "criterion 'unemployment': weight must be"),
    (lambda m: m["criteria"][1].pop("weight"), "criterion 'unemployment': weight is required"),
    (
        lambda m: [c.update(weight=0) for c in m["criteria"]],
        "at least one criterion must have a positive weight",
    ),
    (
        lambda m: m["profiles"][0]["values"].update(jobs=3),
        "profile 'floor': unknown criterion 'jobs'",
    ),
    (
        lambda m: m["profiles"][0]["values"].pop("creations"),
        "profile 'floor': no value for criterion 'creations'",
    ),
    (
        lambda m: m["profiles"][0]["values"].update(creations="many"),
        "profile 'floor': value of criterion 'creations' must be a finite number",
    ),
    (lambda m: m["criteria"][1].update(id="creations"), "criterion 'creations' is listed twice"),
    (lambda m: m["criteria"][1].update(direction="up"), "direction must be 'max' or 'min'"),
    (lambda m: m["categories"].pop(), "2 profiles separate 3 categories, got 2"),
    (lambda m: m.update({"lambda": 0.3}), "lambda must be a number between 0.5 and 1"),
    (lambda m: m.pop("lambda"), "lambda \\(the cutting level\\) is required"),
    (lambda m: m.update({"lambda": [0.6, 0.7]}), "a range \\[lo, hi\\] is only for smaa-tri"),
    (lambda m: m.update(rule="majority"), "rule must be one of pessimistic, optimistic"),
    (
        lambda m: m["criteria"][0].update(normalisation="min-max"),
        "criterion 'creations': normalisation: 'min-max' depends on the other alternatives",
    ),
    (
        lambda m: m["criteria"][0].update(normalisation="square-root"),
        "unknown normalisation 'square-root'",
    ),
    (
        lambda m: m["criteria"][0].update(uncertainty={"distribution": "normal", "sd": 1}),
        "criteria\\[0\\]: unknown key 'uncertainty'",
    ),
    (
        lambda m: m["criteria"][0].update(weight={"min": 0.1, "max": 0.2}),
        "weight bounds {min, max} are for smaa-2 and smaa-tri",
    ),
    (
        lambda m: m.update(profile_separation="preference") or m["criteria"][1].update(p=2),
        "profiles 'floor' and 'label' are too close on criterion 'unemployment'",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD_MODELS)
def test_bad_electre_models_name_the_item(change, message):
    with pytest.raises(ModelError, match=message):
        parse_model(with_change(electre_model(), change))


BAD_SMAA_MODELS = [
    (
        lambda m: m["criteria"][1].update(weight=0.3),
        "criterion 'unemployment': weight must be bounds",
    ),
    (
        lambda m: m["criteria"][0].update(weight={"min": 0.2, "max": 0.3}),
        "need Σ min ≤ 1 ≤ Σ max",
    ),
    (
        lambda m: m["criteria"][0].update(weight={"min": 0.7, "max": 0.5}),
        "criterion 'creations': weight bounds need 0 ≤ min ≤ max ≤ 1",
    ),
    (
        lambda m: m.update(weights={"distribution": "uniform"}),
        "give weights either per criterion or in 'weights', not both",
    ),
    (lambda m: m.update(samples=0), "samples must be an integer between 1 and"),
    (lambda m: m.update(seed=-4), "seed must be an integer"),
    (lambda m: m.update({"lambda": [0.8, 0.6]}), "lambda: lo \\(0.8\\) must not be greater"),
    (
        lambda m: m["criteria"][1].update(uncertainty={"distribution": "normal"}),
        "criterion 'unemployment': uncertainty: a normal error needs 'sd'",
    ),
    (
        lambda m: m["criteria"][1].update(uncertainty={"distribution": "cauchy", "sd": 1}),
        "distribution must be 'uniform' or 'normal'",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD_SMAA_MODELS)
def test_bad_smaa_models_name_the_item(change, message):
    with pytest.raises(ModelError, match=message):
        parse_model(with_change(smaa_tri_model(), change))


def test_dirichlet_alpha_errors():
    base = {"method": "smaa-2", "criteria": [{"id": "a"}, {"id": "b"}]}
    for alpha, message in [
        ({"a": 1, "c": 2}, "alpha names unknown criterion 'c'"),
        ({"a": 1}, "alpha missing for criterion 'b'"),
        ([1], "alpha needs one value per criterion"),
        ([1, 0], "alpha of criterion 'b' must be positive"),
    ]:
        with pytest.raises(ModelError, match=message):
            parse_model({**base, "weights": {"distribution": "dirichlet", "alpha": alpha}})


def test_normalisation_scale_must_come_last():
    document = ranking_model("weighted-sum")
    document["criteria"][0]["normalisation"] = ["min-max", "log1p"]
    with pytest.raises(ModelError, match="at most one scale step"):
        parse_model(document)


def test_load_model_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"method": "topsis",,}')
    with pytest.raises(ModelError, match=r"broken\.json: invalid JSON at line 1"):
        load_model(path)
    path.write_text('{"method": "topsis", "method": "topsis"}')
    with pytest.raises(ModelError, match="key 'method' appears twice"):
        load_model(path)
    with pytest.raises(ModelError, match=r"cannot read model missing\.json"):
        load_model(tmp_path / "missing.json")
