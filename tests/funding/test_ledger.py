"""The ledger: balanced postings, derived balances, no over-commitment, reconciliation."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from frenchtech.core.models import AppendOnlyError
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger
from frenchtech.funding.actions.money import (
    commit_funds,
    decommit_funds,
    pay_out,
    reserve_sub_allocation,
)
from frenchtech.funding.errors import OverCommitment
from frenchtech.funding.models import LedgerEntry
from frenchtech.funding.reconciliation import reconcile
from tests.funding.factories import TODAY, make_envelope

pytestmark = pytest.mark.django_db


def test_a_new_envelope_is_endowed_in_the_ledger(mission_officer):
    envelope = make_envelope(1_000_00)
    assert ledger.envelope_balances(envelope) == ledger.Balances(
        endowment=1_000_00, available=1_000_00
    )
    assert reconcile() == []


def test_commit_decommit_and_pay_move_money_between_accounts(mission_officer):
    envelope = make_envelope(1_000_00)
    commitment = commit_funds(by=mission_officer, envelope=envelope, amount_cents=600_00, memo="A")
    decommit_funds(by=mission_officer, commitment=commitment, amount_cents=100_00, reason="réduit")
    pay_out(by=mission_officer, commitment=commitment, amount_cents=200_00, label="tranche 1")
    balances = ledger.envelope_balances(envelope)
    assert balances == ledger.Balances(1_000_00, available=500_00, committed=300_00, paid=200_00)
    assert ledger.commitment_outstanding(commitment) == 300_00
    assert reconcile() == []
    call_command("reconcile_ledger")


def test_committing_beyond_the_envelope_is_refused_with_what_is_left(mission_officer):
    envelope = make_envelope(1_000_00)
    commit_funds(by=mission_officer, envelope=envelope, amount_cents=700_00, memo="A")
    with pytest.raises(OverCommitment, match=r"il reste 300\u00a0€ disponibles .* 400\u00a0€"):
        commit_funds(by=mission_officer, envelope=envelope, amount_cents=400_00, memo="B")
    assert ledger.envelope_balances(envelope).committed == 700_00


def test_paying_or_releasing_more_than_committed_is_refused(mission_officer):
    envelope = make_envelope(1_000_00)
    commitment = commit_funds(by=mission_officer, envelope=envelope, amount_cents=100_00, memo="A")
    with pytest.raises(ActionRefused, match="Versement refusé"):
        pay_out(by=mission_officer, commitment=commitment, amount_cents=100_01, label="trop")
    with pytest.raises(ActionRefused, match="Désengagement refusé"):
        decommit_funds(by=mission_officer, commitment=commitment, amount_cents=100_01, reason="x")


def test_a_reserved_share_is_kept_for_its_purpose(mission_officer):
    envelope = make_envelope(1_000_00)
    reserved = reserve_sub_allocation(
        by=mission_officer, envelope=envelope, name="Écosystèmes labellisés", amount_cents=600_00
    )
    with pytest.raises(OverCommitment, match="réserve générale"):
        commit_funds(by=mission_officer, envelope=envelope, amount_cents=500_00, memo="général")
    commit_funds(
        by=mission_officer,
        envelope=envelope,
        amount_cents=600_00,
        memo="labellisé",
        sub_allocation=reserved,
    )
    with pytest.raises(OverCommitment, match="Écosystèmes labellisés"):
        commit_funds(
            by=mission_officer, envelope=envelope, amount_cents=1, memo="x", sub_allocation=reserved
        )
    with pytest.raises(OverCommitment, match="Réservation refusée"):
        reserve_sub_allocation(by=mission_officer, envelope=envelope, name="B", amount_cents=500_00)
    assert ledger.envelope_balances(envelope).available == 400_00
    assert reconcile() == []


def test_an_expired_envelope_commits_nothing(mission_officer):
    envelope = make_envelope(
        1_000_00, valid_from=TODAY.replace(year=2014), valid_until=TODAY.replace(year=2019)
    )
    with pytest.raises(ActionRefused, match="n'est valable que du"):
        commit_funds(by=mission_officer, envelope=envelope, amount_cents=1, memo="tard")


def test_only_fund_managers_commit(client_for):
    from django.core.exceptions import PermissionDenied

    from frenchtech.accounts.enums import Role
    from tests.factories import UserWithRoleFactory

    envelope = make_envelope(1_000_00)
    for role in (Role.COMMITTEE_MEMBER, Role.CONSORTIUM_LEAD, Role.ACCELERATOR_MANAGER):
        with pytest.raises(PermissionDenied):
            commit_funds(by=UserWithRoleFactory(role), envelope=envelope, amount_cents=1, memo="x")


def test_ledger_rows_cannot_be_changed_or_deleted(mission_officer):
    envelope = make_envelope(1_000_00)
    entry = LedgerEntry.objects.filter(envelope=envelope).first()
    entry.amount_cents = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def _tamper(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_reconciliation_fails_loudly_when_the_ledger_and_decisions_differ(mission_officer):
    envelope = make_envelope(1_000_00)
    commitment = commit_funds(by=mission_officer, envelope=envelope, amount_cents=100_00, memo="A")
    _tamper("UPDATE funding_commitment SET amount_cents = %s WHERE id = %s", [50_00, commitment.pk])
    problems = [str(p) for p in reconcile()]
    assert any("commitment: ledger moved 10000 but decisions total 5000" in p for p in problems)
    with pytest.raises(CommandError, match="ledger does not match the decisions"):
        call_command("reconcile_ledger")


def test_reconciliation_detects_an_unbalanced_transaction(mission_officer):
    envelope = make_envelope(1_000_00)
    entry = LedgerEntry.objects.filter(envelope=envelope, side="debit").get()
    _tamper("UPDATE funding_ledgerentry SET amount_cents = %s WHERE id = %s", [999_00, entry.pk])
    problems = [str(p) for p in reconcile()]
    assert any("unbalanced" in p for p in problems)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_itself_refuses_to_change_the_ledger(mission_officer):
    from django.db import DatabaseError, transaction

    make_envelope(1_000_00)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE funding_ledgerentry SET amount_cents = 1")
