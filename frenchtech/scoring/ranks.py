"""Ranks from scores."""

import numpy as np


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = best (highest score) along the last axis; equal scores share the best rank.

    "Competition" ranking (1, 2, 2, 4): rank = 1 + number of strictly higher scores. Sorting
    keeps it O(n log n) per row, so a batch of (draws, alternatives) is ranked in one call.
    """
    scores = np.asarray(scores, dtype=float)
    count = scores.shape[-1]
    order = np.argsort(-scores, axis=-1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=-1)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    positions = np.broadcast_to(np.arange(count), ordered.shape)
    # Within a run of equal scores every member takes the position of the run's first member.
    first_of_run = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    ranks = np.empty(scores.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first_of_run + 1, axis=-1)
    return ranks
