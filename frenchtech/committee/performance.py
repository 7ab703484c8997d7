"""The performance table of a round: observatory indicators of each consortium's EPCI and
the committee's average submitted review scores, per model criterion."""

from collections import defaultdict

from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE


def _observatory_values(epci_codes) -> dict[str, dict[str, float]]:
    """{EPCI code: {indicator: value of the last complete year}}; empty without a snapshot."""
    try:
        snapshot = published.latest()
    except Exception:  # the committee must never break because the observatory is down
        snapshot = None
    if snapshot is None:
        return {}
    result = {}
    for code in epci_codes:
        values = {}
        for indicator, points in published.series(snapshot, "epci", code).items():
            years = [year for year, _value in points]
            year = published.default_year(snapshot, years)
            chosen = [value for y, value in points if y == year]
            if chosen and chosen[0] is not None:
                values[indicator] = float(chosen[0])
            elif CATALOGUE[indicator].missing_means_zero:
                values[indicator] = 0.0
        result[code] = values
    return result


def review_averages(round_, applications) -> dict[int, dict[int, float]]:
    sums = defaultdict(lambda: defaultdict(list))
    for review in round_.reviews.filter(
        application__in=applications, submitted_at__isnull=False
    ).only("application_id", "scores"):
        for number, item in review.scores.items():
            if item.get("score") is not None:
                sums[review.application_id][int(number)].append(item["score"])
    return {
        application_id: {n: sum(s) / len(s) for n, s in by_number.items()}
        for application_id, by_number in sums.items()
    }


def performance_rows(round_, applications, definition, review_sources) -> dict[int, dict]:
    applications = list(applications)
    observatory = _observatory_values({a.consortium.territory_id for a in applications})
    averages = review_averages(round_, applications)
    rows = {}
    for application in applications:
        figures = observatory.get(application.consortium.territory_id, {})
        values = {}
        for criterion in definition["criteria"]:
            criterion_id = criterion["id"]
            if criterion_id in review_sources:
                number = int(review_sources[criterion_id])
                values[criterion_id] = averages.get(application.pk, {}).get(number)
            else:
                values[criterion_id] = figures.get(criterion_id)
        rows[application.pk] = values
    return rows
