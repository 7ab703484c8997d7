"""What the public site shows of labels: current status and history per ecosystem."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from frenchtech.labels.models import Label, LabelEvent


@dataclass
class LabelledConsortium:
    """A labelled consortium: its labels, newest first; the first one is its current status."""

    consortium: object
    labels: list = field(default_factory=list)

    @property
    def current(self):
        return self.labels[0]

    @property
    def epci(self):
        return self.current.epci

    @property
    def history(self) -> list:
        return sorted(
            (event for label in self.labels for event in label.events.all()),
            key=lambda event: (event.occurred_at, event.id),
        )


def labels_with_history():
    return Label.objects.select_related("consortium", "epci").prefetch_related(
        Prefetch("events", queryset=LabelEvent.objects.order_by("occurred_at", "id"))
    )


def labelled_consortia(queryset=None) -> list[LabelledConsortium]:
    by_consortium: dict[int, LabelledConsortium] = {}
    labels = (queryset if queryset is not None else labels_with_history()).order_by(
        "-granted_at", "-id"
    )
    for label in labels:
        entry = by_consortium.setdefault(label.consortium_id, LabelledConsortium(label.consortium))
        entry.labels.append(label)
    return sorted(by_consortium.values(), key=lambda e: (e.epci.name, e.consortium.name))


def history_rows(label) -> list[dict]:
    """The public history as plain data (exports)."""
    return [
        {
            "date": event.occurred_at.isoformat(),
            "event": event.kind,
            "public_reason": event.public_reason,
        }
        for event in label.events.all()
    ]
