"""Benchmark: SMAA-TRI, vectorised engine against a plain Python loop.

Problem: 50 alternatives × 8 criteria × 2 profiles (3 categories), 100 000 draws of weights
(uniform on the simplex) and λ (uniform on [0.6, 0.9]), pessimistic rule, vetoes on three
criteria. The loop runs a smaller number of draws and is extrapolated linearly to 100 000
(its cost per draw is constant); on those draws both must give the same categories.

Run: .venv/bin/python bench/scoring_bench.py [--draws N] [--loop-draws N]
Writes bench/results/scoring-<YYYY-MM-DD>.json.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

from frenchtech.scoring import ENGINE_VERSION
from frenchtech.scoring.electre_tri import (
    CUTTING_LEVEL_TOLERANCE,
    DISCORDANCE_TOLERANCE,
    Thresholds,
)
from frenchtech.scoring.sampling import sample_cutting_levels, sample_uniform_simplex
from frenchtech.scoring.smaa_tri import smaa_tri

ALTERNATIVES, CRITERIA, PROFILES = 50, 8, 2
TARGET_SECONDS, TARGET_SPEEDUP = 1.0, 50.0
RESULTS = Path(__file__).parent / "results"


def problem(seed: int = 2013):
    rng = np.random.default_rng(seed)
    performance = rng.uniform(0, 100, (ALTERNATIVES, CRITERIA))
    profiles = np.array([np.full(CRITERIA, 35.0), np.full(CRITERIA, 65.0)])
    q = np.full(CRITERIA, 3.0)
    p = np.full(CRITERIA, 10.0)
    v = [40.0, 50.0, 60.0] + [None] * (CRITERIA - 3)
    return performance, profiles, Thresholds.build(q, p, v), (q.tolist(), p.tolist(), v)


# --- plain Python loop: one draw, one alternative, one profile, one criterion at a time -------


def credibility_loop(x, y, weights, q, p, v):
    concordance = 0.0
    for j in range(len(weights)):
        shortfall = y[j] - x[j]
        if shortfall <= q[j]:
            c = 1.0
        elif shortfall >= p[j]:
            c = 0.0
        else:
            c = (p[j] - shortfall) / (p[j] - q[j])
        concordance += weights[j] * c
    sigma = concordance
    for j in range(len(weights)):
        if v[j] is None:
            continue
        shortfall = y[j] - x[j]
        if shortfall <= p[j]:
            continue
        d = 1.0 if shortfall >= v[j] else (shortfall - p[j]) / (v[j] - p[j])
        if d > concordance + DISCORDANCE_TOLERANCE:
            sigma *= (1 - d) / (1 - concordance)
    return sigma


def smaa_tri_loop(performance, profiles, thresholds, weight_draws, levels):
    q, p, v = thresholds
    rows = performance.tolist()
    limits = profiles.tolist()
    counts = [[0] * (len(limits) + 1) for _ in rows]
    for weights, level in zip(weight_draws.tolist(), levels.tolist(), strict=True):
        for index, row in enumerate(rows):
            category = 0
            for h in range(len(limits) - 1, -1, -1):
                sigma = credibility_loop(row, limits[h], weights, q, p, v)
                if sigma >= level - CUTTING_LEVEL_TOLERANCE:
                    category = h + 1
                    break
            counts[index][category] += 1
    return np.array(counts)


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        "processor": platform.machine(),
        # Other work on the machine slows both contenders; recorded to read the figures.
        "load_average_1_5_15_min": [round(value, 2) for value in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--loop-draws", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3, help="vectorised runs; best is kept")
    args = parser.parse_args(argv)

    performance, profiles, thresholds, loop_thresholds = problem()
    rng = np.random.default_rng(7)
    weights = sample_uniform_simplex(CRITERIA, args.draws, rng)
    levels = sample_cutting_levels(0.6, 0.9, args.draws, rng)

    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        outcome = smaa_tri(performance, profiles, thresholds, weights, levels)
        timings.append(time.perf_counter() - start)
    vectorised = min(timings)

    loop_draws = min(args.loop_draws, args.draws)
    start = time.perf_counter()
    loop_counts = smaa_tri_loop(
        performance, profiles, loop_thresholds, weights[:loop_draws], levels[:loop_draws]
    )
    loop_measured = time.perf_counter() - start
    loop_extrapolated = loop_measured * args.draws / loop_draws
    check = smaa_tri(performance, profiles, thresholds, weights[:loop_draws], levels[:loop_draws])
    agree = bool(np.array_equal(check.counts, loop_counts))
    speedup = loop_extrapolated / vectorised

    result = {
        "benchmark": "smaa-tri",
        "engine_version": ENGINE_VERSION,
        "date": datetime.date.today().isoformat(),
        "problem": {
            "alternatives": ALTERNATIVES,
            "criteria": CRITERIA,
            "profiles": PROFILES,
            "draws": args.draws,
            "rule": "pessimistic",
        },
        "vectorised_seconds": round(vectorised, 4),
        "vectorised_runs_seconds": [round(t, 4) for t in timings],
        "loop_draws_measured": loop_draws,
        "loop_seconds_measured": round(loop_measured, 4),
        "loop_seconds_extrapolated": round(loop_extrapolated, 2),
        "loop_extrapolation": "linear in the number of draws",
        "speedup": round(speedup, 1),
        "loop_and_vectorised_agree_on_measured_draws": agree,
        "targets": {"seconds": TARGET_SECONDS, "speedup": TARGET_SPEEDUP},
        "targets_met": vectorised <= TARGET_SECONDS and speedup >= TARGET_SPEEDUP,
        "acceptability_first_alternative": outcome.acceptability[0].round(4).tolist(),
        "machine": machine(),
    }
    print(f"SMAA-TRI {ALTERNATIVES} alternatives × {CRITERIA} criteria × {PROFILES} profiles")
    print(f"  vectorised, {args.draws} draws: {vectorised:.3f} s (best of {args.repeat})")
    print(
        f"  plain Python loop: {loop_measured:.2f} s measured on {loop_draws} draws, "
        f"extrapolated linearly to {args.draws} draws: {loop_extrapolated:.1f} s"
    )
    print(f"  speed-up: {speedup:.0f}×; loop and engine agree on the measured draws: {agree}")
    print(
        f"  targets (≤ {TARGET_SECONDS:g} s, ≥ {TARGET_SPEEDUP:g}×): "
        f"{'met' if result['targets_met'] else 'NOT met'}"
    )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"scoring-{result['date']}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"  recorded in bench/results/{path.name}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
