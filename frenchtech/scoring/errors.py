"""Errors the scoring engine raises on bad input; each message names the faulty item.

The message is the engine's own (English, for the command line and logs). Screens show
people a translated message chosen by `code` (a stable slug) with `params` (the faulty
item): `frenchtech/committee/engine_messages.py`."""


class ScoringError(ValueError):
    """Base class: an input the user can fix (model file or performance table)."""

    default_code = "invalid_input"

    def __init__(self, message: str = "", *, code: str | None = None, **params):
        super().__init__(message)
        self.code = code or self.default_code
        self.params = params


class ModelError(ScoringError):
    """The evaluation model is invalid (method, criteria, weights, thresholds, profiles...)."""

    default_code = "invalid_model"


class PerformanceTableError(ScoringError):
    """The performance table is invalid (header, alternatives, cells)."""

    default_code = "invalid_table"
