"""Tampering with a stored decision, vote or audit row is detected by the command."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from frenchtech.committee.actions.sessions import (
    cast_vote,
    move_session,
    plan_session,
    record_attendance,
)
from frenchtech.committee.enums import Outcome
from frenchtech.committee.integrity import verify_committee_chains
from frenchtech.committee.models import Decision, Vote
from frenchtech.core.models import AuditEntry
from frenchtech.labels.decisions import record_state_decision
from tests.committee.builders import committee_round

pytestmark = pytest.mark.django_db


def tamper(sql, params=()):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Triggers refuse the change; a superuser can switch them off for the session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


@pytest.fixture
def history(mission):
    round_, applications, members = committee_round(applications_count=3, members_count=3)
    session = plan_session(by=mission, round_=round_, held_on=timezone.now(), quorum=3)
    record_attendance(by=mission, session=session, present_members=members)
    move_session(by=mission, session=session, transition="open")
    for someone in members:
        cast_vote(by=someone.user, session=session, application=applications[0],
                  choice=Outcome.LABELLED)  # fmt: skip
    for application, outcome in zip(applications, list(Outcome), strict=True):
        record_state_decision(by=mission, application=application, outcome=outcome,
                        reasons="Motifs.", recommendations="Recommandations.")  # fmt: skip
    return applications


def run_command():
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("verify_committee_integrity", stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_an_untouched_history_verifies(history):
    assert verify_committee_chains() == []
    ok, out, _err = run_command()
    assert ok
    assert "committee.decision: 3 rows, chain intact" in out
    assert "core.auditentry" in out


def test_a_changed_decision_is_detected(history):
    decision = Decision.objects.order_by("id")[1]
    tamper("UPDATE committee_decision SET outcome = %s WHERE id = %s",
           [Outcome.LABELLED, decision.pk])  # fmt: skip
    ok, _out, err = run_command()
    assert not ok
    assert f"TAMPERED committee.decision {decision.pk}: content does not match its hash" in err


def test_a_removed_decision_is_detected_even_the_last_one(history):
    last = Decision.objects.order_by("-id").first()
    tamper("DELETE FROM committee_decision WHERE id = %s", [last.pk])
    ok, _out, err = run_command()
    assert not ok
    assert f"committee.decision {last.pk}: row recorded in the audit log is missing" in err


def test_a_changed_vote_is_detected(history):
    vote = Vote.objects.order_by("id").first()
    tamper("UPDATE committee_vote SET choice = %s WHERE id = %s", [Outcome.REFUSED, vote.pk])
    ok, _out, err = run_command()
    assert not ok
    assert f"committee.vote {vote.pk}" in err


def test_a_rehashed_forgery_is_still_detected_by_the_audit_log(history):
    """A forger who recomputes the row's own hash still breaks the audit log's record."""
    decision = Decision.objects.order_by("id").first()
    decision.outcome = Outcome.REFUSED
    forged = decision.compute_hash()
    tamper("UPDATE committee_decision SET outcome = %s, entry_hash = %s WHERE id = %s",
           [Outcome.REFUSED, forged, decision.pk])  # fmt: skip
    ok, _out, err = run_command()
    assert not ok
    assert "hash differs from the one the audit log recorded" in err


@pytest.mark.tampers_audit_log
def test_a_changed_audit_row_is_detected(history):
    entry = AuditEntry.objects.filter(object_type="committee.decision").order_by("id").first()
    tamper("UPDATE core_auditentry SET action = %s WHERE id = %s", ["forged", entry.pk])
    ok, _out, err = run_command()
    assert not ok
    assert f"TAMPERED core.auditentry {entry.pk}: content does not match its hash" in err


def test_postgresql_itself_refuses_to_change_a_decision(history):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    decision = Decision.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE committee_decision SET reasons = 'x' WHERE id = %s", [decision.pk])
