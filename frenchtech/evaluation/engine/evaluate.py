"""One evaluation of one indicator: every estimator on one panel, as plain data.

`evaluate(panel, settings)` runs Callaway & Sant'Anna with both comparison groups, the
event study and its pre-trend test, the placebo on fake label dates, the two-way fixed
effects estimate, and a synthetic control per labelled EPCI. Pure function: the bootstrap
draws come from `settings.seed`.
"""

from dataclasses import dataclass, field

import numpy as np

from frenchtech.evaluation.engine import aggregation
from frenchtech.evaluation.engine.aggregation import Band, Bootstrap
from frenchtech.evaluation.engine.errors import EvaluationInputError
from frenchtech.evaluation.engine.group_time import CONTROLS, GroupTimeEffects, group_time_effects
from frenchtech.evaluation.engine.panel import NEVER, Panel, validate
from frenchtech.evaluation.engine.synthetic_control import (
    PlaceboDistribution,
    SyntheticControl,
    synthetic_control,
)
from frenchtech.evaluation.engine.twfe import TwoWayFixedEffects, two_way_fixed_effects

METHOD_VERSION = "ft-evaluation-1"
# Below this many labelled EPCI in a wave, the bands rest on the comparison EPCI's
# variability only and are too narrow: 31 of 50 simulated 95 % bands covered the truth
# with two one-EPCI waves, 45 of 50 with one wave of five (docs/methodology/evaluation.md).
FEW_LABELLED = 5


@dataclass(frozen=True)
class Settings:
    scale: str = "relative"  # "relative" (proportional effects) or "level"
    draws: int = 999  # multiplier-bootstrap draws
    seed: int = 2014
    anticipation: int = 0  # years before the label when effects may start
    placebo_lag: int = 3  # the fake label date is this many years before the real one
    synthetic_controls: bool = True


@dataclass(frozen=True)
class PreTrendTest:
    leads: int  # pre-period coefficients tested
    statistic: float  # max |t| over them
    p_value: float

    @property
    def rejected(self) -> bool:
        return self.p_value < 0.05


@dataclass(frozen=True)
class ControlEstimates:
    """Everything estimated with one comparison group."""

    control: str
    group_time: list[dict]  # group, year, event_time, treated, controls, band
    event_study: dict[int, Band]  # e → band (uniform bands over the whole event study)
    overall: Band
    by_group: dict[int, Band]
    pre_trend: PreTrendTest | None


@dataclass(frozen=True)
class Evaluation:
    scale: str
    first_year: int
    last_year: int
    units: int
    groups: dict[int, list[str]]  # label year → labelled units
    never_labelled: int
    dropped: tuple[str, ...]
    estimates: dict[str, ControlEstimates]  # "never", "not_yet"
    twfe: TwoWayFixedEffects
    placebo: Band | None
    placebo_lag: int
    synthetic_controls: list[SyntheticControl] = field(default_factory=list)
    draws: int = 999
    anticipation: int = 0
    version: str = METHOD_VERSION

    @property
    def smallest_group(self) -> int:
        return min(len(units) for units in self.groups.values())

    @property
    def few_labelled(self) -> bool:
        return self.smallest_group < FEW_LABELLED

    @property
    def main(self) -> ControlEstimates:
        """The published estimate: never-labelled EPCI as the comparison group."""
        return self.estimates.get("never") or self.estimates["not_yet"]


def evaluate(panel: Panel, settings: Settings = Settings()) -> Evaluation:
    """Every estimator on `panel`; raises EvaluationInputError for a panel it cannot use."""
    validate(panel, settings.scale)
    bootstrap = Bootstrap(panel.cluster_codes(), settings.draws, settings.seed)
    estimates, failure = {}, None
    for control in CONTROLS:
        try:
            effects = group_time_effects(
                panel, scale=settings.scale, control=control, anticipation=settings.anticipation
            )
        except EvaluationInputError as error:
            failure = error  # e.g. no never-labelled EPCI: the other comparison group may do
            continue
        estimates[control] = _control_estimates(effects, bootstrap, settings.anticipation)
    if not estimates:
        raise failure
    groups = {
        g: sorted(str(u) for u in panel.units[panel.group == g]) for g in panel.treated_groups
    }
    controls = []
    if settings.synthetic_controls:
        controls = _synthetic_controls(panel, settings)
    return Evaluation(
        scale=settings.scale,
        first_year=int(panel.years[0]),
        last_year=int(panel.years[-1]),
        units=len(panel.units),
        groups=groups,
        never_labelled=int(np.sum(panel.group == NEVER)),
        dropped=panel.dropped,
        estimates=estimates,
        twfe=two_way_fixed_effects(panel, scale=settings.scale),
        placebo=_placebo(panel, settings),
        placebo_lag=settings.placebo_lag,
        synthetic_controls=controls,
        draws=settings.draws,
        anticipation=settings.anticipation,
    )


def _control_estimates(effects: GroupTimeEffects, bootstrap: Bootstrap, anticipation: int):
    cells = [
        aggregation.Aggregate(float(effects.estimates[k]), effects.influence[:, k])
        for k in range(len(effects.estimates))
    ]
    cell_bands = bootstrap.bands(cells)
    group_time = [
        {
            "group": int(g),
            "year": int(t),
            "event_time": int(t - g),
            "treated": int(n_g),
            "controls": int(n_c),
            "band": band,
        }
        for g, t, n_g, n_c, band in zip(
            effects.groups,
            effects.years,
            effects.treated_counts,
            effects.control_counts,
            cell_bands,
            strict=True,
        )
    ]
    study = aggregation.event_study(effects)
    times = sorted(study)
    event_bands = dict(zip(times, bootstrap.bands([study[e] for e in times]), strict=True))
    overall = aggregation.overall(effects)
    [overall_band] = bootstrap.bands([overall])
    groups = aggregation.by_group(effects)
    group_bands = dict(zip(groups, bootstrap.bands(list(groups.values())), strict=True))
    # With the universal base g − 1 − anticipation, that year is zero by construction.
    leads = [study[e] for e in times if e < -1 - anticipation]
    pre_trend = None
    if leads:
        statistic, p_value = bootstrap.sup_t_test(leads)
        pre_trend = PreTrendTest(len(leads), statistic, p_value)
    return ControlEstimates(
        effects.control, group_time, event_bands, overall_band, group_bands, pre_trend
    )


def _placebo(panel: Panel, settings: Settings) -> Band | None:
    """The overall effect of fake labels `placebo_lag` years before the real ones, on the
    years before any real label: it should be close to zero."""
    last = min(panel.treated_groups) - 1 - settings.anticipation
    fake = np.where(panel.group != NEVER, panel.group - settings.placebo_lag, NEVER)
    first = int(panel.years[0])
    keep = (fake == NEVER) | (fake > first)
    if last - first < 2 or not np.any(fake[keep] != NEVER):
        return None
    fake = np.where(fake > last, NEVER, fake)  # fake dates after the window: comparison
    placebo_panel = Panel(
        panel.units[keep],
        panel.years,
        panel.outcome[keep],
        fake[keep],
        None if panel.clusters is None else panel.clusters[keep],
    ).restricted_to_years(first, last)
    try:
        validate(placebo_panel, settings.scale)
        effects = group_time_effects(placebo_panel, scale=settings.scale, control="never")
    except EvaluationInputError:
        return None
    overall = aggregation.overall(effects)
    if overall is None:
        return None
    bootstrap = Bootstrap(placebo_panel.cluster_codes(), settings.draws, settings.seed + 1)
    return bootstrap.bands([overall])[0]


def _synthetic_controls(panel: Panel, settings: Settings) -> list[SyntheticControl]:
    result, placebos = [], {}
    for g in panel.treated_groups:
        for unit in panel.units[panel.group == g]:
            if g not in placebos:
                placebos[g] = PlaceboDistribution(panel, g, settings.scale, settings.anticipation)
            control = synthetic_control(
                panel,
                str(unit),
                scale=settings.scale,
                placebos=placebos[g],
                anticipation=settings.anticipation,
            )
            if control is not None:
                result.append(control)
    return result
