"""Hypothesis strategies: random ELECTRE TRI-B problems with many ties and edge cases."""

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from frenchtech.scoring.electre_tri import Thresholds


@dataclass
class Problem:
    performance: np.ndarray  # n × m, oriented
    profiles: np.ndarray  # K × m, strictly increasing
    weights: list[float]
    q: list[float]
    p: list[float]
    v: list[float | None]
    cutting_level: float
    rule: str

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds.build(self.q, self.p, self.v)


# Half-units make ties with profiles and thresholds frequent; floats cover the rest.
halves = st.integers(0, 40).map(lambda value: value / 2)
any_value = st.one_of(halves, st.floats(0, 20, allow_nan=False, allow_infinity=False))


@st.composite
def problems(draw, max_alternatives: int = 6, max_criteria: int = 5, max_profiles: int = 3):
    criteria = draw(st.integers(1, max_criteria))
    profile_count = draw(st.integers(1, max_profiles))
    alternatives = draw(st.integers(1, max_alternatives))
    performance = np.array(
        [[draw(any_value) for _ in range(criteria)] for _ in range(alternatives)]
    )
    start = np.array([draw(halves) for _ in range(criteria)])
    steps = np.array(
        [[draw(st.integers(1, 12)) / 2 for _ in range(criteria)] for _ in range(profile_count)]
    )
    profiles = start + np.cumsum(steps, axis=0) - steps[0]
    weights = [float(draw(st.integers(0, 10))) for _ in range(criteria)]
    if sum(weights) == 0:
        weights[0] = 1.0
    q = [draw(st.integers(0, 4)) / 2 for _ in range(criteria)]
    p = [low + draw(st.integers(0, 4)) / 2 for low in q]
    v = [None if draw(st.booleans()) else high + draw(st.integers(0, 8)) / 2 for high in p]
    cutting_level = draw(
        st.one_of(st.sampled_from([0.5, 0.6, 0.7, 0.75, 0.8, 1.0]), st.floats(0.5, 1.0))
    )
    rule = draw(st.sampled_from(["pessimistic", "optimistic"]))
    return Problem(performance, profiles, weights, q, p, v, cutting_level, rule)
