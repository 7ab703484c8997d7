import datetime as dt

import pytest

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions as call_actions
from frenchtech.labels import actions
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


@pytest.fixture
def label(application, mission):
    return actions.grant_label(
        application=application, decision_id=41, decided_at=GRANTED, by=mission
    )


def make_label(organisation, granted_at=GRANTED, by=None):
    return actions.record_label_without_decision(
        consortium=organisation, granted_at=granted_at, by=by, public_reason="Label historique."
    )
