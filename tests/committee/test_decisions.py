"""The State's decision: motivated, applies the calls transition, append-only; votes too."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frenchtech.accounts.enums import Role
from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.actions.members import declare_conflict
from frenchtech.committee.actions.sessions import (
    cast_vote,
    move_session,
    plan_session,
    record_attendance,
    record_recommendation,
)
from frenchtech.committee.enums import ConflictKind, Outcome
from frenchtech.committee.letters import decision_letter_pdf
from frenchtech.core.models import AppendOnlyError
from frenchtech.core.refusals import ActionRefused
from frenchtech.core.workflow import transition_log
from frenchtech.labels.decisions import record_state_decision
from tests.committee.builders import committee_round
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("outcome", "state"),
    [
        (Outcome.LABELLED, ApplicationState.LABELLED),
        (Outcome.RETURNED, ApplicationState.RETURNED_WITH_RECOMMENDATIONS),
        (Outcome.REFUSED, ApplicationState.REFUSED),
    ],
)
def test_a_decision_moves_the_application_and_logs_its_reasons(mission, outcome, state):
    round_, (application,), _ = committee_round(applications_count=1, members_count=0)
    decision = record_state_decision(
        by=mission,
        application=application,
        outcome=outcome,
        reasons="Écosystème de niveau international.",
        recommendations="Renforcer le volet international." if outcome == Outcome.RETURNED else "",
        round_=round_,
    )
    application.refresh_from_db()
    assert application.state == state
    last = transition_log(application).last()
    assert last.to_state == state
    assert "Écosystème de niveau international." in last.reason
    assert decision_letter_pdf(decision).startswith(b"%PDF")


def test_a_decision_needs_reasons_the_mission_and_the_right_state(mission):
    _round, (application,), _ = committee_round(applications_count=1, members_count=0)
    with pytest.raises(ActionRefused):
        record_state_decision(
            by=mission, application=application, outcome=Outcome.LABELLED, reasons=" "
        )
    with pytest.raises(ActionRefused, match="recommandations"):
        record_state_decision(by=mission, application=application, outcome=Outcome.RETURNED,
                        reasons="Pas encore.")  # fmt: skip
    with pytest.raises(PermissionDenied):
        record_state_decision(by=UserWithRoleFactory(Role.COMMITTEE_MEMBER),
                              application=application, outcome=Outcome.LABELLED,
                              reasons="x")  # fmt: skip
    record_state_decision(
        by=mission, application=application, outcome=Outcome.REFUSED, reasons="Non."
    )
    with pytest.raises(ActionRefused, match="état"):
        record_state_decision(by=mission, application=application, outcome=Outcome.LABELLED,
                        reasons="Finalement oui.")  # fmt: skip


def test_decisions_cannot_be_changed_or_deleted(mission):
    _round, (application,), _ = committee_round(applications_count=1, members_count=0)
    decision = record_state_decision(
        by=mission, application=application, outcome=Outcome.LABELLED, reasons="Oui."
    )
    decision.reasons = "Autre chose."
    with pytest.raises(AppendOnlyError):
        decision.save()
    with pytest.raises(AppendOnlyError):
        decision.delete()


@pytest.fixture
def open_session(mission):
    round_, (application,), members = committee_round(applications_count=1, members_count=4)
    session = plan_session(by=mission, round_=round_, held_on=timezone.now(), quorum=3)
    return session, application, members


def test_quorum_opens_the_session_and_members_vote_once(open_session, mission):
    session, application, members = open_session
    record_attendance(by=mission, session=session, present_members=members[:2])
    with pytest.raises(ActionRefused, match="Quorum"):
        move_session(by=mission, session=session, transition="open")
    record_attendance(by=mission, session=session, present_members=members[:3])
    move_session(by=mission, session=session, transition="open")
    with pytest.raises(PermissionDenied):  # absent
        cast_vote(by=members[3].user, session=session, application=application,
                  choice=Outcome.LABELLED)  # fmt: skip
    vote = cast_vote(by=members[0].user, session=session, application=application,
                     choice=Outcome.LABELLED)  # fmt: skip
    with pytest.raises(ActionRefused, match="déjà voté"):
        cast_vote(by=members[0].user, session=session, application=application,
                  choice=Outcome.REFUSED)  # fmt: skip
    vote.choice = Outcome.REFUSED
    with pytest.raises(AppendOnlyError):
        vote.save()
    with pytest.raises(ActionRefused, match="quorum"):
        record_recommendation(by=mission, session=session, application=application,
                              outcome=Outcome.LABELLED)  # fmt: skip
    for someone in members[1:3]:
        cast_vote(by=someone.user, session=session, application=application,
                  choice=Outcome.LABELLED)  # fmt: skip
    recommendation = record_recommendation(
        by=mission, session=session, application=application, outcome=Outcome.LABELLED
    )
    assert (recommendation.votes_for, recommendation.votes_cast) == (3, 3)


def test_a_conflicted_member_cannot_vote(open_session, mission):
    session, application, members = open_session
    record_attendance(by=mission, session=session, present_members=members)
    move_session(by=mission, session=session, transition="open")
    declare_conflict(by=members[0].user, member=members[0], application=application,
                     kind=ConflictKind.PERSONAL)  # fmt: skip
    with pytest.raises(PermissionDenied):
        cast_vote(by=members[0].user, session=session, application=application,
                  choice=Outcome.LABELLED)  # fmt: skip


def test_no_vote_once_the_session_is_closed(open_session, mission):
    session, application, members = open_session
    record_attendance(by=mission, session=session, present_members=members)
    move_session(by=mission, session=session, transition="open")
    move_session(by=mission, session=session, transition="close")
    with pytest.raises(PermissionDenied):
        cast_vote(by=members[0].user, session=session, application=application,
                  choice=Outcome.LABELLED)  # fmt: skip
    assert session.held_on <= timezone.now() + dt.timedelta(seconds=1)
