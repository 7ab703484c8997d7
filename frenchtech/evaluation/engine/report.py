"""An evaluation as a JSON document and as long CSV rows (docs/methodology/evaluation.md).

On the relative scale, effects are published in percent: 100·(exp(θ) − 1) for estimates
and band ends; standard errors stay on the estimation scale (log-ratio). On the level scale,
everything is in the indicator's unit. Synthetic-control series are indices (100 = the
EPCI's mean over the years before its label) on the relative scale.
"""

import math

from frenchtech.evaluation.engine.aggregation import Band
from frenchtech.evaluation.engine.evaluate import Evaluation

ROW_FIELDS = (
    "section",
    "control",
    "group",
    "year",
    "event_time",
    "unit",
    "donor",
    "estimate",
    "standard_error",
    "lower",
    "upper",
    "uniform_lower",
    "uniform_upper",
    "p_value",
    "weight",
    "series_actual",
    "series_synthetic",
)


def effect(value: float | None, scale: str) -> float | None:
    """An estimate as published: percent on the relative scale."""
    if value is None or not math.isfinite(value):
        return None
    return 100.0 * math.expm1(value) if scale == "relative" else value


def _finite(value):
    return value if value is not None and math.isfinite(value) else None


def band(item: Band | None, scale: str) -> dict | None:
    if item is None:
        return None
    return {
        "estimate": effect(item.estimate, scale),
        "standard_error": _finite(item.standard_error),
        "lower": effect(item.lower, scale),
        "upper": effect(item.upper, scale),
        "uniform_lower": effect(item.uniform_lower, scale),
        "uniform_upper": effect(item.uniform_upper, scale),
        "p_value": _finite(item.p_value),
    }


def _series(value: float, scale: str) -> float | None:
    return _finite(100.0 * value if scale == "relative" else value)


def to_dict(evaluation: Evaluation) -> dict:
    """The JSON document of one evaluation."""
    scale = evaluation.scale
    estimates = {}
    for control, found in evaluation.estimates.items():
        estimates[control] = {
            "overall": band(found.overall, scale),
            "by_group": [{"group": g, **band(b, scale)} for g, b in sorted(found.by_group.items())],
            "event_study": [
                {"event_time": e, **band(b, scale)} for e, b in sorted(found.event_study.items())
            ],
            "group_time": [
                {
                    **{k: v for k, v in cell.items() if k != "band"},
                    **band(cell["band"], scale),
                }
                for cell in found.group_time
            ],
            "pre_trend": None
            if found.pre_trend is None
            else {
                "leads": found.pre_trend.leads,
                "statistic": _finite(found.pre_trend.statistic),
                "p_value": _finite(found.pre_trend.p_value),
                "rejected": found.pre_trend.rejected,
            },
        }
    twfe = evaluation.twfe
    return {
        "method_version": evaluation.version,
        "scale": scale,
        "effect_unit": "percent" if scale == "relative" else "indicator",
        "first_year": evaluation.first_year,
        "last_year": evaluation.last_year,
        "units": evaluation.units,
        "never_labelled": evaluation.never_labelled,
        "groups": [{"year": g, "units": units} for g, units in evaluation.groups.items()],
        "few_labelled": evaluation.few_labelled,
        "dropped": list(evaluation.dropped),
        "draws": evaluation.draws,
        "anticipation": evaluation.anticipation,
        "main_control": evaluation.main.control,
        "overall": band(evaluation.main.overall, scale),
        "estimates": estimates,
        "twfe": {
            "estimate": effect(twfe.estimate, scale),
            "standard_error": _finite(twfe.standard_error),
            "lower": effect(twfe.lower, scale),
            "upper": effect(twfe.upper, scale),
            "p_value": _finite(twfe.p_value),
            "observations": twfe.observations,
            "clusters": twfe.clusters,
        },
        "placebo": None
        if evaluation.placebo is None
        else {"lag": evaluation.placebo_lag, **band(evaluation.placebo, scale)},
        "synthetic_controls": [
            {
                "unit": control.unit,
                "group": control.group,
                "effect": effect(math.log1p(control.effect), scale)
                if scale == "relative"
                else _finite(control.effect),
                "pre_rmspe": _series(control.pre_rmspe, scale),
                "statistic": _finite(control.statistic),
                "p_value": control.p_value,
                "placebos": control.placebos,
                "donors": [{"unit": u, "weight": w} for u, w in control.donors.items()],
                "series": [
                    {
                        "year": int(year),
                        "actual": _series(a, scale),
                        "synthetic": _series(s, scale),
                    }
                    for year, a, s in zip(
                        control.years, control.actual, control.synthetic, strict=True
                    )
                ],
            }
            for control in evaluation.synthetic_controls
        ],
    }


def rows(evaluation: Evaluation) -> list[dict]:
    """The CSV rows of one evaluation: one per published figure (ROW_FIELDS)."""
    document = to_dict(evaluation)
    result = []

    def add(section, **values):
        result.append({name: values.get(name) for name in ROW_FIELDS} | {"section": section})

    for control, found in document["estimates"].items():
        add("overall", control=control, **found["overall"])
        for item in found["by_group"]:
            add("group", control=control, **item)
        for item in found["event_study"]:
            add("event_study", control=control, **item)
        for item in found["group_time"]:
            add("group_time", control=control, **item)
        if found["pre_trend"]:
            add(
                "pre_trend",
                control=control,
                estimate=found["pre_trend"]["statistic"],
                p_value=found["pre_trend"]["p_value"],
            )
    twfe = document["twfe"]
    add("twfe", **{k: twfe[k] for k in ("estimate", "standard_error", "lower", "upper", "p_value")})
    if document["placebo"]:
        add("placebo", **{k: v for k, v in document["placebo"].items() if k != "lag"})
    for control in document["synthetic_controls"]:
        unit = control["unit"]
        add(
            "synthetic_control",
            group=control["group"],
            unit=unit,
            estimate=control["effect"],
            p_value=control["p_value"],
        )
        for donor in control["donors"]:
            add(
                "donor",
                group=control["group"],
                unit=unit,
                donor=donor["unit"],
                weight=donor["weight"],
            )
        for point in control["series"]:
            add(
                "synthetic_series",
                group=control["group"],
                unit=unit,
                year=point["year"],
                series_actual=point["actual"],
                series_synthetic=point["synthetic"],
            )
    return result
