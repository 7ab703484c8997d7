"""Property tests: whatever the sequence of commitments, de-commitments and payments,
no balance goes negative, nothing exceeds the envelope, and the ledger stays balanced."""

import pytest
from django.db import transaction
from django.db.models import F, Q, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger
from frenchtech.funding.actions.money import (
    commit_funds,
    decommit_funds,
    pay_out,
    reserve_sub_allocation,
)
from frenchtech.funding.models import LedgerEntry
from frenchtech.funding.reconciliation import reconcile
from tests.funding.factories import make_envelope

pytestmark = pytest.mark.django_db

ENVELOPE = 1_000_00
RESERVED = 300_00

amounts = st.integers(min_value=1, max_value=ENVELOPE // 2)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("commit"), amounts, st.booleans()),
        st.tuples(st.just("decommit"), amounts, st.integers(0, 30)),
        st.tuples(st.just("pay"), amounts, st.integers(0, 30)),
    ),
    max_size=15,
)


class _Rollback(Exception):
    pass


def _assert_invariants(envelope, reserved, expected):
    pools = ledger.balances_by_pool(envelope)
    for balances in pools.values():
        assert balances.available >= 0
        assert balances.committed >= 0
        assert balances.paid >= 0
    total = sum(pools.values(), ledger.Balances())
    assert total.committed + total.paid <= ENVELOPE
    assert total.available + total.committed + total.paid == ENVELOPE
    assert pools[reserved.pk].available + pools[reserved.pk].committed_total == RESERVED
    unbalanced = (
        LedgerEntry.objects.values("transaction_id")
        .annotate(
            debits=Sum("amount_cents", filter=Q(side="debit")),
            credits=Sum("amount_cents", filter=Q(side="credit")),
        )
        .exclude(debits=F("credits"))
    )
    assert not unbalanced.exists()
    # The ledger agrees with a plain Python model of the same accepted operations.
    assert (total.available, total.committed, total.paid) == expected


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations)
def test_random_movements_keep_the_ledger_sound(mission_officer, operations):
    try:
        with transaction.atomic():
            envelope = make_envelope(ENVELOPE)
            reserved = reserve_sub_allocation(
                by=mission_officer, envelope=envelope, name="réserve", amount_cents=RESERVED
            )
            pool_left = {None: ENVELOPE - RESERVED, reserved.pk: RESERVED}
            commitments = []  # [commitment, outstanding]
            committed = paid = 0
            for kind, amount, choice in operations:
                try:
                    if kind == "commit":
                        pool = reserved if choice else None
                        commitment = commit_funds(
                            by=mission_officer,
                            envelope=envelope,
                            amount_cents=amount,
                            memo="p",
                            sub_allocation=pool,
                        )
                        assert amount <= pool_left[pool.pk if pool else None]
                        pool_left[pool.pk if pool else None] -= amount
                        commitments.append([commitment, amount])
                        committed += amount
                    elif commitments:
                        target = commitments[choice % len(commitments)]
                        if kind == "decommit":
                            decommit_funds(
                                by=mission_officer,
                                commitment=target[0],
                                amount_cents=amount,
                                reason="p",
                            )
                            pool_left[target[0].sub_allocation_id] += amount
                            committed -= amount
                        else:
                            pay_out(
                                by=mission_officer,
                                commitment=target[0],
                                amount_cents=amount,
                                label="p",
                            )
                            committed -= amount
                            paid += amount
                        assert amount <= target[1]
                        target[1] -= amount
                except ActionRefused:
                    # Refused only when it really did not fit.
                    if kind == "commit":
                        assert amount > pool_left[reserved.pk if choice else None]
                    else:
                        assert amount > commitments[choice % len(commitments)][1]
                expected = (sum(pool_left.values()), committed, paid)
                _assert_invariants(envelope, reserved, expected)
            assert reconcile() == []
            raise _Rollback
    except _Rollback:
        pass
