"""Shared by the evaluation tests: the real pool's populations and seeded panels."""

import functools
from pathlib import Path

import numpy as np

from frenchtech.evaluation.engine.simulation import (
    load_populations,
    real_waves,
    simulate_panel,
)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "territories"
PANELS = 50


@functools.cache
def populations() -> dict[str, int]:
    """The default pool: métropoles, CU and CA of 50 000 inhabitants or more."""
    return load_populations(REFERENCE)


@functools.cache
def large_populations() -> dict[str, int]:
    """Métropoles and communautés urbaines only: a pool where most units get a label."""
    return load_populations(REFERENCE, kinds=("metropole", "communaute_urbaine"), floor=0)


def panels(effect=0.0, count=PANELS, **options):
    """`count` seeded panels with the first two real waves labelled."""
    for seed in range(count):
        yield simulate_panel(populations(), real_waves(), effect=effect, seed=seed, **options)


def three_waves() -> dict[str, int]:
    """Métropoles and CU in three waves of eight (2010, 2014, 2018), a fixed draw."""
    codes = sorted(large_populations(), key=lambda code: -large_populations()[code])
    order = [codes[i] for i in np.random.default_rng(1).permutation(len(codes))]
    return {
        **dict.fromkeys(order[:8], 2010),
        **dict.fromkeys(order[8:16], 2014),
        **dict.fromkeys(order[16:24], 2018),
    }
