"""ELECTRE TRI-B: sorting alternatives into ordered categories bounded by reference profiles.

Every array here is *oriented*: on each criterion more is better (a criterion to minimise is
negated beforehand, thresholds unchanged). Categories are ordered worst → best: with k
categories C_1 … C_k there are k − 1 profiles b_1 … b_{k−1}, b_h being the upper limit of
C_h and the lower limit of C_{h+1}. Category indexes returned are 0-based (0 = worst).

Formulas (Roy & Bouyssou 1993; Mousseau, Słowiński & Zielniewicz 2000), with the shortfall
Δ_j = g_j(y) − g_j(x) of x against y on criterion j:

* partial concordance c_j(x, y) = 1 if Δ_j ≤ q_j, 0 if Δ_j ≥ p_j, (p_j − Δ_j)/(p_j − q_j) between;
* global concordance C(x, y) = Σ_j w_j c_j(x, y) / Σ_j w_j;
* discordance d_j(x, y) = 0 if Δ_j ≤ p_j, 1 if Δ_j ≥ v_j, (Δ_j − p_j)/(v_j − p_j) between
  (no veto threshold: d_j = 0);
* credibility σ(x, y) = C(x, y) · Π_{j: d_j(x,y) > C(x,y)} (1 − d_j(x, y)) / (1 − C(x, y));
* x outranks y (x S y) when σ(x, y) ≥ λ.

Assignment of a: pessimistic (pseudo-conjunctive): the highest h with a S b_h gives C_{h+1}
(C_1 if none); optimistic (pseudo-disjunctive): the lowest h with b_h ≻ a (b_h S a and not
a S b_h) gives C_h (C_k if none).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.weights import normalise_weights

RULES = ("pessimistic", "optimistic")
PROFILE_SEPARATIONS = ("dominance", "preference")
# σ ≥ λ is tested with this slack so that an exact tie (σ = λ, common with round weights and
# committee scores) is not decided by floating-point rounding, e.g. after rescaling weights.
CUTTING_LEVEL_TOLERANCE = 1e-9
# A discordance lowers σ only when it exceeds C by more than this: with C = 1 up to rounding
# (0.9999999999999999 after rescaling the weights) a veto must not suddenly force σ to 0.
DISCORDANCE_TOLERANCE = 1e-9
CUTTING_LEVEL_RANGE = (0.5, 1.0)


@dataclass(frozen=True)
class Thresholds:
    """Per-criterion indifference q, preference p and veto v (inf: no veto), 0 ≤ q ≤ p ≤ v."""

    indifference: np.ndarray
    preference: np.ndarray
    veto: np.ndarray

    @classmethod
    def build(
        cls,
        indifference: Sequence[float],
        preference: Sequence[float],
        veto: Sequence[float | None] | None = None,
        ids: Sequence[str] | None = None,
    ) -> "Thresholds":
        """Check and pack thresholds; a veto of None means no veto on that criterion."""
        q = np.asarray(indifference, dtype=float)
        p = np.asarray(preference, dtype=float)
        count = q.size
        if veto is None:
            veto = [None] * count
        v = np.array([np.inf if value is None else float(value) for value in veto])
        names = list(ids) if ids is not None else [f"#{index + 1}" for index in range(count)]
        if not (p.size == v.size == len(names) == count):
            raise ModelError("thresholds: one q, p and v per criterion are needed")
        for name, low, high, stop in zip(names, q, p, v, strict=True):
            if not (np.isfinite(low) and np.isfinite(high)) or np.isnan(stop):
                raise ModelError(f"criterion {name!r}: q and p must be finite numbers")
            if low < 0:
                raise ModelError(f"criterion {name!r}: q must not be negative (got {low:g})")
            if low > high:
                raise ModelError(
                    f"criterion {name!r}: q ({low:g}) must not be greater than p ({high:g})"
                )
            if stop < high:
                raise ModelError(
                    f"criterion {name!r}: v ({stop:g}) must not be smaller than p ({high:g})"
                )
        return cls(q, p, v)


def partial_concordance(
    advantage: np.ndarray, indifference: np.ndarray, preference: np.ndarray
) -> np.ndarray:
    """c_j(x, y) from the advantage g_j(x) − g_j(y) (criteria on the last axis)."""
    shortfall = -np.asarray(advantage, dtype=float)
    band = preference - indifference
    linear = (preference - shortfall) / np.where(band > 0, band, 1.0)
    return np.where(shortfall <= indifference, 1.0, np.where(shortfall >= preference, 0.0, linear))


def discordance(advantage: np.ndarray, preference: np.ndarray, veto: np.ndarray) -> np.ndarray:
    """d_j(x, y) from the advantage g_j(x) − g_j(y); 0 everywhere for a criterion without veto."""
    shortfall = -np.asarray(advantage, dtype=float)
    band = veto - preference
    # band is inf without a veto: the linear part is then 0, never reached anyway.
    linear = (shortfall - preference) / np.where(band > 0, band, 1.0)
    return np.where(shortfall <= preference, 0.0, np.where(shortfall >= veto, 1.0, linear))


def credibility(concordance: np.ndarray, discordances: np.ndarray) -> np.ndarray:
    """σ = C · Π_{j: d_j > C} (1 − d_j)/(1 − C); `discordances` has criteria on the last axis.

    "d_j > C" is read as d_j > C + DISCORDANCE_TOLERANCE.
    """
    concordance = np.asarray(concordance, dtype=float)
    level = concordance[..., None]
    lowering = discordances > level + DISCORDANCE_TOLERANCE
    # Where lowering holds, C < d_j ≤ 1 so 1 − C > 0: the guarded division is exact.
    factors = np.where(lowering, (1.0 - discordances) / np.where(lowering, 1.0 - level, 1.0), 1.0)
    return concordance * factors.prod(axis=-1)


def outranks(credibility_values: np.ndarray, cutting_level) -> np.ndarray:
    """x S y ⇔ σ(x, y) ≥ λ (with CUTTING_LEVEL_TOLERANCE slack); λ broadcasts."""
    return credibility_values >= np.asarray(cutting_level) - CUTTING_LEVEL_TOLERANCE


def assign_pessimistic(alternative_outranks_profile: np.ndarray) -> np.ndarray:
    """0-based category: 1 + highest profile index h with a S b_h, or 0 (profiles on last axis)."""
    count = alternative_outranks_profile.shape[-1]
    # A loop over the few profiles beats a reduction along a short last axis; going up, the
    # last profile outranked wins.
    category = np.zeros(alternative_outranks_profile.shape[:-1], dtype=np.int64)
    for profile in range(count):
        category = np.where(alternative_outranks_profile[..., profile], profile + 1, category)
    return category


def assign_optimistic(
    alternative_outranks_profile: np.ndarray, profile_outranks_alternative: np.ndarray
) -> np.ndarray:
    """0-based category: lowest profile index h with b_h ≻ a, or k − 1 when there is none."""
    count = alternative_outranks_profile.shape[-1]
    profile_preferred = profile_outranks_alternative & ~alternative_outranks_profile
    # Going down, the last (lowest) profile preferred to a wins.
    category = np.full(profile_preferred.shape[:-1], count, dtype=np.int64)
    for profile in range(count - 1, -1, -1):
        category = np.where(profile_preferred[..., profile], profile, category)
    return category


def check_cutting_level(cutting_level: float, name: str = "lambda") -> None:
    """λ must lie in [0.5, 1]: below 0.5 a and b could outrank each other by a minority."""
    low, high = CUTTING_LEVEL_RANGE
    if not (isinstance(cutting_level, int | float) and low <= cutting_level <= high):
        raise ModelError(f"{name} must be a number between {low:g} and {high:g}")


def check_profiles(
    profiles: np.ndarray,
    thresholds: Thresholds,
    separation: str = "dominance",
    profile_ids: Sequence[str] | None = None,
    criterion_ids: Sequence[str] | None = None,
) -> None:
    """Check that oriented profiles are ordered worst → best.

    `dominance` (always required): b_{h+1} is strictly better than b_h on every criterion.
    `preference` (stricter, optional): on every criterion the gap is at least 2·p_j, i.e.
    g_j(b_{h+1}) − p_j ≥ g_j(b_h) + p_j, so no alternative can be weakly preferred to b_{h+1}
    on j while b_h is weakly preferred to it (Roy & Bouyssou's separation condition with
    constant thresholds).
    """
    if separation not in PROFILE_SEPARATIONS:
        raise ModelError(f"profile_separation must be one of {', '.join(PROFILE_SEPARATIONS)}")
    count, criteria = profiles.shape
    profile_ids = list(profile_ids or [f"#{index + 1}" for index in range(count)])
    criterion_ids = list(criterion_ids or [f"#{index + 1}" for index in range(criteria)])
    for lower in range(count - 1):
        gaps = profiles[lower + 1] - profiles[lower]
        for column, gap in enumerate(gaps):
            below, above = profile_ids[lower], profile_ids[lower + 1]
            criterion = criterion_ids[column]
            if not gap > 0:
                raise ModelError(
                    f"profiles {below!r} and {above!r} are not ordered on criterion "
                    f"{criterion!r}: {above!r} must be strictly better than {below!r} "
                    "(profiles are listed worst first)",
                    code="profiles_not_ordered",
                    criterion=criterion,
                )
            needed = 2 * thresholds.preference[column]
            if separation == "preference" and gap < needed:
                raise ModelError(
                    f"profiles {below!r} and {above!r} are too close on criterion "
                    f"{criterion!r}: the gap ({gap:g}) must be at least 2·p ({needed:g})"
                )


@dataclass(frozen=True)
class Outranking:
    """Comparisons of every alternative a with every profile b (shapes n × K [× m])."""

    concordance_alternative_profile: np.ndarray
    concordance_profile_alternative: np.ndarray
    discordance_alternative_profile: np.ndarray
    discordance_profile_alternative: np.ndarray
    global_concordance_alternative_profile: np.ndarray
    global_concordance_profile_alternative: np.ndarray
    credibility_alternative_profile: np.ndarray
    credibility_profile_alternative: np.ndarray


def compare_with_profiles(
    performance: np.ndarray, profiles: np.ndarray, weights: np.ndarray, thresholds: Thresholds
) -> Outranking:
    """All concordances, discordances and credibilities between alternatives and profiles.

    `weights` must already sum to 1.
    """
    advantage = performance[:, None, :] - profiles[None, :, :]
    q, p, v = thresholds.indifference, thresholds.preference, thresholds.veto
    concordance_ab = partial_concordance(advantage, q, p)
    concordance_ba = partial_concordance(-advantage, q, p)
    discordance_ab = discordance(advantage, p, v)
    discordance_ba = discordance(-advantage, p, v)
    global_ab = concordance_ab @ weights
    global_ba = concordance_ba @ weights
    return Outranking(
        concordance_ab,
        concordance_ba,
        discordance_ab,
        discordance_ba,
        global_ab,
        global_ba,
        credibility(global_ab, discordance_ab),
        credibility(global_ba, discordance_ba),
    )


@dataclass(frozen=True)
class ElectreTriOutcome:
    """Categories (0-based, 0 = worst) under both rules, and what decided them.

    `deciding_profile[i]` is the profile whose comparison fixed the category: pessimistic,
    the profile a outranks (the category's lower limit), or b_1 for the worst category;
    optimistic, the first profile preferred to a (the category's upper limit), or the
    highest profile for the best category.
    """

    rule: str
    cutting_level: float
    weights: np.ndarray
    assignments: np.ndarray
    pessimistic: np.ndarray
    optimistic: np.ndarray
    deciding_profile: np.ndarray
    outranking: Outranking

    @property
    def weighted_concordance(self) -> np.ndarray:
        """w_j·c_j(a, b_h) (n × K × m): each criterion's share of C(a, b_h)."""
        return self.outranking.concordance_alternative_profile * self.weights

    def to_dict(self) -> dict:
        outranking = self.outranking
        return {
            "rule": self.rule,
            "lambda": self.cutting_level,
            "weights": self.weights.tolist(),
            "assignments": self.assignments.tolist(),
            "pessimistic": self.pessimistic.tolist(),
            "optimistic": self.optimistic.tolist(),
            "deciding_profile": self.deciding_profile.tolist(),
            "credibility_alternative_profile": outranking.credibility_alternative_profile.tolist(),
            "credibility_profile_alternative": outranking.credibility_profile_alternative.tolist(),
            "weighted_concordance": self.weighted_concordance.tolist(),
            "discordance": outranking.discordance_alternative_profile.tolist(),
        }


def electre_tri_b(
    performance: np.ndarray,
    profiles: np.ndarray,
    weights: Sequence[float],
    thresholds: Thresholds,
    cutting_level: float,
    rule: str = "pessimistic",
) -> ElectreTriOutcome:
    """Sort oriented alternatives (n × m) with oriented profiles (K × m, worst first).

    Each alternative's category depends only on its own values and the profiles.
    """
    performance = np.asarray(performance, dtype=float)
    profiles = np.asarray(profiles, dtype=float)
    if rule not in RULES:
        raise ModelError(f"rule must be one of {', '.join(RULES)}")
    check_cutting_level(cutting_level)
    if performance.ndim != 2 or profiles.ndim != 2 or profiles.shape[1] != performance.shape[1]:
        raise ModelError("performance (n × m) and profiles (K × m) need the same criteria")
    check_profiles(profiles, thresholds)
    normalised = normalise_weights(weights)
    outranking = compare_with_profiles(performance, profiles, normalised, thresholds)
    ab = outranks(outranking.credibility_alternative_profile, cutting_level)
    ba = outranks(outranking.credibility_profile_alternative, cutting_level)
    pessimistic = assign_pessimistic(ab)
    optimistic = assign_optimistic(ab, ba)
    last_profile = profiles.shape[0] - 1
    if rule == "pessimistic":
        assignments, deciding = pessimistic, np.maximum(pessimistic - 1, 0)
    else:
        assignments, deciding = optimistic, np.minimum(optimistic, last_profile)
    return ElectreTriOutcome(
        rule, cutting_level, normalised, assignments, pessimistic, optimistic, deciding, outranking
    )
