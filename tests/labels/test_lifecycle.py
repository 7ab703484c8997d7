"""The label's lifecycle: every move allowed from the right status only, with reasons."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from frenchtech.accounts.enums import Role
from frenchtech.core.models import AppendOnlyError, AuditEntry
from frenchtech.core.workflow import TransitionRefused, transition_log
from frenchtech.labels import actions
from frenchtech.labels.enums import AuditOutcome, EventKind, LabelStatus
from frenchtech.labels.models import Label, LabelAudit
from tests.calls.factories import consortium
from tests.factories import UserWithRoleFactory
from tests.labels.conftest import GRANTED, make_label

pytestmark = pytest.mark.django_db


def test_grant_label_creates_a_one_year_experimentation_once_per_application(
    label, application, mission
):
    assert label.status == LabelStatus.EXPERIMENTATION
    assert label.decision_id == 41
    assert label.granted_at == GRANTED
    assert label.experimentation_ends_at == label.ends_at == dt.date(2025, 3, 15)
    assert label.epci == application.consortium.territory
    again = actions.grant_label(
        application=application, decision_id=99, decided_at=dt.date(2025, 1, 1), by=mission
    )
    assert again.pk == label.pk
    assert again.decision_id == 41
    assert Label.objects.count() == 1
    assert [e.kind for e in label.events.all()] == [EventKind.GRANTED]


def test_grant_label_accepts_an_aware_datetime(application, mission):
    decided = dt.datetime(2024, 6, 30, 23, 30, tzinfo=dt.UTC)  # 1 July in Paris
    label = actions.grant_label(
        application=application, decision_id=1, decided_at=decided, by=mission
    )
    assert label.granted_at == dt.date(2024, 7, 1)


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF])
def test_only_the_mission_grants(application, role):
    with pytest.raises(PermissionDenied):
        actions.grant_label(
            application=application,
            decision_id=1,
            decided_at=GRANTED,
            by=UserWithRoleFactory(role),
        )


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
    with pytest.raises(TransitionRefused, match="cannot audit from state 'withdrawn'"):
        actions.record_audit(label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="x")


def test_every_mission_move_needs_reasons(label, mission):
    for move in (actions.suspend_label, actions.withdraw_label):
        with pytest.raises(ValidationError, match="motifs"):
            move(label=label, by=mission, reasons="  ")
    with pytest.raises(ValidationError):
        actions.record_audit(label=label, by=mission, outcome=AuditOutcome.CONFIRM, reasons="")
    assert Label.objects.get().status == LabelStatus.EXPERIMENTATION


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER, None])
def test_people_outside_the_mission_cannot_move_a_label(label, role, lyon):
    user = UserWithRoleFactory(role, organisation=lyon) if role else None
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        actions.suspend_label(label=label, by=user, reasons="x")


def test_suspension_and_reinstatement_return_to_the_former_status(label, mission):
    label = actions.suspend_label(
        label=label, by=mission, reasons="Gouvernance contestée.", public_reason="Enquête."
    )
    assert label.status == LabelStatus.SUSPENDED
    with pytest.raises(TransitionRefused, match="cannot suspend from state 'suspended'"):
        actions.suspend_label(label=label, by=mission, reasons="encore")
    with pytest.raises(TransitionRefused, match="cannot audit"):
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
    with pytest.raises(TransitionRefused, match=r"allowed from: suspended"):
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
    assert actions.expire_labels(now=dt.date(2025, 6, 1)) == []
    assert [label.pk for label in actions.expire_labels(now=dt.date(2025, 6, 2))] == [young.pk]


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
    new = actions.grant_label(
        application=relabelling, decision_id=77, decided_at=dt.date(2025, 2, 1), by=mission
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
    with pytest.raises(ValidationError):
        actions.link_renewal_application(label=label, application=application, by=mission)
