"""The evaluation engine against the libraries considered for it: csdid, differences,
pyfixest and pysyncon (not dependencies of the platform; install them to run this):

    .venv/bin/pip install csdid differences pyfixest pysyncon
    .venv/bin/python bench/evaluation_libraries.py [--draws 999] [--repeat 3]

On one seeded simulated panel (the 246 EPCI of the default pool, the first two waves,
+15 % planted) it checks that the engine gives the libraries' figures where they estimate
the same thing, and times each on the work of one indicator (Callaway & Sant'Anna with
both comparison groups and the bootstrap, TWFE, the synthetic controls' fits). Writes
bench/results/evaluation-libraries-<YYYY-MM-DD>[-vN].json, and the libraries' figures to
tests/evaluation/data/library_reference.json, which the test suite checks the engine
against without the libraries installed.
"""

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frenchtech.evaluation.engine import aggregation  # noqa: E402
from frenchtech.evaluation.engine.group_time import group_time_effects  # noqa: E402
from frenchtech.evaluation.engine.simulation import (  # noqa: E402
    LYON,
    load_populations,
    real_waves,
    simulate_panel,
)
from frenchtech.evaluation.engine.synthetic_control import penalised_weights  # noqa: E402
from frenchtech.evaluation.engine.twfe import two_way_fixed_effects  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REFERENCE = ROOT / "tests" / "evaluation" / "data" / "library_reference.json"
SEED = 11


def panel_frame(panel) -> pd.DataFrame:
    n, t = panel.outcome.shape
    return pd.DataFrame(
        {
            "unit": np.repeat(np.arange(n), t),
            "year": np.tile(panel.years, n),
            "y": panel.outcome.ravel(),
            "group": np.repeat(panel.group, t),
            "treat": ((panel.group[:, None] != 0) & (panel.years[None, :] >= panel.group[:, None]))
            .astype(float)
            .ravel(),
        }
    )


def timed(function, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return result, round(min(times), 4), [round(x, 4) for x in times]


def engine_cs(panel, control, draws):
    effects = group_time_effects(panel, scale="level", control=control, leverage_correction=False)
    study = aggregation.event_study(effects)
    overall = aggregation.overall(effects)
    bootstrap = aggregation.Bootstrap(panel.cluster_codes(), draws, 1)
    bootstrap.bands([study[e] for e in sorted(study)] + [overall])
    n = len(panel.units)
    return {
        "att_gt": {
            f"{g}-{t}": float(v)
            for g, t, v in zip(effects.groups, effects.years, effects.estimates, strict=True)
        },
        "att_gt_se": {
            f"{g}-{t}": float(np.sqrt((effects.influence[:, k] ** 2).sum()) / n)
            for k, (g, t) in enumerate(zip(effects.groups, effects.years, strict=True))
        },
        "dynamic": {str(e): study[e].value for e in sorted(study)},
        "dynamic_se": {
            str(e): float(np.sqrt((study[e].influence ** 2).sum()) / n) for e in sorted(study)
        },
        "group_overall": overall.value,
        "group_overall_se": float(np.sqrt((overall.influence**2).sum()) / n),
    }


def csdid_cs(frame, control, draws):
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ATTgt(
            yname="y",
            tname="year",
            idname="unit",
            gname="group",
            data=frame,
            control_group=["nevertreated" if control == "never" else "notyettreated"],
            biters=draws,
        ).fit(est_method="reg", base_period="universal", bstrap=False)
        results = model.results
        att = {
            f"{int(g)}-{int(t)}": float(a)
            for g, t, a in zip(results["group"], results["year"], results["att"], strict=True)
            if int(t) != int(g) - 1
        }
        se = {
            f"{int(g)}-{int(t)}": float(s)
            for g, t, s in zip(results["group"], results["year"], results["se"], strict=True)
            if int(t) != int(g) - 1
        }
        dynamic = model.aggte(typec="dynamic", bstrap=False).atte
        group = model.aggte(typec="group", bstrap=False).atte
    return {
        "att_gt": att,
        "att_gt_se": se,
        "dynamic": {
            str(int(e)): float(v)
            for e, v in zip(dynamic["egt"], dynamic["att_egt"], strict=True)
            if int(e) != -1
        },
        "dynamic_se": {
            str(int(e)): float(np.ravel(s)[0])
            for e, s in zip(dynamic["egt"], dynamic["se_egt"], strict=True)
            if int(e) != -1
        },
        "group_overall": float(group["overall_att"]),
        "group_overall_se": float(group["overall_se"]),
    }


def csdid_with_bootstrap(frame, draws):
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ATTgt(
            yname="y",
            tname="year",
            idname="unit",
            gname="group",
            data=frame,
            control_group=["nevertreated"],
            biters=draws,
        ).fit(est_method="reg", base_period="universal", bstrap=True)
        model.aggte(typec="dynamic")
        model.aggte(typec="group")


def differences_cs(frame, control):
    from differences import ATTgt

    data = frame.assign(cohort=frame["group"].replace(0, np.nan)).set_index(["unit", "year"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ATTgt(data=data, cohort_column="cohort", base_period="universal")
        result = model.fit(
            formula="y",
            control_group="never_treated" if control == "never" else "not_yet_treated",
            n_jobs=1,
            progress_bar=False,
        )
    table = result.to_pandas().reset_index()
    columns = {c if isinstance(c, str) else [p for p in c if p][-1]: c for c in table.columns}
    att, se = {}, {}
    for _, row in table.iterrows():
        g, t = int(row[columns["cohort"]]), int(row[columns["time"]])
        if t != g - 1:
            att[f"{g}-{t}"] = float(row[columns["ATT"]])
            se[f"{g}-{t}"] = float(row[columns["std_error"]])
    return {"att_gt": att, "att_gt_se": se}


def pyfixest_twfe(frame):
    import pyfixest as pf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ols = pf.feols("y ~ treat | unit + year", data=frame, vcov={"CRV1": "unit"})
        poisson = pf.fepois("y ~ treat | unit + year", data=frame, vcov={"CRV1": "unit"})
    return {
        "ols": [float(ols.coef()["treat"]), float(ols.se()["treat"])],
        "poisson": [float(poisson.coef()["treat"]), float(poisson.se()["treat"])],
    }


def scm_problems(panel, count=3):
    """(donors, target) pairs as the engine fits them: the 2014 wave's first units against
    all never-labelled EPCI, series divided by their pre-2014 mean."""
    pre = panel.year_index(2014)
    series = panel.outcome / panel.outcome[:, :pre].mean(axis=1, keepdims=True)
    donors = np.flatnonzero(panel.group == 0)[:40]
    targets = [int(np.flatnonzero(panel.units == LYON)[0])]
    targets += [int(i) for i in np.flatnonzero(panel.group == 2014)[:count] if i != targets[0]]
    return [(series[donors, :pre].T, series[i, :pre]) for i in targets[:count]]


def pysyncon_weights(problems, penalty):
    from pysyncon.penalized import PenalizedOptimMixin

    result = []
    for donors, target in problems:
        weights, _loss = PenalizedOptimMixin.w_optimize(
            np.identity(donors.shape[0]), donors, target, penalty
        )
        result.append(weights)
    return result


def objective(donors, target, weights, penalty):
    distances = ((donors - target[:, None]) ** 2).sum(axis=0)
    return float(((donors @ weights - target) ** 2).sum() + penalty * distances @ weights)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=999)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    populations = load_populations(ROOT / "data" / "territories")
    simulated = simulate_panel(populations, real_waves(), effect=0.15, seed=SEED)
    panel = simulated.panel
    # The libraries compare levels: make it a level-scale problem they can all read.
    frame = panel_frame(panel)
    versions, figures, timings = {}, {"engine": {}}, {}
    for control in ("never", "not_yet"):
        figures["engine"][control], seconds, _runs = timed(
            lambda c=control: engine_cs(panel, c, args.draws), args.repeat
        )
        timings[f"engine_cs_{control}_with_{args.draws}_draws"] = seconds
    _twfe, timings["engine_twfe_ols_and_poisson"], _ = timed(
        lambda: (
            two_way_fixed_effects(panel, scale="level"),
            two_way_fixed_effects(panel, scale="relative"),
        ),
        args.repeat,
    )
    problems = scm_problems(panel)
    penalty = 0.1
    engine_weights, timings["engine_scm_fit_each"], _ = timed(
        lambda: [penalised_weights(d, t, penalty) for d, t in problems], args.repeat
    )
    timings["engine_scm_fit_each"] /= len(problems)
    figures["engine"]["twfe_ols"] = [_twfe[0].estimate, _twfe[0].standard_error]
    figures["engine"]["twfe_poisson"] = [_twfe[1].estimate, _twfe[1].standard_error]
    figures["engine"]["scm_weights"] = [w.tolist() for w in engine_weights]

    libraries = {}
    for name in ("csdid", "differences", "pyfixest", "pysyncon"):
        try:
            module = __import__(name)
            versions[name] = getattr(module, "__version__", "?")
            libraries[name] = True
        except ImportError:
            libraries[name] = False
    if libraries["csdid"]:
        figures["csdid"] = {}
        for control in ("never", "not_yet"):
            figures["csdid"][control], seconds, _ = timed(
                lambda c=control: csdid_cs(frame, c, args.draws), 1
            )
            timings[f"csdid_cs_{control}_analytic"] = seconds
        _none, timings[f"csdid_cs_never_with_{args.draws}_draws"], _ = timed(
            lambda: csdid_with_bootstrap(frame, args.draws), 1
        )
    if libraries["differences"]:
        figures["differences"] = {}
        for control in ("never", "not_yet"):
            try:
                figures["differences"][control], seconds, _ = timed(
                    lambda c=control: differences_cs(frame, c), 1
                )
                timings[f"differences_cs_{control}"] = seconds
            except Exception as error:
                figures["differences"][control] = {"error": repr(error)}
    if libraries["pyfixest"]:
        figures["pyfixest"], timings["pyfixest_twfe_ols_and_poisson"], _ = timed(
            lambda: pyfixest_twfe(frame), args.repeat
        )
    if libraries["pysyncon"]:
        weights, timings["pysyncon_scm_fit_each"], _ = timed(
            lambda: pysyncon_weights(problems, penalty), 1
        )
        timings["pysyncon_scm_fit_each"] /= len(problems)
        figures["pysyncon"] = {"scm_weights": [w.tolist() for w in weights]}
        figures["scm_objective"] = {
            "engine": [
                objective(d, t, w, penalty)
                for (d, t), w in zip(problems, engine_weights, strict=True)
            ],
            "pysyncon": [
                objective(d, t, w, penalty) for (d, t), w in zip(problems, weights, strict=True)
            ],
        }
    agreement = compare(figures)
    document = {
        "benchmark": "evaluation-libraries",
        "date": dt.date.today().isoformat(),
        "panel": {
            "units": len(panel.units),
            "years": [int(panel.years[0]), int(panel.years[-1])],
            "groups": {str(g): int((panel.group == g).sum()) for g in panel.treated_groups},
            "planted_effect": 0.15,
            "seed": SEED,
            "scale_compared": "level",
        },
        "versions": versions,
        "seconds": timings,
        "agreement": agreement,
        "figures": figures,
        "machine": machine(),
    }
    RESULTS.mkdir(exist_ok=True)
    path = unused(RESULTS / f"evaluation-libraries-{document['date']}.json")
    path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    reference = {
        "note": "Written by bench/evaluation_libraries.py: the libraries' figures on this panel.",
        "versions": versions,
        "panel": {
            "units": [str(u) for u in panel.units],
            "years": panel.years.tolist(),
            "group": panel.group.tolist(),
            "outcome": panel.outcome.astype(int).tolist(),
        },
        "csdid": figures.get("csdid"),
        "pyfixest": figures.get("pyfixest"),
        "pysyncon": figures.get("pysyncon"),
        "scm_penalty": penalty,
    }
    REFERENCE.write_text(json.dumps(reference) + "\n", "utf-8")
    print(json.dumps({"seconds": timings, "agreement": agreement}, indent=2))
    print(f"written {path.relative_to(ROOT)} and {REFERENCE.relative_to(ROOT)}")
    return 0


def compare(figures) -> dict:
    """Largest absolute differences between the engine and each library."""
    engine = figures["engine"]
    result = {}

    def largest(a: dict, b: dict) -> float:
        keys = set(a) & set(b)
        return max((abs(a[k] - b[k]) for k in keys), default=float("nan"))

    for control in ("never", "not_yet"):
        if "csdid" in figures:
            ours, theirs = engine[control], figures["csdid"][control]
            result[f"csdid_{control}"] = {
                "cells": len(set(ours["att_gt"]) & set(theirs["att_gt"])),
                "att_gt": largest(ours["att_gt"], theirs["att_gt"]),
                "att_gt_se": largest(ours["att_gt_se"], theirs["att_gt_se"]),
                "dynamic": largest(ours["dynamic"], theirs["dynamic"]),
                "dynamic_se": largest(ours["dynamic_se"], theirs["dynamic_se"]),
                "group_overall": abs(ours["group_overall"] - theirs["group_overall"]),
                "group_overall_se": abs(ours["group_overall_se"] - theirs["group_overall_se"]),
            }
        theirs = figures.get("differences", {}).get(control, {})
        if "att_gt" in theirs:
            result[f"differences_{control}"] = {
                "cells": len(set(engine[control]["att_gt"]) & set(theirs["att_gt"])),
                "att_gt": largest(engine[control]["att_gt"], theirs["att_gt"]),
                "att_gt_se": largest(engine[control]["att_gt_se"], theirs["att_gt_se"]),
            }
    if "pyfixest" in figures:
        for kind in ("ols", "poisson"):
            ours, theirs = engine[f"twfe_{kind}"], figures["pyfixest"][kind]
            result[f"pyfixest_{kind}"] = {
                "estimate": abs(ours[0] - theirs[0]),
                "standard_error": abs(ours[1] - theirs[1]),
            }
    if "pysyncon" in figures:
        result["pysyncon_scm"] = {
            "weights": max(
                float(np.abs(np.array(a) - np.array(b)).max())
                for a, b in zip(
                    engine["scm_weights"], figures["pysyncon"]["scm_weights"], strict=True
                )
            ),
            "objective_engine_minus_pysyncon": [
                a - b
                for a, b in zip(
                    figures["scm_objective"]["engine"],
                    figures["scm_objective"]["pysyncon"],
                    strict=True,
                )
            ],
        }
    return result


def unused(path: Path) -> Path:
    version = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-v{version}{path.suffix}")
        version += 1
    return candidate


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        # Other engineers' test runs share the machine: read the figures with the load.
        "load_average_1_5_15_min": [round(value, 2) for value in os.getloadavg()],
    }


if __name__ == "__main__":
    sys.exit(main())
