"""The programme evaluation engine: no Django, numpy/scipy only.

Panel in (`build_panel`), estimates out (`evaluate`), as JSON or CSV rows (`report`).
See docs/methodology/evaluation.md.
"""

from frenchtech.evaluation.engine.errors import MESSAGES, EvaluationInputError
from frenchtech.evaluation.engine.evaluate import METHOD_VERSION, Evaluation, Settings, evaluate
from frenchtech.evaluation.engine.panel import NEVER, Panel, build_panel, validate

__all__ = [
    "MESSAGES",
    "METHOD_VERSION",
    "NEVER",
    "Evaluation",
    "EvaluationInputError",
    "Panel",
    "Settings",
    "build_panel",
    "evaluate",
    "validate",
]
