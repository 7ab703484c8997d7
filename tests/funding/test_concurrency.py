"""Fifty approvals at the same second never take an envelope beyond its amount."""

import threading

import pytest
from django.db import connection

from frenchtech.accounts.enums import Role
from frenchtech.funding import ledger
from frenchtech.funding.actions.money import commit_funds
from frenchtech.funding.errors import OverCommitment
from frenchtech.funding.models import Commitment
from frenchtech.funding.reconciliation import reconcile
from tests.factories import UserWithRoleFactory
from tests.funding.factories import make_envelope

ENVELOPE_CENTS = 1_000_000_00


def _attempt_amount(index: int, threads: int) -> int:
    # Uneven amounts averaging twice the envelope divided among the threads.
    return 2 * ENVELOPE_CENTS // threads + (index - threads // 2) * 100_00


def _run_parallel_commitments(threads: int):
    officer = UserWithRoleFactory(Role.MISSION_OFFICER)
    envelope = make_envelope(ENVELOPE_CENTS)
    start = threading.Barrier(threads)
    accepted, refused, errors = [], [], []

    def attempt(index):
        try:
            start.wait()
            commitment = commit_funds(
                by=officer,
                envelope=envelope,
                amount_cents=_attempt_amount(index, threads),
                memo=f"#{index}",
            )
            accepted.append(commitment.amount_cents)
        except OverCommitment as refusal:
            refused.append(str(refusal))
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=attempt, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return envelope, accepted, refused, errors


def _assert_never_over_committed(threads, envelope, accepted, refused, errors):
    assert errors == []
    assert len(accepted) + len(refused) == threads
    total_asked = sum(_attempt_amount(i, threads) for i in range(threads))
    assert total_asked > ENVELOPE_CENTS
    assert refused, "the attempts ask for more than the envelope: some must be refused"
    balances = ledger.envelope_balances(envelope)
    assert balances.committed == sum(accepted) <= ENVELOPE_CENTS
    assert balances.available == ENVELOPE_CENTS - sum(accepted) >= 0
    assert Commitment.objects.count() == len(accepted)
    # Every refusal says why, with what was left at that moment.
    assert all(r.startswith("Engagement refusé : il reste ") for r in refused)
    assert all("Une enveloppe ne peut jamais être dépassée" in r for r in refused)
    # Refused only when the amount really did not fit any more.
    assert balances.available < max(_attempt_amount(i, threads) for i in range(threads))
    assert reconcile() == []


@pytest.mark.postgres
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"
)
def test_fifty_parallel_commitments_on_postgresql(reference_after_flush):
    outcome = _run_parallel_commitments(50)
    _assert_never_over_committed(50, *outcome)


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the SQLite variant of the same test")
def test_parallel_commitments_on_sqlite(reference_after_flush):
    if connection.is_in_memory_db():
        pytest.skip(
            "SQLite in-memory test database: its shared cache fails concurrent writers at once "
            "('database table is locked') instead of queueing them like BEGIN IMMEDIATE on a "
            "file does; set DATABASES TEST NAME to a file to run this variant"
        )
    outcome = _run_parallel_commitments(8)
    _assert_never_over_committed(8, *outcome)
