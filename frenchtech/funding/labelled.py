"""Whether an ecosystem carries the French Tech label today (promotion abroad is for them)."""

from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.models import Label

# A suspended label keeps its history but is not promoted abroad while suspended.
PROMOTABLE_STATUSES = (LabelStatus.EXPERIMENTATION, LabelStatus.CONFIRMED)


def carries_label(consortium) -> bool:
    return Label.objects.filter(consortium=consortium, status__in=PROMOTABLE_STATUSES).exists()
