"""Assigning reviewers to applications: an integer program solved with HiGHS (SciPy).

Each application gets exactly `reviewers_per_application` members; no member reviews an
application they have a conflict of interest with; member loads are as even as the
conflicts allow (max load − min load minimised first); among the most even assignments,
the one with the greatest total expertise affinity is chosen.

Django-free: takes arrays, returns arrays, so it is tested and benchmarked alone.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


class AssignmentError(Exception):
    """The problem has no solution; the message says why, naming the application."""


@dataclass(frozen=True)
class Assignment:
    reviewers: list[list[int]]  # for each application, the indices of its members
    loads: np.ndarray  # for each member, the number of applications assigned

    @property
    def load_spread(self) -> int:
        return int(self.loads.max() - self.loads.min()) if len(self.loads) else 0


def assign_reviewers(
    conflicts: np.ndarray,
    reviewers_per_application: int,
    affinity: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
) -> Assignment:
    """Solve the assignment.

    `conflicts[a, m]` is True when member m may not review application a; `affinity[a, m]`
    (≥ 0) rewards expertise matches; `fixed[a, m]` True forces a pair chosen by hand.
    """
    conflicts = np.asarray(conflicts, dtype=bool)
    applications, members = conflicts.shape
    n = reviewers_per_application
    if n < 1:
        raise AssignmentError("at least one reviewer per application is needed")
    affinity = np.zeros(conflicts.shape) if affinity is None else np.asarray(affinity, float)
    fixed = np.zeros(conflicts.shape, bool) if fixed is None else np.asarray(fixed, bool)
    if (affinity < 0).any():
        raise AssignmentError("expertise affinities must be non-negative")
    for a in range(applications):
        free = int((~conflicts[a]).sum())
        if free < n:
            raise AssignmentError(
                f"application {a}: only {free} member(s) without a conflict, {n} needed"
            )
        if (fixed[a] & conflicts[a]).any():
            raise AssignmentError(f"application {a}: a reviewer fixed by hand has a conflict")
        if fixed[a].sum() > n:
            raise AssignmentError(f"application {a}: more than {n} reviewers fixed by hand")
    if applications == 0:
        return Assignment([], np.zeros(members, int))

    pairs = applications * members
    # Variables: x[a, m] (binary, row-major), then max_load, min_load (continuous).
    weight = affinity.sum() + 1.0  # one unit of spread outweighs all affinity
    objective = np.concatenate([-affinity.ravel(), [weight, -weight]])

    rows, rhs_low, rhs_high = [], [], []
    for a in range(applications):  # each application gets n reviewers
        row = np.zeros(pairs + 2)
        row[a * members : (a + 1) * members] = 1
        rows.append(row)
        rhs_low.append(n)
        rhs_high.append(n)
    for m in range(members):  # min_load ≤ load(m) ≤ max_load
        load = np.zeros(pairs + 2)
        load[m::members][:applications] = 1
        upper = load.copy()
        upper[pairs] = -1
        rows.append(upper)
        rhs_low.append(-np.inf)
        rhs_high.append(0)
        lower = load.copy()
        lower[pairs + 1] = -1
        rows.append(lower)
        rhs_low.append(0)
        rhs_high.append(np.inf)

    lower_bounds = np.concatenate([fixed.ravel().astype(float), [0, 0]])
    upper_bounds = np.concatenate(
        [(~conflicts).ravel().astype(float), [applications, applications]]
    )
    integrality = np.concatenate([np.ones(pairs), [0, 0]])
    result = milp(
        objective,
        constraints=LinearConstraint(np.array(rows), rhs_low, rhs_high),
        bounds=Bounds(lower_bounds, upper_bounds),
        integrality=integrality,
    )
    if not result.success:
        raise AssignmentError(f"no assignment satisfies the constraints ({result.message})")
    chosen = np.round(result.x[:pairs]).astype(int).reshape(applications, members)
    return Assignment(
        reviewers=[list(np.flatnonzero(chosen[a])) for a in range(applications)],
        loads=chosen.sum(axis=0),
    )
