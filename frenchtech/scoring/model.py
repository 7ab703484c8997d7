"""Evaluation model files: the JSON format and its validation.

`parse_model(document)` checks a decoded JSON document and returns a `Model` (defined in
`frenchtech.scoring.definitions`, re-exported here), or raises one `ModelError` naming the
first faulty item. The format is described in docs/methodology/scoring.md; `Model.to_dict()`
gives it back in canonical form (defaults filled in), which `parse_model` accepts again.
"""

import json
import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from frenchtech.scoring.definitions import (
    DEFAULT_SAMPLES,
    DEFAULT_SCALE,
    DEFAULT_SEED,
    MAX_SAMPLES,
    METHODS,
    SORTING_METHODS,
    STOCHASTIC_METHODS,
    UNCERTAINTY_SIZES,
    Criterion,
    Model,
    Profile,
    Uncertainty,
    WeightBounds,
)
from frenchtech.scoring.electre_tri import (
    PROFILE_SEPARATIONS,
    RULES,
    check_cutting_level,
    check_profiles,
)
from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.normalise import (
    DEFAULT_PER_CAPITA_UNIT,
    DEFAULT_POPULATION_COLUMN,
    SCALE_TRANSFORMS,
    VALUE_TRANSFORMS,
    NormalisationStep,
)

__all__ = [
    "Criterion",
    "Model",
    "Profile",
    "Uncertainty",
    "WeightBounds",
    "load_model",
    "parse_model",
]

_COMMON_KEYS = {"method", "name", "description", "criteria"}
_SORTING_KEYS = {"profiles", "categories", "lambda", "rule", "profile_separation"}
_STOCHASTIC_KEYS = {"weights", "samples", "seed"}
_CRITERION_KEYS = {"id", "label", "description", "direction", "weight", "normalisation"}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(value, where: str, *, minimum: float | None = None) -> float:
    if not _is_number(value):
        raise ModelError(f"{where} must be a finite number (got {value!r})")
    if minimum is not None and value < minimum:
        raise ModelError(f"{where} must not be smaller than {minimum:g} (got {value!r})")
    return float(value)


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{where} must be a non-empty string (got {value!r})")
    return value


def _optional_text(document: Mapping, key: str, where: str) -> str | None:
    return _text(document[key], f"{where}: {key}") if key in document else None


def _check_keys(document, allowed: set[str], where: str) -> None:
    if not isinstance(document, dict):
        raise ModelError(f"{where} must be a JSON object")
    unknown = sorted(set(document) - allowed)
    if unknown:
        raise ModelError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
        )


def _parse_step(item, where: str) -> NormalisationStep:
    if isinstance(item, str):
        kind, options = item, {}
    elif isinstance(item, dict):
        _check_keys(item, {"kind", "population", "per"}, where)
        kind = item.get("kind")
        options = {key: value for key, value in item.items() if key != "kind"}
    else:
        raise ModelError(f"{where}: a normalisation step is a name or an object with 'kind'")
    kinds = VALUE_TRANSFORMS + SCALE_TRANSFORMS
    if kind == "none":
        raise ModelError(f"{where}: 'none' cannot be combined with other steps")
    if kind not in kinds:
        raise ModelError(f"{where}: unknown normalisation {kind!r} (known: {', '.join(kinds)})")
    if kind != "per-capita":
        if options:
            raise ModelError(f"{where}: only 'per-capita' takes options")
        return NormalisationStep(kind)
    population = _text(options.get("population", DEFAULT_POPULATION_COLUMN), f"{where}: population")
    per = _number(options.get("per", DEFAULT_PER_CAPITA_UNIT), f"{where}: per")
    if per <= 0:
        raise ModelError(f"{where}: per must be positive")
    return NormalisationStep(kind, population, per)


def _parse_normalisation(raw, method: str, where: str) -> tuple[NormalisationStep, ...]:
    where = f"{where}: normalisation"
    items = raw if isinstance(raw, list) else [raw]
    if items in ([], ["none"]):
        return ()
    steps = tuple(_parse_step(item, where) for item in items)
    scales = [index for index, step in enumerate(steps) if step.is_scale]
    if len(scales) > 1 or (scales and scales[0] != len(steps) - 1):
        raise ModelError(
            f"{where}: at most one scale step ({', '.join(SCALE_TRANSFORMS)}), and it comes last"
        )
    if scales and method in SORTING_METHODS:
        raise ModelError(
            f"{where}: {steps[-1].kind!r} depends on the other alternatives, so it cannot be "
            f"used by {method} (an assignment must depend only on the alternative and the "
            "profiles); use 'log1p', 'per-capita' or 'none'"
        )
    return steps


def _parse_weight(raw, method: str, where: str) -> float | WeightBounds | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        if method not in STOCHASTIC_METHODS:
            raise ModelError(f"{where}: weight bounds {{min, max}} are for smaa-2 and smaa-tri")
        _check_keys(raw, {"min", "max"}, f"{where}: weight")
        if "min" not in raw or "max" not in raw:
            raise ModelError(f"{where}: weight bounds need both 'min' and 'max'")
        low = _number(raw["min"], f"{where}: weight min", minimum=0)
        high = _number(raw["max"], f"{where}: weight max", minimum=0)
        if low > high or high > 1:
            raise ModelError(f"{where}: weight bounds need 0 ≤ min ≤ max ≤ 1 (fractions)")
        return WeightBounds(low, high)
    if _is_number(raw) and raw < 0:
        raise ModelError(f"{where}: weight must not be negative (got {raw!r})",
                         code="negative_weight", criterion=_criterion_of(where))  # fmt: skip
    if not _is_number(raw):
        raise ModelError(f"{where}: weight must be a finite number (got {raw!r})",
                         code="unreadable_weight", criterion=_criterion_of(where))  # fmt: skip
    return _number(raw, f"{where}: weight", minimum=0)


def _criterion_of(where: str) -> str:
    """The criterion id in a location "criterion 'x'…" (for the error's params)."""
    return where.split("'")[1] if where.count("'") >= 2 else where


def _parse_uncertainty(raw, where: str) -> Uncertainty:
    where = f"{where}: uncertainty"
    if not isinstance(raw, dict):
        raise ModelError(f"{where} must be a JSON object")
    distribution = raw.get("distribution")
    if distribution not in UNCERTAINTY_SIZES:
        raise ModelError(f"{where}: distribution must be 'uniform' or 'normal'")
    size_key = UNCERTAINTY_SIZES[distribution]
    _check_keys(raw, {"distribution", size_key}, where)
    if size_key not in raw:
        raise ModelError(f"{where}: a {distribution} error needs {size_key!r}")
    return Uncertainty(distribution, _number(raw[size_key], f"{where}: {size_key}", minimum=0))


def _parse_criterion(raw, index: int, method: str) -> Criterion:
    where = f"criteria[{index}]"
    allowed = set(_CRITERION_KEYS)
    if method in SORTING_METHODS:
        allowed |= {"q", "p", "v"}
    if method in STOCHASTIC_METHODS:
        allowed.add("uncertainty")
    _check_keys(raw, allowed, where)
    identifier = _text(raw.get("id"), f"{where}: id")
    where = f"criterion {identifier!r}"
    direction = raw.get("direction", "max")
    if direction not in ("max", "min"):
        raise ModelError(f"{where}: direction must be 'max' or 'min' (got {direction!r})")
    weight = _parse_weight(raw.get("weight"), method, where)
    if weight is None and method not in STOCHASTIC_METHODS:
        raise ModelError(f"{where}: weight is required for {method}")
    q = _number(raw.get("q", 0.0), f"{where}: q", minimum=0)
    p = _number(raw.get("p", q), f"{where}: p", minimum=0)
    if q > p:
        raise ModelError(f"{where}: q ({q:g}) must not be greater than p ({p:g})")
    v = raw.get("v")
    if v is not None:
        v = _number(v, f"{where}: v")
        if v < p:
            raise ModelError(f"{where}: v ({v:g}) must not be smaller than p ({p:g})")
    if "normalisation" in raw:
        normalisation = _parse_normalisation(raw["normalisation"], method, where)
    else:
        default = DEFAULT_SCALE.get(method)
        normalisation = (NormalisationStep(default),) if default else ()
    uncertainty = _parse_uncertainty(raw["uncertainty"], where) if "uncertainty" in raw else None
    return Criterion(
        identifier,
        direction,
        weight,
        q,
        p,
        v,
        normalisation,
        uncertainty,
        _optional_text(raw, "label", where),
        _optional_text(raw, "description", where),
    )


def _parse_criteria(raw, method: str) -> tuple[Criterion, ...]:
    if not isinstance(raw, list) or not raw:
        raise ModelError("criteria must be a non-empty list")
    criteria = tuple(_parse_criterion(item, index, method) for index, item in enumerate(raw))
    seen: set[str] = set()
    for criterion in criteria:
        if criterion.id in seen:
            raise ModelError(f"criterion {criterion.id!r} is listed twice")
        seen.add(criterion.id)
    return criteria


def _check_fixed_weights(criteria: tuple[Criterion, ...]) -> None:
    if sum(criterion.weight for criterion in criteria) <= 0:
        raise ModelError(
            "weights: at least one criterion must have a positive weight",
            code="no_positive_weight",
        )


def _parse_weight_distribution(document: Mapping, criteria: tuple[Criterion, ...]):
    """SMAA weights: all fixed, all bounded, or none given (then 'weights' chooses)."""
    given = [criterion for criterion in criteria if criterion.weight is not None]
    bounded = [criterion for criterion in given if isinstance(criterion.weight, WeightBounds)]
    if given and "weights" in document:
        raise ModelError(
            f"criterion {given[0].id!r}: give weights either per criterion or in 'weights', "
            "not both"
        )
    if given and len(given) < len(criteria):
        missing = next(criterion for criterion in criteria if criterion.weight is None)
        raise ModelError(f"criterion {missing.id!r}: weight missing (the others have one)")
    if bounded and len(bounded) < len(criteria):
        fixed = next(c for c in criteria if not isinstance(c.weight, WeightBounds))
        raise ModelError(
            f"criterion {fixed.id!r}: weight must be bounds {{min, max}} like the others's"
        )
    if bounded:
        lows = sum(criterion.weight.min for criterion in criteria)
        highs = sum(criterion.weight.max for criterion in criteria)
        if lows > 1 + 1e-9 or highs < 1 - 1e-9:
            raise ModelError(
                f"weight bounds are fractions of the total: need Σ min ≤ 1 ≤ Σ max "
                f"(got Σ min = {lows:g}, Σ max = {highs:g})"
            )
        return None, None
    if given:
        _check_fixed_weights(criteria)
        return None, None
    spec = document.get("weights", {"distribution": "uniform"})
    if not isinstance(spec, dict):
        raise ModelError("weights must be a JSON object")
    distribution = spec.get("distribution")
    if distribution == "uniform":
        _check_keys(spec, {"distribution"}, "weights")
        return "uniform", None
    if distribution != "dirichlet":
        raise ModelError("weights: distribution must be 'uniform' or 'dirichlet'")
    _check_keys(spec, {"distribution", "alpha"}, "weights")
    return "dirichlet", _parse_alpha(spec.get("alpha"), criteria)


def _parse_alpha(raw, criteria: tuple[Criterion, ...]) -> tuple[float, ...]:
    ids = [criterion.id for criterion in criteria]
    if isinstance(raw, dict):
        unknown = [key for key in raw if key not in ids]
        if unknown:
            raise ModelError(f"weights: alpha names unknown criterion {unknown[0]!r}")
        missing = [identifier for identifier in ids if identifier not in raw]
        if missing:
            raise ModelError(f"weights: alpha missing for criterion {missing[0]!r}")
        values = [raw[identifier] for identifier in ids]
    elif isinstance(raw, list):
        if len(raw) != len(ids):
            raise ModelError(f"weights: alpha needs one value per criterion ({len(ids)})")
        values = raw
    else:
        raise ModelError("weights: dirichlet needs 'alpha', a list or an object by criterion id")
    alpha = []
    for identifier, value in zip(ids, values, strict=True):
        number = _number(value, f"weights: alpha of criterion {identifier!r}")
        if number <= 0:
            raise ModelError(f"weights: alpha of criterion {identifier!r} must be positive")
        alpha.append(number)
    return tuple(alpha)


def _parse_profiles(raw, criteria: tuple[Criterion, ...]) -> tuple[Profile, ...]:
    if not isinstance(raw, list) or not raw:
        raise ModelError("profiles must be a non-empty list, worst profile first")
    ids = [criterion.id for criterion in criteria]
    profiles = []
    for index, item in enumerate(raw):
        _check_keys(item, {"id", "label", "values"}, f"profiles[{index}]")
        identifier = _text(item.get("id"), f"profiles[{index}]: id")
        where = f"profile {identifier!r}"
        values = item.get("values")
        if not isinstance(values, dict):
            raise ModelError(f"{where}: values must be an object criterion id → number")
        unknown = [key for key in values if key not in ids]
        if unknown:
            raise ModelError(f"{where}: unknown criterion {unknown[0]!r}")
        missing = [criterion for criterion in ids if criterion not in values]
        if missing:
            raise ModelError(f"{where}: no value for criterion {missing[0]!r}")
        numbers = tuple(_number(values[c], f"{where}: value of criterion {c!r}") for c in ids)
        if identifier in {profile.id for profile in profiles}:
            raise ModelError(f"profile {identifier!r} is listed twice")
        profiles.append(Profile(identifier, numbers, _optional_text(item, "label", where)))
    return tuple(profiles)


def _parse_categories(raw, profile_count: int) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise ModelError("categories must be a list of names, worst first")
    categories = tuple(_text(name, f"categories[{i}]") for i, name in enumerate(raw))
    if len(set(categories)) != len(categories):
        raise ModelError("categories: each name must be unique")
    if len(categories) != profile_count + 1:
        raise ModelError(
            f"categories: {profile_count} profiles separate {profile_count + 1} categories, "
            f"got {len(categories)}"
        )
    return categories


def _parse_cutting_level(raw, method: str) -> float | tuple[float, float]:
    if raw is None:
        raise ModelError(f"lambda (the cutting level) is required for {method}")
    if isinstance(raw, list):
        if method != "smaa-tri" or len(raw) != 2:
            raise ModelError("lambda: a range [lo, hi] is only for smaa-tri")
        low = _number(raw[0], "lambda lo")
        high = _number(raw[1], "lambda hi")
        check_cutting_level(low, "lambda lo")
        check_cutting_level(high, "lambda hi")
        if low > high:
            raise ModelError(f"lambda: lo ({low:g}) must not be greater than hi ({high:g})")
        return (low, high)
    level = _number(raw, "lambda")
    check_cutting_level(level)
    return level


def _parse_integer(document: Mapping, key: str, default: int, low: int, high: int) -> int:
    value = document.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ModelError(f"{key} must be an integer between {low} and {high} (got {value!r})")
    return value


def parse_model(document) -> Model:
    """Validate a decoded JSON model and return it; raise `ModelError` naming the faulty item."""
    if not isinstance(document, dict):
        raise ModelError("the model must be a JSON object")
    method = document.get("method")
    if method not in METHODS:
        raise ModelError(f"method must be one of {', '.join(METHODS)} (got {method!r})")
    allowed = set(_COMMON_KEYS)
    if method in SORTING_METHODS:
        allowed |= _SORTING_KEYS
    if method in STOCHASTIC_METHODS:
        allowed |= _STOCHASTIC_KEYS
    _check_keys(document, allowed, "model")
    criteria = _parse_criteria(document.get("criteria"), method)
    fields: dict = {
        "method": method,
        "criteria": criteria,
        "name": _optional_text(document, "name", "model"),
        "description": _optional_text(document, "description", "model"),
    }
    if method in STOCHASTIC_METHODS:
        distribution, alpha = _parse_weight_distribution(document, criteria)
        fields.update(
            weight_distribution=distribution,
            dirichlet_alpha=alpha,
            samples=_parse_integer(document, "samples", DEFAULT_SAMPLES, 1, MAX_SAMPLES),
            seed=_parse_integer(document, "seed", DEFAULT_SEED, 0, 2**63 - 1),
        )
    else:
        _check_fixed_weights(criteria)
    if method in SORTING_METHODS:
        profiles = _parse_profiles(document.get("profiles"), criteria)
        rule = document.get("rule", "pessimistic")
        if rule not in RULES:
            raise ModelError(f"rule must be one of {', '.join(RULES)} (got {rule!r})")
        separation = document.get("profile_separation", "dominance")
        if separation not in PROFILE_SEPARATIONS:
            raise ModelError(f"profile_separation must be one of {', '.join(PROFILE_SEPARATIONS)}")
        fields.update(
            profiles=profiles,
            categories=_parse_categories(document.get("categories"), len(profiles)),
            cutting_level=_parse_cutting_level(document.get("lambda"), method),
            rule=rule,
            profile_separation=separation,
        )
    model = Model(**fields)
    if method in SORTING_METHODS:
        oriented = np.where(model.maximise, model.profile_matrix(), -model.profile_matrix())
        check_profiles(
            oriented,
            model.thresholds(),
            model.profile_separation,
            [profile.id for profile in model.profiles],
            model.criterion_ids,
        )
    return model


def _reject_duplicate_keys(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ModelError(f"key {duplicates[0]!r} appears twice in the same object")
    return dict(pairs)


def load_model(path: str | Path) -> Model:
    """Read and validate a JSON model file; errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ModelError(f"cannot read model {path.name}: {error}") from error
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as error:
        raise ModelError(
            f"{path.name}: invalid JSON at line {error.lineno}, column {error.colno}"
        ) from error
    except ModelError as error:
        raise ModelError(f"{path.name}: {error}") from error
    try:
        return parse_model(document)
    except ModelError as error:
        raise ModelError(f"{path.name}: {error}") from error
