"""ELECTRE TRI-B written literally, one number at a time, to check the vectorised engine.

Nothing here is shared with `frenchtech.scoring` except the two documented tolerances (on λ,
and on "d_j > C"): the formulas are re-typed from the textbook definitions on purpose.
"""

from frenchtech.scoring.electre_tri import CUTTING_LEVEL_TOLERANCE, DISCORDANCE_TOLERANCE


def concordance_one(x: float, y: float, q: float, p: float) -> float:
    shortfall = y - x
    if shortfall <= q:
        return 1.0
    if shortfall >= p:
        return 0.0
    return (p - shortfall) / (p - q)


def discordance_one(x: float, y: float, p: float, v: float | None) -> float:
    if v is None:
        return 0.0
    shortfall = y - x
    if shortfall <= p:
        return 0.0
    if shortfall >= v:
        return 1.0
    return (shortfall - p) / (v - p)


def credibility_loop(x, y, weights, q, p, v) -> float:
    total = sum(weights)
    concordance = 0.0
    for j in range(len(weights)):
        concordance += weights[j] * concordance_one(x[j], y[j], q[j], p[j])
    concordance /= total
    sigma = concordance
    for j in range(len(weights)):
        d = discordance_one(x[j], y[j], p[j], v[j])
        if d > concordance + DISCORDANCE_TOLERANCE:
            sigma *= (1 - d) / (1 - concordance)
    return sigma


def outranks_loop(x, y, weights, q, p, v, cutting_level) -> bool:
    return credibility_loop(x, y, weights, q, p, v) >= cutting_level - CUTTING_LEVEL_TOLERANCE


def assign_loop(alternative, profiles, weights, q, p, v, cutting_level, rule) -> int:
    """0-based category of one alternative (oriented values, profiles worst first)."""
    count = len(profiles)
    if rule == "pessimistic":
        for h in range(count - 1, -1, -1):
            if outranks_loop(alternative, profiles[h], weights, q, p, v, cutting_level):
                return h + 1
        return 0
    for h in range(count):
        profile_over = outranks_loop(profiles[h], alternative, weights, q, p, v, cutting_level)
        alternative_over = outranks_loop(alternative, profiles[h], weights, q, p, v, cutting_level)
        if profile_over and not alternative_over:
            return h
    return count
