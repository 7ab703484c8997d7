"""The labels' history as the evaluation reads it: one entry per labelled EPCI.

The group of an EPCI is the calendar year of its first label. A label withdrawn or
expired leaves the EPCI labelled for the evaluation (intention to treat: what is
evaluated is having been labelled, and a withdrawal is itself an outcome of the label);
a relabelling does not start a new group. Both are shown beside the results.
"""

import hashlib
from dataclasses import dataclass, field

from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.models import Label


@dataclass
class LabelledEpci:
    code: str
    first_granted: object  # date of the first label
    labels: int = 0
    withdrawn: bool = False
    renewed: bool = False
    granted: list = field(default_factory=list)

    @property
    def group(self) -> int:
        return self.first_granted.year


def label_history() -> tuple[dict[str, LabelledEpci], str]:
    """Labelled EPCI by code, and a fingerprint of the rows they were built from (the
    results' cache key: a new label, withdrawal or renewal changes it). One query."""
    rows = list(
        Label.objects.order_by("granted_at", "id").values_list(
            "id", "epci_id", "granted_at", "status", "ended_at", "renews_id"
        )
    )
    history: dict[str, LabelledEpci] = {}
    for _id, code, granted_at, status, _ended_at, renews in rows:
        entry = history.setdefault(code, LabelledEpci(code, granted_at))
        entry.labels += 1
        entry.granted.append(granted_at)
        entry.withdrawn |= status == LabelStatus.WITHDRAWN
        entry.renewed |= renews is not None or entry.labels > 1
    text = "|".join(f"{i}:{c}:{g}:{s}:{e}:{r}" for i, c, g, s, e, r in rows)
    return history, hashlib.sha256(text.encode()).hexdigest()[:16]
