"""Public evaluation pages: the list of indicators, one page per indicator, its CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.evaluation import exports
from frenchtech.evaluation.pools import DEFAULT_POOL, POOLS
from frenchtech.evaluation.results import Outcome, evaluation_for
from frenchtech.observatory.catalogue import CATALOGUE, VERSION
from frenchtech.web.evaluation.charts import effect_label, event_study_chart

# Observed at the stock date only: no panel until several snapshots are kept.
STOCK_ONLY = ("digital_active_companies", "digital_employer_companies", "digital_scaleups")


def p_value_label(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.001:
        return "< " + number_format(0.001, decimal_pos=3, use_l10n=True)
    return number_format(value, decimal_pos=3, use_l10n=True)


def _pool(request) -> str:
    name = request.GET.get("pool", DEFAULT_POOL)
    return name if name in POOLS else DEFAULT_POOL


def _band(band: dict | None, scale: str, unit: str) -> dict | None:
    if band is None:
        return None
    return {
        "estimate": effect_label(band["estimate"], scale, unit),
        "lower": effect_label(band["lower"], scale, unit),
        "upper": effect_label(band["upper"], scale, unit),
        "uniform_lower": effect_label(band.get("uniform_lower"), scale, unit),
        "uniform_upper": effect_label(band.get("uniform_upper"), scale, unit),
        "p_value": p_value_label(band.get("p_value")),
        "covers_zero": band["lower"] is not None
        and band["upper"] is not None
        and band["lower"] <= 0 <= band["upper"],
    }


def evaluation_context(outcome: Outcome) -> dict:
    """What the indicator page shows (also the synthetic-control section's source)."""
    info = CATALOGUE[outcome.indicator]
    document = exports.document(outcome)
    evaluation = document["evaluation"]
    context = {
        "info": info,
        "outcome": outcome,
        "document": document,
        "pool": POOLS[outcome.pool],
        "pools": POOLS.values(),
        "snapshot": outcome.snapshot,
        "version": VERSION,
        "evaluation": evaluation,
        "labelled": document["labelled"],
        "labelled_after": [outcome.name(c) for c in outcome.labelled_after],
        "outside_pool": [outcome.name(c) for c in outcome.outside_pool],
    }
    if evaluation is None:
        return context
    scale, unit = evaluation["scale"], str(info.unit)
    main = evaluation["estimates"][evaluation["main_control"]]
    reference = -1 - evaluation["anticipation"]
    rows = [dict(r) for r in main["event_study"]]
    rows.append(
        {
            "event_time": reference,
            "estimate": 0.0,
            "lower": None,
            "upper": None,
            "uniform_lower": None,
            "uniform_upper": None,
            "p_value": None,
            "reference": True,
        }
    )
    rows.sort(key=lambda r: r["event_time"])
    context.update(
        {
            "scale": scale,
            "chart": event_study_chart(rows, scale, unit),
            "event_rows": [
                {
                    "event_time": r["event_time"],
                    "reference": r.get("reference", False),
                    **_band(r, scale, unit),
                }
                for r in rows
            ],
            "overall": _band(main["overall"], scale, unit),
            "main_control": evaluation["main_control"],
            "other_overall": {
                control: _band(found["overall"], scale, unit)
                for control, found in evaluation["estimates"].items()
                if control != evaluation["main_control"]
            },
            "by_group": [
                {"group": item["group"], **_band(item, scale, unit)} for item in main["by_group"]
            ],
            "twfe": _band(evaluation["twfe"], scale, unit),
            "placebo": _band(evaluation["placebo"], scale, unit),
            "placebo_lag": evaluation["placebo"]["lag"] if evaluation["placebo"] else None,
            "pre_trend": main["pre_trend"],
            "pre_trend_p": p_value_label(main["pre_trend"]["p_value"])
            if main["pre_trend"]
            else None,
            "synthetic_controls": [
                {
                    "unit": control["unit"],
                    "name": control["name"],
                    "group": control["group"],
                    "effect": effect_label(control["effect"], scale, unit),
                    "p_value": p_value_label(control["p_value"]),
                    "placebos": control["placebos"],
                }
                for control in evaluation["synthetic_controls"]
            ],
        }
    )
    return context


@require_GET
def index(request):
    return render(
        request,
        "web/evaluation/index.html",
        {
            "title": _("Évaluation du label"),
            "indicators": [
                {"info": info, "stock_only": info.name in STOCK_ONLY} for info in CATALOGUE.values()
            ],
        },
    )


@require_GET
def indicator(request, name):
    if name not in CATALOGUE:
        raise Http404("unknown indicator")
    outcome = evaluation_for(name, _pool(request))
    context = evaluation_context(outcome)
    context["title"] = _("Évaluation du label : %(indicator)s") % {
        "indicator": CATALOGUE[name].label
    }
    return render(request, "web/evaluation/indicator.html", context)


@require_GET
def export_csv(request, name):
    if name not in CATALOGUE:
        raise Http404("unknown indicator")
    outcome = evaluation_for(name, _pool(request))
    synthetic = "-synthetic" if outcome.snapshot and outcome.snapshot.synthetic else ""
    response = HttpResponse(exports.csv_text(outcome), content_type="text/csv; charset=utf-8")
    filename = f"frenchtech-evaluation-{name}-{outcome.pool}{synthetic}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
