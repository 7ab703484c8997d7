"""`{% synthetic_control_section epci %}`: the evaluation's section on a labelled ecosystem's
public page (its synthetic control on digital company creations), so that the labels page
needs no change in its view."""

from django import template

from frenchtech.evaluation.results import evaluation_for
from frenchtech.observatory.catalogue import CATALOGUE, DEFAULT_INDICATOR
from frenchtech.web.evaluation import display

register = template.Library()


@register.inclusion_tag("web/evaluation/includes/profile_section.html")
def synthetic_control_section(epci, indicator: str = DEFAULT_INDICATOR):
    outcome = evaluation_for(indicator)
    return {
        "control": display.synthetic_control(outcome, epci.code),
        "info": CATALOGUE[indicator],
        "snapshot": outcome.snapshot,
        "error": outcome.error,
        "epci": epci,
    }
