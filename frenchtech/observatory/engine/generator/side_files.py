"""Synthetic funding rounds, events and acceleration programmes matching a generated
registry (formats of docs/methodology/indicator-definitions.md)."""

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from frenchtech.observatory.engine.generator.places import Places
from frenchtech.observatory.engine.schema import (
    EVENTS_COLUMNS,
    FUNDING_ROUNDS_COLUMNS,
    PROGRAMMES_COLUMNS,
)

EPOCH = dt.date(1970, 1, 1)
STAGES = ("seed", "series_a", "series_b", "series_c")
STAGE_MEDIAN_EUR = (500_000, 3_000_000, 12_000_000, 40_000_000)
STAGE_WEIGHTS = np.array([0.6, 0.27, 0.1, 0.03])
INVESTORS = ("Bpifrance", "Partech", "Eurazeo", "Idinvest", "Serena", "Kima Ventures",
             "Alven", "Elaia", "Business Angels", "XAnge")  # fmt: skip
EVENT_TITLES = ("Meetup", "Startup Weekend", "Hackathon", "Conférence", "Salon", "Demo Day")
PROGRAMME_NAMES = ("Accélérateur", "Incubateur", "Programme Scale", "Booster", "Campus")


def _day(days: int) -> str:
    return (EPOCH + dt.timedelta(days=int(days))).isoformat()


def write_funding_rounds(path: Path, rng, sirens: np.ndarray, created: np.ndarray,
                         stock_day: int) -> int:  # fmt: skip
    """Rounds of active digital companies, a few of unknown companies; returns the count."""
    count = max(10, int(len(sirens) * 0.03)) if len(sirens) else 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FUNDING_ROUNDS_COLUMNS)
        for _ in range(count):
            i = rng.integers(0, len(sirens))
            day = min(int(created[i] + rng.uniform(0.2, 6) * 365), stock_day)
            stage = int(rng.choice(len(STAGES), p=STAGE_WEIGHTS))
            amount = round(STAGE_MEDIAN_EUR[stage] * rng.lognormal(0, 0.6), 2)
            investors = ";".join(rng.choice(INVESTORS, size=rng.integers(1, 4), replace=False))
            siren = f"{sirens[i]:09d}" if rng.random() > 0.01 else "000000000"
            writer.writerow((siren, _day(day), f"{amount:.2f}", STAGES[stage], investors))
    return count


def write_events(path: Path, rng, places: Places, count: int, stock_day: int) -> int:
    """Professional events in cities (digital weighting), 15 % international."""
    first_day = (dt.date(2008, 1, 1) - EPOCH).days
    picks = places.draw_communes(rng, count, np.ones(count, bool))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EVENTS_COLUMNS)
        for place in picks:
            code = places.codes[place] if rng.random() > 0.01 else ""
            writer.writerow(
                (
                    _day(rng.integers(first_day, stock_day + 1)),
                    code,
                    f"{rng.choice(EVENT_TITLES)} {places.names[place].title()}",
                    int(rng.lognormal(4.5, 1.0)),
                    "true" if rng.random() < 0.15 else "false",
                )
            )
    return count


def write_programmes(path: Path, rng, places: Places, operators: np.ndarray, count: int,
                     stock_day: int) -> int:  # fmt: skip
    """Acceleration programmes run by active companies; 20 % still open (no end date)."""
    first_day = (dt.date(2010, 1, 1) - EPOCH).days
    picks = places.draw_communes(rng, count, np.ones(count, bool))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PROGRAMMES_COLUMNS)
        for place in picks:
            start = int(rng.integers(first_day, stock_day + 1))
            end = "" if rng.random() < 0.2 else _day(start + int(rng.integers(90, 4 * 365)))
            operator = operators[rng.integers(0, len(operators))] if len(operators) else 0
            writer.writerow(
                (
                    f"{operator:09d}",
                    places.codes[place],
                    f"{rng.choice(PROGRAMME_NAMES)} {places.names[place].title()}",
                    _day(start),
                    end,
                    int(rng.integers(5, 41)),
                    f"{rng.integers(0, 500) * 1000:.2f}",
                )
            )
    return count
