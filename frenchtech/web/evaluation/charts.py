"""Server-side SVG of the evaluation: the event study with its bands, and a synthetic
control against its labelled EPCI. Geometry here, drawing in the templates.

Coordinates are machine text: written with plain Python formatting (a dot, whatever the
active language), never through Django's localised number formatting. Labels are for
people and are localised.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import get_language

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


def coordinate(value: float) -> str:
    """An SVG coordinate: one decimal, a dot."""
    return f"{value:.1f}"


def effect_label(value: float | None, scale: str, unit: str = "") -> str:
    """An effect for people: '+12,3 %' on the relative scale (localised), else the value
    and the indicator's unit."""
    if value is None or not math.isfinite(value):
        return "—"
    if scale == "relative":
        text = number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
        return f"{'+' if value > 0 else ''}{text}\u00a0%"
    text = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{'+' if value > 0 else ''}{text} {unit}".strip()


def _colon() -> str:
    # French puts a non-breaking space before a colon, English none.
    return "\u00a0:" if (get_language() or "fr").startswith("fr") else ":"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = high - low if high > low else 1.0
    raw = span / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


@dataclass
class Frame:
    """Axes shared by both charts: x over years or event times, y over values."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float
    width: int = WIDTH
    height: int = HEIGHT

    def x(self, value: float) -> float:
        span = max(self.x_max - self.x_min, 1)
        return LEFT + (value - self.x_min) / span * (self.width - LEFT - RIGHT)

    def y(self, value: float) -> float:
        span = self.y_max - self.y_min or 1.0
        return TOP + (1 - (value - self.y_min) / span) * (self.height - TOP - BOTTOM)


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: str = ""
    bottom_edge: str = ""
    y_ticks: list[dict] = field(default_factory=list)
    x_ticks: list[dict] = field(default_factory=list)
    zero: str = ""  # y of the zero line (event study)
    marker: dict = field(default_factory=dict)  # the label's date: x and its text
    bands: list[str] = field(default_factory=list)  # uniform band polygons
    intervals: list[dict] = field(default_factory=list)  # pointwise intervals
    points: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # name, path

    @property
    def is_empty(self) -> bool:
        return not self.points and not self.lines


def _frame(x_values, y_values, pad_zero: bool) -> Frame:
    finite = [v for v in y_values if v is not None and math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if pad_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    margin = (high - low) * 0.05 or 1.0
    ticks = _nice_ticks(low - margin, high + margin)
    return Frame(min(x_values), max(x_values), ticks[0], ticks[-1]), ticks


def _axes(chart: Chart, frame: Frame, ticks, y_label) -> None:
    chart.right_edge = coordinate(frame.width - RIGHT)
    chart.bottom_edge = coordinate(frame.height - BOTTOM)
    chart.y_ticks = [{"y": coordinate(frame.y(t)), "label": y_label(t)} for t in ticks]


def event_study_chart(rows: list[dict], scale: str, unit: str) -> Chart:
    """rows: event_time, estimate, lower, upper, uniform_lower, uniform_upper (published
    units), the reference year (e = −1, zero by construction) with `reference` set."""
    chart = Chart()
    if not rows:
        return chart
    times = [row["event_time"] for row in rows]
    values = [
        v
        for row in rows
        for v in (
            row["estimate"],
            row["uniform_lower"],
            row["uniform_upper"],
            row["lower"],
            row["upper"],
        )
    ]
    frame, ticks = _frame([min(times) - 0.5, max(times) + 0.5], values, pad_zero=True)
    _axes(chart, frame, ticks, lambda t: effect_label(t, scale, unit))
    chart.zero = coordinate(frame.y(0.0))
    chart.marker = {"x": coordinate(frame.x(-0.5))}
    chart.x_ticks = [{"x": coordinate(frame.x(e)), "label": str(e)} for e in times]
    for side in (
        [r for r in rows if r["event_time"] < -1],
        [r for r in rows if r["event_time"] >= 0],
    ):
        usable = [
            r for r in side if r["uniform_lower"] is not None and r["uniform_upper"] is not None
        ]
        if len(usable) >= 1:
            upper = [(frame.x(r["event_time"]), frame.y(r["uniform_upper"])) for r in usable]
            lower = [(frame.x(r["event_time"]), frame.y(r["uniform_lower"])) for r in usable]
            if len(usable) == 1:  # a band one point wide: a small box
                (x, top), (_x, bottom) = upper[0], lower[0]
                upper, lower = [(x - 4, top), (x + 4, top)], [(x - 4, bottom), (x + 4, bottom)]
            outline = upper + lower[::-1]
            chart.bands.append(" ".join(f"{coordinate(x)},{coordinate(y)}" for x, y in outline))
    for row in rows:
        x = coordinate(frame.x(row["event_time"]))
        if row["lower"] is not None and row["upper"] is not None:
            chart.intervals.append(
                {
                    "x": x,
                    "y1": coordinate(frame.y(row["lower"])),
                    "y2": coordinate(frame.y(row["upper"])),
                }
            )
        if row["estimate"] is not None:
            chart.points.append(
                {
                    "x": x,
                    "y": coordinate(frame.y(row["estimate"])),
                    "reference": row.get("reference", False),
                    "title": f"{row['event_time']}{_colon()} "
                    f"{effect_label(row['estimate'], scale, unit)}",
                }
            )
    return chart


def synthetic_control_chart(series: list[dict], group: int, scale: str) -> Chart:
    """series: year, actual, synthetic (indices, 100 = mean before the label, on the
    relative scale)."""
    chart = Chart()
    if not series:
        return chart
    years = [point["year"] for point in series]
    values = [v for point in series for v in (point["actual"], point["synthetic"])]
    frame, ticks = _frame(years, values, pad_zero=False)
    decimals = 0 if scale == "relative" else 2

    def label(value):
        return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)

    _axes(chart, frame, ticks, label)
    chart.marker = {"x": coordinate(frame.x(group - 0.5)), "label": str(group)}
    step = max(len(years) // 6, 1)
    chart.x_ticks = [{"x": coordinate(frame.x(y)), "label": str(y)} for y in years[::step]]
    for name in ("actual", "synthetic"):
        points = [(frame.x(p["year"]), frame.y(p[name])) for p in series if p[name] is not None]
        path = "M " + " L ".join(f"{coordinate(x)} {coordinate(y)}" for x, y in points)
        chart.lines.append({"name": name, "path": path})
    return chart
