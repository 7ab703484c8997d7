"""The synthetic control of one labelled EPCI, ready for its template (labels profile)."""

from django.utils.formats import number_format

from frenchtech.evaluation import exports
from frenchtech.evaluation.results import Outcome
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.web.evaluation.charts import effect_label, synthetic_control_chart
from frenchtech.web.evaluation.views import p_value_label


def synthetic_control(outcome: Outcome, epci_code: str) -> dict | None:
    """The labelled EPCI's synthetic control on `outcome`'s indicator, or None."""
    if outcome.evaluation is None:
        return None
    found = next((c for c in outcome.evaluation.synthetic_controls if c.unit == epci_code), None)
    if found is None:
        return None
    document = exports.document(outcome)["evaluation"]
    control = next(c for c in document["synthetic_controls"] if c["unit"] == epci_code)
    scale = document["scale"]
    unit = str(CATALOGUE[outcome.indicator].unit)
    return {
        "unit": epci_code,
        "name": control["name"],
        "group": control["group"],
        "relative": scale == "relative",
        "chart": synthetic_control_chart(control["series"], control["group"], scale),
        "effect": effect_label(control["effect"], scale, unit),
        "p_value": p_value_label(control["p_value"]),
        "placebos": control["placebos"],
        "donors": [
            {
                "unit": donor["unit"],
                "name": donor["name"],
                "weight": number_format(donor["weight"], decimal_pos=3, use_l10n=True),
            }
            for donor in control["donors"]
        ],
    }
