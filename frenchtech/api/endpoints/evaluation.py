"""Open data: the programme evaluation of one indicator on the latest published snapshot
(docs/methodology/evaluation.md; the CSV is at /evaluation/<indicator>/export.csv)."""

# Query(...) in defaults is how django-ninja declares query parameters.

from enum import Enum
from typing import Any, Literal

from django.http import Http404
from ninja import Query, Router, Schema

from frenchtech.evaluation import exports
from frenchtech.evaluation.pools import DEFAULT_POOL, POOLS
from frenchtech.evaluation.results import evaluation_for
from frenchtech.observatory.catalogue import CATALOGUE

router = Router(tags=["evaluation"])

# Enumerations, so that an unknown name is a 400 naming the parameter.
Indicator = Enum("Indicator", {name: name for name in CATALOGUE}, type=str)
PoolName = Literal[tuple(POOLS)]


class EvaluationError(Schema):
    code: str
    detail: str


class EvaluationDocument(Schema):
    indicator: str
    label: str
    unit: str
    pool: dict[str, Any]
    snapshot: dict[str, Any] | None
    synthetic: bool
    method_version: str
    error: EvaluationError | None
    labelled: list[dict[str, Any]]
    labelled_after_panel: list[str]
    labelled_outside_pool: list[str]
    evaluation: dict[str, Any] | None


class SyntheticControlDocument(Schema):
    indicator: str
    epci: str
    snapshot: dict[str, Any] | None
    synthetic: bool
    method_version: str
    scale: str
    effect_unit: str
    synthetic_control: dict[str, Any]


@router.get(
    "/{indicator}",
    response=EvaluationDocument,
    summary="Evaluation of the label on one indicator",
    description="Callaway & Sant'Anna group-time effects, event study, overall effect with "
    "bootstrap bands clustered by EPCI, two-way fixed effects, pre-trend test, placebo and "
    "a synthetic control per labelled EPCI. Effects in percent on the relative scale "
    "(counts, amounts), in the indicator's unit otherwise. `error` says why there is no "
    "evaluation (e.g. an indicator observed at the stock date only), with HTTP 200.",
)
def evaluation(
    request,
    indicator: Indicator,
    pool: PoolName = Query(DEFAULT_POOL, description="comparable (default) or all."),
):
    return exports.document(evaluation_for(Indicator(indicator).value, pool))


@router.get(
    "/{indicator}/synthetic-controls/{epci}",
    response=SyntheticControlDocument,
    summary="Synthetic control of one labelled EPCI",
    description="Actual and synthetic series, donor weights and the permutation p-value. "
    "404 when the EPCI has none (not labelled within the panel, or no evaluation).",
)
def synthetic_control(
    request,
    indicator: Indicator,
    epci: str,
    pool: PoolName = Query(DEFAULT_POOL, description="comparable (default) or all."),
):
    document = exports.document(evaluation_for(Indicator(indicator).value, pool))
    found = document["evaluation"] and next(
        (c for c in document["evaluation"]["synthetic_controls"] if c["unit"] == epci), None
    )
    if not found:
        raise Http404("no synthetic control for this EPCI")
    return {
        "indicator": document["indicator"],
        "epci": epci,
        "snapshot": document["snapshot"],
        "synthetic": document["synthetic"],
        "method_version": document["method_version"],
        "scale": document["evaluation"]["scale"],
        "effect_unit": document["evaluation"]["effect_unit"],
        "synthetic_control": found,
    }
