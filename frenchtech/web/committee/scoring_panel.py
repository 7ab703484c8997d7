"""The scoring engine's panel on a committee page: results, and a what-if with other weights
(GET only: nothing is saved)."""

from django.utils.translation import gettext as _

from frenchtech.committee.engine_messages import criterion_label, engine_message
from frenchtech.committee.enums import OUTCOME_FOR_CATEGORY, Outcome
from frenchtech.committee.evaluation import LABELLED, run, with_weights
from frenchtech.committee.models import EvaluationModel
from frenchtech.committee.performance import performance_rows
from frenchtech.core.numbers import amount, figure
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.scoring.errors import ScoringError


def _category_label(category: str) -> str:
    outcome = OUTCOME_FOR_CATEGORY.get(category)
    return str(Outcome(outcome).label) if outcome else category


def _shape(result, labels: dict) -> dict | None:
    if result is None:
        return None
    return {
        "computed": result.computed,
        "missing": [labels.get(c, c) for c in result.missing],
        "category": result.category,
        "category_label": _category_label(result.category) if result.category else "",
        # Only a result that labels was "carried" by its criteria; otherwise they are its
        # strongest points, not enough.
        "positive": result.category == LABELLED,
        "probability": None
        if result.probability_labelled is None
        else round(100 * result.probability_labelled),
        "acceptability": [
            {"label": _category_label(name), "percent": round(100 * share)}
            for name, share in result.acceptability.items()
        ],
        "carried_by": [
            {"label": labels.get(c, c), "percent": round(100 * share)}
            for c, share in result.carried_by
        ],
        "vetoes": [labels.get(c, c) for c in result.vetoes],
    }


def _label(criterion) -> str:
    return criterion_label(criterion["id"], criterion.get("label"))


def value_text(criterion_id: str, value) -> str:
    """A criterion's value for people: euros for an amount, else the number."""
    if value is None:
        return "—"
    info = CATALOGUE.get(criterion_id)
    if info is not None and info.kind == "amount":
        return amount(round(value))
    return figure(value)


def panel(round_, application, query) -> dict:
    evaluation = EvaluationModel.objects.filter(call_id=round_.call_id).first()
    if evaluation is None:
        return {"configured": False}
    definition, sources = evaluation.definition, evaluation.review_sources
    rows = performance_rows(round_, [application], definition, sources)
    labels = {c["id"]: _label(c) for c in definition["criteria"]}
    model_labels = {c["id"]: c.get("label", c["id"]) for c in definition["criteria"]}
    figures = published.territory_figures("epci", application.consortium.territory_id).figures
    weights, errors = {}, []
    try:
        result = _shape(run(definition, sources, rows)[application.pk], labels)
    except ScoringError as error:
        result = None
        errors.append(engine_message(error, model_labels))
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
        found = figures.get(criterion["id"])
        year = found.year if found is not None and value is not None else None
        criteria.append(
            {
                "id": criterion["id"],
                "field": key,
                "label": labels[criterion["id"]],
                "source": _("moyenne des avis remis")
                if criterion["id"] in sources
                else _("observatoire"),
                "year": year,
                "weight": criterion["weight"],
                "what_if_weight": weights.get(criterion["id"], criterion["weight"]),
                "value": value,
                "value_text": value_text(criterion["id"], value),
            }
        )
    what_if = None
    if weights and not errors:
        try:
            what_if = _shape(
                run(with_weights(definition, weights), sources, rows)[application.pk], labels
            )
        except ScoringError as error:
            errors.append(engine_message(error, model_labels))
    return {
        "configured": True,
        "preset": evaluation.preset,
        "result": result,
        "criteria": criteria,
        "what_if": what_if,
        "errors": errors,
        "observatory_ids": [c["id"] for c in definition["criteria"] if c["id"] not in sources],
    }
