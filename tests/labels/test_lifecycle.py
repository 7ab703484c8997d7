"""The label's lifecycle: every move allowed from the right status only, with reasons."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from frenchtech.accounts.enums import Role
from frenchtech.core.actor import SYSTEM
from frenchtech.core.models import AppendOnlyError, AuditEntry
from frenchtech.core.refusals import ActionRefused
from frenchtech.core.workflow import TransitionRefused, transition_log
from frenchtech.labels import actions
from frenchtech.labels.decisions import record_state_decision
from frenchtech.labels.enums import AuditOutcome, EventKind, LabelStatus
from frenchtech.labels.models import Label, LabelAudit
from tests.calls.factories import consortium
from tests.factories import UserWithRoleFactory
from tests.labels.conftest import GRANTED, decide_to_label, make_label

pytestmark = pytest.mark.django_db


def test_the_state_decision_creates_a_one_year_experimentation_once(label, application, mission):
    assert label.status == LabelStatus.EXPERIMENTATION
    assert label.decision.application == application
    assert label.decision.outcome == "labelled"
    assert label.granted_at == GRANTED
    assert label.experimentation_ends_at == label.ends_at == dt.date(2025, 3, 15)
    assert label.epci == application.consortium.territory
    # The application is labelled now: a second decision is refused by its state machine.
    with pytest.raises(TransitionRefused):
        record_state_decision(
            by=mission, application=application, outcome="labelled", reasons="Encore."
        )
    assert Label.objects.count() == 1
    assert [e.kind for e in label.events.all()] == [EventKind.GRANTED]


def test_the_label_takes_the_decision_s_day_in_paris(application, mission):
    decided = dt.datetime(2024, 6, 30, 23, 30, tzinfo=dt.UTC)  # 1 July in Paris
    label = decide_to_label(application, mission, decided_at=decided)
    assert label.granted_at == dt.date(2024, 7, 1)


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF])
def test_only_the_mission_records_the_state_decision(application, role):
    with pytest.raises(PermissionDenied):
        decide_to_label(application, UserWithRoleFactory(role))
    assert not Label.objects.exists()


def test_audit_confirms_for_three_years_after_the_experimentation(label, mission):
    label = actions.record_audit(
        label=label,
        by=mission,
        outcome=AuditOutcome.CONFIRM,
        reasons="Feuille de route tenue.",
        public_reason="Audit favorable.",
        on=dt.date(2025, 3, 20),
    )
    assert label.status == LabelStatus.CONFIRMED
    assert label.confirmed_at == dt.date(2025, 3, 20)
    assert label.ends_at == dt.date(2028, 3, 15)
    audit = LabelAudit.objects.get(label=label)
    assert audit.outcome == AuditOutcome.CONFIRM
    assert audit.decided_by == mission
    entry = transition_log(label).last()
    assert (entry.from_state, entry.to_state, entry.reason, entry.actor) == (
        "experimentation",
        "confirmed",
        "Feuille de route tenue.",
        mission,
    )
    with pytest.raises(AppendOnlyError):
        audit.save()


def test_audit_can_withdraw_and_cannot_be_recorded_twice(label, mission):
    label = actions.record_audit(
        label=label, by=mission, outcome=AuditOutcome.WITHDRAW, reasons="Aucun jalon atteint."
    )
    assert label.status == LabelStatus.WITHDRAWN
    assert label.ended_at is not None
    with pytest.raises(TransitionRefused, match="impossible dans l'état « Label retiré »"):
        actions.record_audit(label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="x")


def test_every_mission_move_needs_reasons(label, mission):
    for move in (actions.suspend_label, actions.withdraw_label):
        with pytest.raises(ActionRefused, match="motifs"):
            move(label=label, by=mission, reasons="  ")
    with pytest.raises(ActionRefused):
        actions.record_audit(label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="")
    assert Label.objects.get().status == LabelStatus.EXPERIMENTATION


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER, None])
def test_people_outside_the_mission_cannot_move_a_label(label, role, lyon):
    user = UserWithRoleFactory(role, organisation=lyon) if role else AnonymousUser()
    with pytest.raises(PermissionDenied):
        actions.suspend_label(label=label, by=user, reasons="x")


def test_suspension_and_reinstatement_return_to_the_former_status(label, mission):
    label = actions.suspend_label(
        label=label, by=mission, reasons="Gouvernance contestée.", public_reason="Enquête."
    )
    assert label.status == LabelStatus.SUSPENDED
    with pytest.raises(TransitionRefused, match="« Suspendre le label » est impossible"):
        actions.suspend_label(label=label, by=mission, reasons="encore")
    with pytest.raises(TransitionRefused, match="« Confirmer après l'audit » est impossible"):
        actions.record_audit(label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="x")
    label = actions.reinstate_label(label=label, by=mission, reasons="Gouvernance rétablie.")
    assert label.status == LabelStatus.EXPERIMENTATION
    label = actions.record_audit(
        label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="ok"
    )
    label = actions.suspend_label(label=label, by=mission, reasons="again")
    label = actions.reinstate_label(label=label, by=mission, reasons="ok")
    assert label.status == LabelStatus.CONFIRMED
    kinds = [event.kind for event in label.events.all()]
    assert kinds == ["granted", "suspended", "reinstated", "confirmed", "suspended", "reinstated"]


def test_reinstating_a_label_that_is_not_suspended_is_refused(label, mission):
    with pytest.raises(TransitionRefused, match="possible depuis : « Label suspendu »"):
        actions.reinstate_label(label=label, by=mission, reasons="x")


def test_a_withdrawn_label_is_final(label, mission):
    label = actions.withdraw_label(
        label=label, by=mission, reasons="Fraude.", public_reason="Manquements graves."
    )
    for move in (actions.suspend_label, actions.withdraw_label, actions.reinstate_label):
        with pytest.raises(TransitionRefused):
            move(label=label, by=mission, reasons="x")


def test_moves_are_audited_with_their_actor(label, mission):
    before = AuditEntry.objects.count()
    actions.suspend_label(label=label, by=mission, reasons="x")
    entries = AuditEntry.objects.filter(id__gt=0).order_by("id")[before:]
    assert {e.object_type for e in entries} >= {"labels.label", "labels.labelevent"}
    assert all(e.actor == mission for e in entries)


def test_expire_labels_command_is_idempotent_with_a_given_today(db, capsys):
    young = make_label(consortium("Jeune", "bordeaux"), granted_at=dt.date(2024, 6, 1))
    old = make_label(consortium("Ancien", "nantes"), granted_at=dt.date(2020, 1, 10))
    call_command("expire_labels", "--today", "2025-01-12")
    assert "1 label(s) expired on 2025-01-12" in capsys.readouterr().out
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.status == LabelStatus.EXPIRED
    assert old.ended_at == dt.date(2021, 1, 10)
    assert young.status == LabelStatus.EXPERIMENTATION
    assert old.events.last().kind == EventKind.EXPIRED
    call_command("expire_labels", "--today", "2025-01-12")
    assert "0 label(s) expired" in capsys.readouterr().out
    assert transition_log(old).count() == 1
    # The end date itself is still inside the label.
    assert actions.expire_labels(by=SYSTEM, now=dt.date(2025, 6, 1)) == []
    assert [label.pk for label in actions.expire_labels(by=SYSTEM, now=dt.date(2025, 6, 2))] == [
        young.pk
    ]


def test_expire_labels_refuses_a_malformed_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("expire_labels", "--today", "12/01/2025")


def test_a_new_label_for_the_same_ecosystem_renews_the_live_one(label, lyon, lead, mission):
    from frenchtech.calls import actions as call_actions
    from tests.calls.factories import NO_OBSERVATORY, CallFactory

    relabelling = call_actions.start_application(
        call=CallFactory(), consortium=lyon, by=lead, store=NO_OBSERVATORY
    )
    actions.link_renewal_application(label=label, application=relabelling, by=mission)
    # Not without saying so: the decision names the label it would replace, and nothing moves.
    with pytest.raises(ActionRefused, match="remplace le label en cours") as refused:
        decide_to_label(relabelling, mission, decided_at=dt.date(2025, 2, 1))
    assert refused.value.field == "replaces_live_label"
    relabelling.refresh_from_db()
    assert relabelling.state == "ready_for_committee"
    assert not relabelling.decisions.exists()
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION
    new = decide_to_label(
        relabelling, mission, decided_at=dt.date(2025, 2, 1), replaces_live_label=True
    )
    label.refresh_from_db()
    assert label.status == LabelStatus.RENEWED
    assert label.ended_at == dt.date(2025, 2, 1)
    assert label.renewal_application == relabelling
    assert new.renews == label
    assert new.status == LabelStatus.EXPERIMENTATION


def test_a_renewal_application_must_be_the_ecosystem_s(label, mission):
    from frenchtech.calls import actions as call_actions
    from tests.calls.factories import NO_OBSERVATORY, CallFactory, lead_of

    other = consortium("Autre", "bordeaux")
    application = call_actions.start_application(
        call=CallFactory(), consortium=other, by=lead_of(other), store=NO_OBSERVATORY
    )
    with pytest.raises(ActionRefused):
        actions.link_renewal_application(label=label, application=application, by=mission)
