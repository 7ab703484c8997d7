"""The scoring engine applied to a round: performance table, ELECTRE TRI-B category,
SMAA-TRI probability of being labelled, what carried each result, and what-if weights.

The call's stored model is an ELECTRE TRI-B model; its SMAA-TRI twin is derived from it
(each weight ±30 % of its share, λ ± 0.1, committee scores ± 0.5) so that the Mission
edits one model and the robustness always matches it.
"""

import copy
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from frenchtech.scoring.errors import ScoringError
from frenchtech.scoring.evaluate import evaluate
from frenchtech.scoring.model import parse_model
from frenchtech.scoring.presets import preset_names, preset_path
from frenchtech.scoring.table import PerformanceTable

WEIGHT_SPREAD = 0.3
LAMBDA_SPREAD = 0.1
SCORE_HALF_WIDTH = 0.5
SMAA_SAMPLES = 4000
SMAA_SEED = 2013
LABELLED = "labelled"
# Committee-scored criteria of the shipped presets → the call criterion they belong to.
DEFAULT_REVIEW_SOURCES = {
    "committee_growth_strategy": 3,
    "committee_international": 3,
    "committee_local_mobilisation": 3,
    "committee_infrastructure": 1,
    "committee_public_actors_role": 2,
}


def electre_presets() -> list[str]:
    return [name for name in preset_names() if name.endswith("electre-tri-b")]


def preset_definition(name: str) -> dict:
    import json

    return json.loads(preset_path(name).read_text())


def validate(definition: dict, review_sources: dict, call_criteria: list[dict]):
    """Parse with the engine (its clear errors); check what only the committee knows."""
    model = parse_model(definition)
    if model.method != "electre-tri-b":
        raise ScoringError(
            _(
                "le modèle du comité est un modèle ELECTRE TRI-B (method "
                "« electre-tri-b ») ; sa robustesse SMAA-TRI en est dérivée."
            ),
            code="not_electre_tri_b",
        )
    numbers = {criterion["number"] for criterion in call_criteria}
    for criterion_id, number in review_sources.items():
        if criterion_id not in model.criterion_ids:
            raise ScoringError(
                _("source des notes : critère %(id)s absent du modèle") % {"id": criterion_id},
                code="review_source_unknown_criterion",
                criterion=criterion_id,
            )
        if number not in numbers:
            raise ScoringError(
                _("source des notes : %(id)s renvoie au critère %(n)s, que l'appel n'a pas")
                % {"id": criterion_id, "n": number},
                code="review_source_unknown_call_criterion",
                criterion=criterion_id,
                number=number,
            )
    return model


def smaa_twin(definition: dict, review_sources: dict, *, vary_weights=True) -> dict:
    """The SMAA-TRI model of an ELECTRE TRI-B one; `vary_weights=False` keeps the weights
    fixed (only λ and committee scores vary), for weights too lopsided to sample around."""
    twin = copy.deepcopy(definition)
    twin["method"] = "smaa-tri"
    total = sum(float(c["weight"]) for c in twin["criteria"])
    for criterion in twin["criteria"]:
        share = float(criterion["weight"]) / total
        criterion["weight"] = (
            {
                "min": round(share * (1 - WEIGHT_SPREAD), 6),
                "max": round(min(1.0, share * (1 + WEIGHT_SPREAD)), 6),
            }
            if vary_weights
            else share
        )
        if criterion["id"] in review_sources:
            criterion["uncertainty"] = {"distribution": "uniform", "half_width": SCORE_HALF_WIDTH}
    level = float(twin["lambda"])
    twin["lambda"] = [max(0.5, level - LAMBDA_SPREAD), min(1.0, level + LAMBDA_SPREAD)]
    twin["samples"] = SMAA_SAMPLES
    twin["seed"] = SMAA_SEED
    return twin


def with_weights(definition: dict, weights: dict) -> dict:
    changed = copy.deepcopy(definition)
    for criterion in changed["criteria"]:
        if criterion["id"] in weights:
            criterion["weight"] = weights[criterion["id"]]
    return changed


@dataclass
class Result:
    application_id: int
    missing: list = field(default_factory=list)
    category: str = ""
    probability_labelled: float | None = None
    acceptability: dict = field(default_factory=dict)
    carried_by: list = field(default_factory=list)  # [(criterion id, share)]
    vetoes: list = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return not self.missing


def run(definition: dict, review_sources: dict, rows: dict[int, dict]) -> dict[int, Result]:
    """`rows`: {application id: {criterion id: value or None}} → {application id: Result}.

    Results name criteria by id (missing, carried by, vetoes): screens translate them
    (`committee/engine_messages.py`)."""
    model = parse_model(definition)
    results = {}
    complete = {}
    for application_id, values in rows.items():
        missing = [c for c in model.criterion_ids if values.get(c) is None]
        results[application_id] = Result(application_id, missing=missing)
        if not missing:
            complete[application_id] = [float(values[c]) for c in model.criterion_ids]
    if not complete:
        return results
    names = [str(pk) for pk in complete]
    table = PerformanceTable.from_arrays(names, model.criterion_ids, list(complete.values()))
    electre = evaluate(model, table).to_dict()
    try:
        smaa = evaluate(parse_model(smaa_twin(definition, review_sources)), table).to_dict()
    except ScoringError:
        # e.g. a what-if putting all the weight on one criterion: nothing to sample around.
        twin = smaa_twin(definition, review_sources, vary_weights=False)
        smaa = evaluate(parse_model(twin), table).to_dict()
    for name in names:
        result = results[int(name)]
        result.category = electre["assignments"][name]
        result.acceptability = smaa["acceptability"][name]
        result.probability_labelled = smaa["acceptability"][name].get(LABELLED)
        contributions = electre["contributions"][name]
        ranked = sorted(contributions["concordance"].items(), key=lambda item: -item[1])
        result.carried_by = [(c, share) for c, share in ranked[:3] if share > 0]
        result.vetoes = list(contributions.get("vetoes", {}))
    return results
