"""Label decisions checked against the label's own life, asked before they are done; a
relabelling says what it replaces."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.core.refusals import ActionRefused
from frenchtech.labels import actions
from frenchtech.labels.enums import AuditOutcome, LabelStatus
from tests.factories import UserWithRoleFactory
from tests.labels.conftest import GRANTED

pytestmark = pytest.mark.django_db
BEFORE = dt.date(2010, 1, 1)


@pytest.mark.parametrize(
    ("move", "extra"),
    [
        (actions.record_audit, {"outcome": AuditOutcome.CONFIRM}),
        (actions.suspend_label, {}),
        (actions.withdraw_label, {}),
    ],
)
def test_no_decision_before_the_label_was_granted(label, mission, move, extra):
    with pytest.raises(ActionRefused, match="avant l'attribution du label") as refusal:
        move(label=label, by=mission, reasons="r", on=BEFORE, **extra)
    assert refusal.value.field == "on"
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION
    assert not label.events.exclude(kind="granted").exists()
    # The grant's own day is allowed.
    move(label=label, by=mission, reasons="r", on=GRANTED, **extra)


def test_reinstating_is_checked_too(label, mission):
    actions.suspend_label(label=label, by=mission, reasons="r", on=GRANTED)
    with pytest.raises(ActionRefused, match="avant l'attribution"):
        actions.reinstate_label(label=label, by=mission, reasons="r", on=BEFORE)


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF])
def test_only_the_mission_audits_whatever_the_date(label, role):
    with pytest.raises(PermissionDenied):
        actions.record_audit(label=label, by=UserWithRoleFactory(role), outcome="confirm",
                             reasons="r", on=GRANTED)  # fmt: skip


def test_the_audit_form_has_no_pre_selected_outcome_and_keeps_its_input(client_for, label):
    client = client_for(Role.MISSION_OFFICER)
    url = reverse("labels:manage", args=[label.pk])
    page = client.get(url).content.decode()
    assert 'type="radio" name="audit-outcome"' in page
    assert 'name="audit-outcome" value="confirm" required id="id_audit-outcome_0" checked' not in (
        page
    )
    refused = client.post(url, {"move": "audit", "audit-reasons": "Feuille de route."})
    assert refused.status_code == 400
    assert "Choisissez une réponse" in refused.content.decode()
    data = {"move": "audit", "audit-outcome": "confirm", "audit-reasons": "Feuille de route."}
    dated = client.post(url, {**data, "audit-on": "2010-01-01"})
    html = dated.content.decode()
    assert dated.status_code == 400
    assert "avant l&#x27;attribution du label" in html
    assert 'id="id_audit-on-error"' in html
    assert "Feuille de route." in html
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION


def test_withdrawal_is_confirmed_first_and_cancel_leaves_the_label(client_for, label):
    client = client_for(Role.MISSION_OFFICER)
    url = reverse("labels:manage", args=[label.pk])
    data = {"move": "withdraw", "withdraw-reasons": "Gouvernance défaillante."}
    asked = client.post(url, data)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "définitif" in html
    assert f'href="{url}"' in html
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    label.refresh_from_db()
    assert label.status == LabelStatus.WITHDRAWN
