"""A small set of labels at every stage, through the actions."""

import datetime as dt

from frenchtech.core.actor import SYSTEM
from frenchtech.labels import actions
from frenchtech.labels.enums import AuditOutcome
from tests.calls.factories import consortium
from tests.labels.conftest import make_label


def labels_at_every_stage(mission):
    """Lyon suspended during its experimentation, Bordeaux confirmed, Nantes expired."""
    lyon = make_label(consortium("French Tech Lyon (test)", "lyon"), dt.date(2024, 3, 1))
    lyon = actions.suspend_label(
        label=lyon,
        by=mission,
        reasons="Gouvernance contestée.",
        public_reason="Gouvernance en cours de clarification.",
        on=dt.date(2024, 9, 1),
    )
    bordeaux = make_label(
        consortium("French Tech Bordeaux (test)", "bordeaux"), dt.date(2015, 6, 1)
    )
    bordeaux = actions.record_audit(
        label=bordeaux,
        by=mission,
        outcome=AuditOutcome.CONFIRM,
        reasons="Jalons tenus.",
        public_reason="Audit favorable.",
        on=dt.date(2016, 6, 10),
    )
    nantes = make_label(consortium("French Tech Nantes (test)", "nantes"), dt.date(2015, 1, 5))
    actions.expire_labels(by=SYSTEM, now=dt.date(2016, 2, 1))
    nantes.refresh_from_db()
    return lyon, bordeaux, nantes
