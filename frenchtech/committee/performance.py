"""The performance table of a round: observatory indicators of each consortium's EPCI and
the committee's average submitted review scores, per model criterion."""

from collections import defaultdict

from frenchtech.observatory import published


def _observatory_values(epci_codes) -> dict[str, dict[str, float]]:
    """{EPCI code: {indicator: value in its programme year}}; empty without a snapshot.

    The year rule, the zero of an absent count and a broken store (logged, no figures) are
    the observatory's (`frenchtech/observatory/published.py`)."""
    result = {}
    for code in epci_codes:
        found = published.territory_figures("epci", code)
        if found.snapshot is None:
            return {}
        result[code] = {
            name: float(figure.value)
            for name, figure in found.figures.items()
            if figure.value is not None
        }
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
