"""The programme evaluation engine: no Django, numpy/scipy only.

Panel in (`build_panel`), estimates out (`evaluate`), as JSON or CSV rows (`report`).
See docs/methodology/evaluation.md.
"""

from .errors import MESSAGES, EvaluationInputError
from .evaluate import METHOD_VERSION, Evaluation, Settings, evaluate
from .panel import NEVER, Panel, build_panel, validate

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
