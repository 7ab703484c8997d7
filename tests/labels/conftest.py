import datetime as dt

import pytest

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions as call_actions
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application
from frenchtech.committee.enums import Outcome
from frenchtech.core.actor import SYSTEM
from frenchtech.labels import actions
from frenchtech.labels.decisions import record_state_decision
from tests.calls.factories import NO_OBSERVATORY, CallFactory, consortium, editor_of, lead_of
from tests.factories import UserWithRoleFactory

GRANTED = dt.date(2024, 3, 15)


@pytest.fixture
def mission(db):
    return UserWithRoleFactory(Role.MISSION_OFFICER)


@pytest.fixture
def lyon(db):
    return consortium("French Tech Lyon (test)", "lyon")


@pytest.fixture
def lead(lyon):
    return lead_of(lyon)


@pytest.fixture
def editor(lyon):
    return editor_of(lyon)


@pytest.fixture
def application(lyon, lead):
    return call_actions.start_application(
        call=CallFactory(), consortium=lyon, by=lead, store=NO_OBSERVATORY
    )


def decide_to_label(application, by, decided_at=GRANTED, replaces_live_label=False):
    """The State's decision to label `application` (put before the committee first): the
    only way a label follows a decision. Returns the label."""
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.READY_FOR_COMMITTEE)
    decision = record_state_decision(
        by=by,
        application=application,
        outcome=Outcome.LABELLED,
        reasons="Écosystème de niveau international (test).",
        decided_at=decided_at,
        replaces_live_label=replaces_live_label,
    )
    return decision.label


@pytest.fixture
def label(application, mission):
    return decide_to_label(application, mission)


def make_label(organisation, granted_at=GRANTED, by=SYSTEM):
    return actions.record_label_without_decision(
        consortium=organisation, granted_at=granted_at, by=by, public_reason="Label historique."
    )
