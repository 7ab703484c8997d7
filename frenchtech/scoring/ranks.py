"""Ranks from scores."""

import numpy as np

from frenchtech.scoring.electre_tri import CUTTING_LEVEL_TOLERANCE

# Scores closer than this are tied: the slack ELECTRE TRI-B gives its cutting level, so that
# two mathematically equal scores computed along different paths (a sum in another order:
# one unit in the last place apart) share a rank. Scaled by the score above 1 in size.
RANK_TOLERANCE = CUTTING_LEVEL_TOLERANCE


def tie_margin(scores, tolerance: float = RANK_TOLERANCE):
    """How much higher than each score another must be to rank before it."""
    return tolerance * np.maximum(1.0, np.abs(scores))


def competition_ranks(scores: np.ndarray, tolerance: float = RANK_TOLERANCE) -> np.ndarray:
    """Rank 1 = best (highest score) along the last axis; scores within the tolerance of
    each other share the best rank.

    "Competition" ranking (1, 2, 2, 4): rank = 1 + the number of scores higher by more than
    `tolerance` × max(1, |score|). Scores must be finite. Sorting keeps it O(n log n) per
    row, so a batch of (draws, alternatives) is ranked in one call.
    """
    scores = np.asarray(scores, dtype=float)
    count = scores.shape[-1]
    thresholds = scores + tie_margin(scores, tolerance)
    # For each threshold, the number of scores of its row not above it: sort the scores and
    # the thresholds of a row together, a score before a threshold equal to it (a stable
    # sort of [scores, thresholds]), and count the scores before each threshold.
    both = np.concatenate([scores, thresholds], axis=-1)
    order = np.argsort(both, axis=-1, kind="stable")
    is_score = order < count
    scores_so_far = np.cumsum(is_score, axis=-1)
    not_above = np.empty(both.shape, dtype=np.int64)
    np.put_along_axis(not_above, order, scores_so_far, axis=-1)
    return 1 + count - not_above[..., count:]
