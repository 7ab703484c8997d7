"""The review grid: half-point scores 0–5 per criterion, thresholds per criterion and total."""

from dataclasses import dataclass

HALF_POINTS = tuple(step / 2 for step in range(11))  # 0, 0.5, … 5


def is_valid_score(value) -> bool:
    return value in HALF_POINTS


@dataclass(frozen=True)
class Verdict:
    averages: dict  # criterion number → average score (None when nobody scored it)
    total: float | None
    failed_criteria: list  # numbers under the per-criterion threshold
    passes: bool | None  # None until every criterion has a score


def verdict(round_, reviews) -> Verdict:
    """Averages of the submitted reviews against the round's thresholds."""
    submitted = [review for review in reviews if review.is_submitted]
    numbers = [criterion["number"] for criterion in round_.criteria]
    averages = {}
    for number in numbers:
        scores = [r.score_of(number) for r in submitted if r.score_of(number) is not None]
        averages[number] = round(sum(scores) / len(scores), 2) if scores else None
    if any(value is None for value in averages.values()) or not numbers:
        return Verdict(averages, None, [], None)
    total = round(sum(averages.values()), 2)
    failed = [n for n, value in averages.items() if value < round_.criterion_threshold]
    return Verdict(averages, total, failed, not failed and total >= round_.total_threshold)
