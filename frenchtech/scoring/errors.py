"""Errors the scoring engine raises on bad input; each message names the faulty item."""


class ScoringError(ValueError):
    """Base class: an input the user can fix (model file or performance table)."""


class ModelError(ScoringError):
    """The evaluation model is invalid (method, criteria, weights, thresholds, profiles...)."""


class PerformanceTableError(ScoringError):
    """The performance table is invalid (header, alternatives, cells)."""
