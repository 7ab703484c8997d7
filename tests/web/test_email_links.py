"""E-mails carry absolute links built from FRENCHTECH_SITE_URL, and leave only after commit."""

import pytest
from django.core import mail
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions as calls_actions
from frenchtech.committee.enums import Outcome
from frenchtech.funding.actions import investments as funding_actions
from frenchtech.labels.decisions import record_state_decision
from tests.calls.factories import NO_OBSERVATORY, CallFactory, consortium, lead_of
from tests.committee.builders import committee_round
from tests.factories import UserWithRoleFactory
from tests.funding.factories import make_accelerator, make_envelope
from tests.funding.investment_steps import file_at

pytestmark = pytest.mark.django_db
SITE = "https://frenchtech.example.org"


@pytest.fixture(autouse=True)
def site(settings, tmp_path):
    settings.FRENCHTECH_SITE_URL = SITE + "/"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"


def test_the_invitation_links_to_the_password_page_and_the_application(
    django_capture_on_commit_callbacks,
):
    organisation = consortium("French Tech Lyon (test)", "lyon")
    lead = lead_of(organisation)
    application = calls_actions.start_application(
        call=CallFactory(), consortium=organisation, by=lead, store=NO_OBSERVATORY
    )
    with django_capture_on_commit_callbacks(execute=True):
        calls_actions.invite_editor(
            application=application, by=lead, email="co@example.org", full_name="Co Rédactrice"
        )
    body = mail.outbox[-1].body
    assert SITE + reverse("accounts:password_request") in body
    assert SITE + application.get_absolute_url() in body


@pytest.mark.parametrize("outcome", [Outcome.LABELLED, Outcome.REFUSED])
def test_the_consortium_hears_of_the_state_decision(outcome, django_capture_on_commit_callbacks):
    _round, (application,), _members = committee_round(applications_count=1, members_count=0)
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD, organisation=application.consortium)
    mission = UserWithRoleFactory(Role.MISSION_OFFICER)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = record_state_decision(
            by=mission, application=application, outcome=outcome, reasons="Motifs de l'État."
        )
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert str(outcome.label) in message.body
    assert SITE + application.get_absolute_url() in message.body
    assert SITE + reverse("committee:letter", args=[decision.pk]) in message.body


def test_the_accelerator_hears_of_the_fund_decisions(django_capture_on_commit_callbacks):
    mission = UserWithRoleFactory(Role.MISSION_OFFICER)
    accelerator = make_accelerator()
    ceo = UserWithRoleFactory(Role.ACCELERATOR_MANAGER, organisation=accelerator)
    envelope = make_envelope()
    with django_capture_on_commit_callbacks(execute=True):
        approved = file_at("approved", by=mission, accelerator=accelerator, envelope=envelope)
    (message,) = mail.outbox
    assert message.to == [ceo.email]
    assert SITE + reverse("funding:file", args=[approved.pk]) in message.body
    assert "20 %" in message.body
    rejected = file_at("due_diligence", by=mission, accelerator=accelerator, envelope=envelope)
    with django_capture_on_commit_callbacks(execute=True):
        funding_actions.move_file(
            by=mission, investment_file=rejected, transition="reject", reason="Hors cible."
        )
    assert "Hors cible." in mail.outbox[-1].body
    assert SITE + reverse("funding:file", args=[rejected.pk]) in mail.outbox[-1].body
