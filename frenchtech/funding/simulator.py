"""Allocation simulator: which candidate files to fund, within the envelope and ecosystem caps.

Objective (documented in docs/funding.md): maximise the money put to work weighted by the
committee's mark,

    maximise  Σ x_i · s_i · (a_i + p_i)
    subject to Σ a_i · x_i ≤ remaining envelope
               Σ_{i in ecosystem e} a_i · x_i ≤ cap_e   for every capped ecosystem e
               x_i ∈ {0, 1}  (a ticket is funded whole or not at all)

where a_i is the public amount asked, p_i the private co-investment and s_i the committee
mark / 100 (0.5 while unmarked). Solved exactly as a mixed-integer programme by HiGHS
through scipy.optimize.milp. Plain Python: no Django.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

UNMARKED_SCORE = 50


@dataclass(frozen=True)
class Candidate:
    key: int
    label: str
    consortium: str | None
    amount_cents: int
    private_cents: int
    score: int | None = None

    @property
    def weight(self) -> float:
        mark = UNMARKED_SCORE if self.score is None else self.score
        return mark / 100 * (self.amount_cents + self.private_cents)


@dataclass(frozen=True)
class Allocation:
    selected: frozenset[int]
    objective: float
    public_cents: int
    private_cents: int
    status: str


def propose(candidates: list[Candidate], remaining_cents: int, caps: dict[str, int]) -> Allocation:
    """The best selection under the constraints (empty when there is nothing to choose)."""
    if not candidates:
        return Allocation(frozenset(), 0.0, 0, 0, "no candidates")
    # Euros rather than cents keep the coefficients small for the solver's tolerances.
    amounts = np.array([c.amount_cents / 100 for c in candidates])
    weights = np.array([c.weight / 100 for c in candidates])
    rows, upper = [amounts], [remaining_cents / 100]
    for consortium, cap in sorted(caps.items()):
        mask = np.array([c.consortium == consortium for c in candidates], dtype=float)
        if mask.any():
            rows.append(amounts * mask)
            upper.append(cap / 100)
    result = milp(
        c=-weights,  # milp minimises
        constraints=LinearConstraint(np.vstack(rows), -np.inf, np.array(upper)),
        integrality=np.ones(len(candidates)),
        bounds=Bounds(0, 1),
    )
    if result.x is None:
        return Allocation(frozenset(), 0.0, 0, 0, result.message)
    chosen = [c for c, x in zip(candidates, result.x, strict=True) if x > 0.5]
    return Allocation(
        selected=frozenset(c.key for c in chosen),
        objective=sum(c.weight for c in chosen),
        public_cents=sum(c.amount_cents for c in chosen),
        private_cents=sum(c.private_cents for c in chosen),
        status="optimal" if result.success else result.message,
    )


def evaluate(candidates: list[Candidate], keys) -> Allocation:
    """The same measures for a given selection (the committee's own choices)."""
    chosen = [c for c in candidates if c.key in set(keys)]
    return Allocation(
        frozenset(c.key for c in chosen),
        sum(c.weight for c in chosen),
        sum(c.amount_cents for c in chosen),
        sum(c.private_cents for c in chosen),
        "committee",
    )
