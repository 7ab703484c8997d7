"""Small server-rendered SVG charts: geometry computed here, drawn by the template.

Coordinates are machine text (`core.numbers.plain`: a dot, whatever the language); labels
are for people and localised.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format

from frenchtech.core.numbers import plain


@dataclass
class LineChart:
    width: int
    height: int
    path: str = ""
    points: list[dict] = field(default_factory=list)
    y_ticks: list[dict] = field(default_factory=list)
    x_ticks: list[dict] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.points


def format_value(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "ratio":
        return number_format(value, decimal_pos=3, use_l10n=True, force_grouping=True)
    return number_format(round(value), decimal_pos=0, use_l10n=True, force_grouping=True)


def line_chart(points: list[tuple[int, float]], kind: str, width=360, height=140) -> LineChart:
    """A line of (year, value) points with 3 horizontal grid lines and year labels."""
    chart = LineChart(width, height)
    if not points:
        return chart
    left, right, top, bottom = 56, 8, 8, 22
    years = [year for year, _ in points]
    values = [value for _, value in points]
    x_min, x_max = min(years), max(years)
    y_min, y_max = min(0.0, min(values)), max(values)
    if y_max == y_min:
        y_max = y_min + 1

    def x(year):
        span = max(x_max - x_min, 1)
        return left + (year - x_min) / span * (width - left - right)

    def y(value):
        return top + (1 - (value - y_min) / (y_max - y_min)) * (height - top - bottom)

    chart.points = [
        {
            "x": plain(x(year)),
            "y": plain(y(value)),
            "year": year,
            "label": format_value(value, kind),
        }
        for year, value in points
    ]
    chart.path = "M " + " L ".join(f"{p['x']} {p['y']}" for p in chart.points)
    for fraction in (0, 0.5, 1):
        value = y_min + fraction * (y_max - y_min)
        chart.y_ticks.append({"y": plain(y(value)), "label": format_value(value, kind)})
    label_years = sorted({x_min, x_max, *years[:: max(len(years) // 4, 1)]})
    chart.x_ticks = [{"x": plain(x(year)), "label": str(year)} for year in label_years]
    return chart
