"""The scoring engine's panel on a committee page: results, and a what-if with other weights
(GET only: nothing is saved)."""

from django.utils.translation import gettext as _

from frenchtech.committee.enums import OUTCOME_FOR_CATEGORY, Outcome
from frenchtech.committee.evaluation import run, with_weights
from frenchtech.committee.models import EvaluationModel
from frenchtech.committee.performance import performance_rows
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.scoring.errors import ScoringError


def _category_label(category: str) -> str:
    outcome = OUTCOME_FOR_CATEGORY.get(category)
    return str(Outcome(outcome).label) if outcome else category


def _shape(result) -> dict | None:
    if result is None:
        return None
    return {
        "computed": result.computed,
        "missing": result.missing,
        "category": result.category,
        "category_label": _category_label(result.category) if result.category else "",
        "probability": None
        if result.probability_labelled is None
        else round(100 * result.probability_labelled),
        "acceptability": [
            {"label": _category_label(name), "percent": round(100 * share)}
            for name, share in result.acceptability.items()
        ],
        "carried_by": [
            {"label": label, "percent": round(100 * share)} for label, share in result.carried_by
        ],
        "vetoes": result.vetoes,
    }


def _label(criterion) -> str:
    info = CATALOGUE.get(criterion["id"])
    return str(info.label) if info else criterion.get("label", criterion["id"])


def panel(round_, application, query) -> dict:
    evaluation = EvaluationModel.objects.filter(call_id=round_.call_id).first()
    if evaluation is None:
        return {"configured": False}
    definition, sources = evaluation.definition, evaluation.review_sources
    rows = performance_rows(round_, [application], definition, sources)
    weights, errors = {}, []
    try:
        result = _shape(run(definition, sources, rows)[application.pk])
    except ScoringError as error:
        result = None
        errors.append(str(error))
    criteria = []
    for criterion in definition["criteria"]:
        key = f"w_{criterion['id']}"
        raw = query.get(key, "")
        if raw != "":
            try:
                weights[criterion["id"]] = float(raw.replace(",", "."))
            except ValueError:
                errors.append(
                    _("Poids illisible pour « %(label)s ».") % {"label": _label(criterion)}
                )
        value = rows[application.pk].get(criterion["id"])
        criteria.append(
            {
                "id": criterion["id"],
                "field": key,
                "label": _label(criterion),
                "source": _("avis du comité") if criterion["id"] in sources else _("observatoire"),
                "weight": criterion["weight"],
                "what_if_weight": weights.get(criterion["id"], criterion["weight"]),
                "value": value,
            }
        )
    what_if = None
    if weights and not errors:
        try:
            what_if = _shape(run(with_weights(definition, weights), sources, rows)[application.pk])
        except ScoringError as error:
            errors.append(str(error))
    return {
        "configured": True,
        "preset": evaluation.preset,
        "result": result,
        "criteria": criteria,
        "what_if": what_if,
        "errors": errors,
    }
