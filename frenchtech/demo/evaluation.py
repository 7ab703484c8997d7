"""The demo's evaluation: computed once on the demo snapshot and labels, summarised."""

from frenchtech.evaluation.engine.report import effect
from frenchtech.evaluation.results import evaluation_for
from frenchtech.observatory.catalogue import DEFAULT_INDICATOR


def load() -> list[str]:
    outcome = evaluation_for(DEFAULT_INDICATOR)
    if outcome.evaluation is None:
        return [f"Evaluation: not available ({outcome.error_code})."]
    evaluation = outcome.evaluation
    band = evaluation.main.overall
    scale = evaluation.scale
    groups = ", ".join(
        f"{year}: {', '.join(outcome.name(code) for code in codes)}"
        for year, codes in evaluation.groups.items()
    )
    return [
        f"Evaluation (SYNTHETIC figures) of {DEFAULT_INDICATOR}: labelled {groups}; "
        f"overall effect {effect(band.estimate, scale):+.1f} % "
        f"[{effect(band.lower, scale):+.1f} %, {effect(band.upper, scale):+.1f} %] "
        f"(planted: +15 %); /evaluation/ shows every indicator."
    ]
