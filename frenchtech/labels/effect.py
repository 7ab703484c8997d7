"""A descriptive before/after comparison of labelled and non-labelled EPCI.

For each kind of EPCI (métropole, communauté urbaine, communauté d'agglomération) and
each grant year g, the labelled EPCI granted in g are compared with the EPCI of the same
kind never labelled: mean of the indicator over the years before g and from g on, and the
difference of the two differences. Descriptive only: labelled territories were chosen,
not drawn at random, so the difference is not an effect of the label.
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from frenchtech.territories.enums import EpciKind

INDICATOR = "digital_creations_per_100k"
COMPARED_KINDS = (
    EpciKind.METROPOLE,
    EpciKind.COMMUNAUTE_URBAINE,
    EpciKind.COMMUNAUTE_AGGLOMERATION,
)


@dataclass(frozen=True)
class Comparison:
    kind: str
    grant_year: int
    labelled_count: int
    comparison_count: int
    labelled_before: float | None
    labelled_after: float | None
    comparison_before: float | None
    comparison_after: float | None

    @property
    def kind_label(self) -> str:
        return EpciKind(self.kind).label

    @property
    def labelled_change(self) -> float | None:
        return _difference(self.labelled_after, self.labelled_before)

    @property
    def comparison_change(self) -> float | None:
        return _difference(self.comparison_after, self.comparison_before)

    @property
    def difference_in_differences(self) -> float | None:
        return _difference(self.labelled_change, self.comparison_change)


def _difference(a, b):
    return None if a is None or b is None else a - b


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def compare(rows, kinds: dict[str, str], grant_years: dict[str, int]) -> list[Comparison]:
    """`rows`: (epci code, year, value); `kinds`: epci code → kind (the compared kinds);
    `grant_years`: labelled epci code → year of its first label."""
    values = defaultdict(list)  # code → [(year, value)]
    for code, year, value in rows:
        if value is not None and code in kinds:
            values[code].append((year, value))
    never_labelled = defaultdict(list)
    for code, kind in kinds.items():
        if code not in grant_years:
            never_labelled[kind].append(code)
    cohorts = defaultdict(list)  # (kind, grant year) → [code]
    for code, year in grant_years.items():
        if code in kinds:
            cohorts[(kinds[code], year)].append(code)

    def split(codes, year):
        before = [v for c in codes for y, v in values[c] if y < year]
        after = [v for c in codes for y, v in values[c] if y >= year]
        return _mean(before), _mean(after)

    result = []
    order = {kind: index for index, kind in enumerate(COMPARED_KINDS)}
    for (kind, year), codes in sorted(cohorts.items(), key=lambda i: (order[i[0][0]], i[0][1])):
        labelled_before, labelled_after = split(codes, year)
        comparison_before, comparison_after = split(never_labelled[kind], year)
        result.append(
            Comparison(
                kind,
                year,
                len(codes),
                len(never_labelled[kind]),
                labelled_before,
                labelled_after,
                comparison_before,
                comparison_after,
            )
        )
    return result
