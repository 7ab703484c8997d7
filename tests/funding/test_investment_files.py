"""An investment file from expression of interest to portfolio, and its refusals."""

import pytest
from django.core.exceptions import PermissionDenied

from frenchtech.accounts.enums import Role
from frenchtech.core.refusals import ActionRefused
from frenchtech.core.workflow import TransitionRefused, transition_log
from frenchtech.funding import ledger
from frenchtech.funding.actions import investments as act
from frenchtech.funding.eligibility import AcceleratorRefused
from frenchtech.funding.errors import OverCommitment
from frenchtech.funding.models import CoInvestor
from frenchtech.funding.reconciliation import reconcile
from frenchtech.territories.models import Epci
from tests.factories import OrganisationFactory, UserWithRoleFactory
from tests.funding.factories import make_accelerator, make_envelope
from tests.funding.investment_steps import file_at

pytestmark = pytest.mark.django_db


def test_a_file_goes_from_interest_to_portfolio(mission_officer):
    envelope = make_envelope(10_000_000_00)
    investment_file = file_at(
        "portfolio", by=mission_officer, accelerator=make_accelerator(), envelope=envelope
    )
    assert investment_file.state == "portfolio"
    assert [e.to_state for e in transition_log(investment_file)] == [
        "due_diligence",
        "investment_committee",
        "approved",
        "committed",
        "portfolio",
    ]
    balances = ledger.envelope_balances(envelope)
    assert balances.paid == 1_000_000_00
    assert balances.committed == 1_000_000_00
    report = act.record_portfolio_report(
        by=mission_officer,
        investment_file=investment_file,
        year=2016,
        cohorts=2,
        startups_accelerated=24,
        exits=1,
        stake_value_cents=2_500_000_00,
    )
    assert report.startups_accelerated == 24
    assert reconcile() == []


def test_an_accelerator_manager_files_for_their_own_accelerator_only():
    envelope = make_envelope()
    accelerator = make_accelerator()
    manager = UserWithRoleFactory(Role.ACCELERATOR_MANAGER, organisation=accelerator)
    investment_file = act.express_interest(
        by=manager,
        accelerator=accelerator,
        envelope=envelope,
        programme_name="P",
        requested_amount_cents=1_00,
    )
    assert investment_file.created_by == manager
    with pytest.raises(PermissionDenied):
        act.express_interest(
            by=manager,
            accelerator=make_accelerator(),
            envelope=envelope,
            programme_name="P",
            requested_amount_cents=1_00,
        )
    with pytest.raises(PermissionDenied):
        act.move_file(by=manager, investment_file=investment_file, transition="start_due_diligence")


def test_a_local_government_posing_as_accelerator_cannot_file(mission_officer):
    lyon = Epci.objects.get(source_type="MET69")
    impostor = OrganisationFactory(kind="accelerator", name="Métropole", siren=lyon.code)
    with pytest.raises(AcceleratorRefused, match="initiatives privées"):
        act.express_interest(
            by=mission_officer,
            accelerator=impostor,
            envelope=make_envelope(),
            programme_name="P",
            requested_amount_cents=1_00,
        )


def test_the_committee_is_reached_only_after_the_whole_checklist(mission_officer):
    investment_file = file_at(
        "due_diligence",
        by=mission_officer,
        accelerator=make_accelerator(),
        envelope=make_envelope(),
    )
    assert investment_file.checklist.count() == 5
    with pytest.raises(ActionRefused, match="5 point\\(s\\) restent"):
        act.move_file(
            by=mission_officer, investment_file=investment_file, transition="submit_to_committee"
        )


@pytest.mark.parametrize("stake", ["50", "50.00", "75", "0"])
def test_the_stake_must_stay_a_minority(mission_officer, stake):
    investment_file = file_at(
        "investment_committee",
        by=mission_officer,
        accelerator=make_accelerator(),
        envelope=make_envelope(),
    )
    with pytest.raises(ActionRefused, match="minoritaire"):
        act.record_decision(
            by=mission_officer,
            investment_file=investment_file,
            amount_cents=1_00,
            stake_percent=stake,
            board_seat=False,
        )


def test_private_money_must_reach_the_minimum_share(mission_officer):
    investment_file = file_at(
        "investment_committee",
        by=mission_officer,
        accelerator=make_accelerator(),
        envelope=make_envelope(),
        private=1_000_000_00,
    )
    assert CoInvestor.objects.get().amount_cents == 1_000_000_00
    with pytest.raises(ActionRefused, match=r"Part privée insuffisante .* 33\.3 % .* 50 %"):
        act.record_decision(
            by=mission_officer,
            investment_file=investment_file,
            amount_cents=2_000_000_00,
            stake_percent="20",
            board_seat=True,
        )


def test_a_decision_beyond_what_is_left_cannot_be_committed(mission_officer):
    envelope = make_envelope(1_000_000_00)
    investment_file = file_at(
        "approved",
        by=mission_officer,
        accelerator=make_accelerator(),
        envelope=envelope,
        amount=1_500_000_00,
        private=2_000_000_00,
        requested=900_000_00,  # the request fits; the committee decides more
    )
    with pytest.raises(OverCommitment, match="Engagement refusé"):
        act.commit_investment(by=mission_officer, investment_file=investment_file)
    investment_file.refresh_from_db()
    assert investment_file.state == "approved"


def test_a_tranche_is_paid_only_once_its_milestone_is_confirmed(mission_officer):
    investment_file = file_at(
        "committed", by=mission_officer, accelerator=make_accelerator(), envelope=make_envelope()
    )
    tranche = act.plan_tranche(
        by=mission_officer, investment_file=investment_file, amount_cents=1_00, milestone="J1"
    )
    with pytest.raises(ActionRefused, match="n'est pas constaté"):
        act.disburse_tranche(by=mission_officer, tranche=tranche)
    with pytest.raises(ActionRefused, match="compte rendu"):
        act.confirm_milestone(by=mission_officer, tranche=tranche, report_note=" ")
    with pytest.raises(ActionRefused, match="il reste"):
        act.plan_tranche(
            by=mission_officer,
            investment_file=investment_file,
            amount_cents=2_000_000_00,
            milestone="trop",
        )


def test_a_transition_from_the_wrong_state_is_refused(mission_officer):
    investment_file = file_at(
        "expression_of_interest",
        by=mission_officer,
        accelerator=make_accelerator(),
        envelope=make_envelope(),
    )
    with pytest.raises(TransitionRefused):
        act.move_file(
            by=mission_officer, investment_file=investment_file, transition="submit_to_committee"
        )
