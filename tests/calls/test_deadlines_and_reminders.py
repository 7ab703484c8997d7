"""Deadlines by server time, rolling calls, reminders sent once per step."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from frenchtech.calls import actions
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import ReminderSent
from frenchtech.calls.reminders import send_deadline_reminders, send_mission_digest
from tests.calls.factories import NO_OBSERVATORY, deadline_call, fill_completely

pytestmark = pytest.mark.django_db


def _apply(call, consortium, lead):
    return actions.start_application(
        call=call, consortium=consortium, by=lead, store=NO_OBSERVATORY
    )


def test_submission_after_the_deadline_is_refused_and_the_draft_kept(lyon_consortium, lead):
    call = deadline_call(days_from_now=1)
    application = _apply(call, lyon_consortium, lead)
    fill_completely(application, lead)
    call.deadline = timezone.now() - dt.timedelta(seconds=1)  # the deadline passes
    call.save()
    with pytest.raises(actions.SubmissionRefused, match="L'appel 2019 est clos"):
        actions.submit_application(application=application, by=lead)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert application.sections.get(key="strategy").data["vision"].startswith("Réponse")
    assert application.attachments.count() == 1


def test_submission_just_before_the_deadline_is_accepted(lyon_consortium, lead):
    call = deadline_call(days_from_now=0.01)
    application = _apply(call, lyon_consortium, lead)
    fill_completely(application, lead)
    assert actions.submit_application(application=application, by=lead).number == 1


def test_a_rolling_call_never_refuses(application, lead):
    fill_completely(application, lead)
    assert application.call.deadline_passed(now=timezone.now() + dt.timedelta(days=3650)) is False
    assert actions.submit_application(application=application, by=lead).number == 1


def test_a_resubmission_after_a_correction_ignores_the_deadline(
    lyon_consortium, lead, mission_officer
):
    call = deadline_call(days_from_now=1)
    application = _apply(call, lyon_consortium, lead)
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    actions.move_application(
        application=application, transition="start_screening", by=mission_officer
    )
    actions.request_correction(
        application=application, by=mission_officer, kind="incomplete", message="m"
    )
    call.deadline = timezone.now() - dt.timedelta(days=1)
    call.save()
    assert actions.submit_application(application=application, by=lead).number == 2


def test_reminders_are_sent_once_per_step(lyon_consortium, lead, editor):
    call = deadline_call(days_from_now=10)
    application = _apply(call, lyon_consortium, lead)
    now = timezone.now()
    assert send_deadline_reminders(now=now) == 0  # 10 days before: nothing due
    assert send_deadline_reminders(now=now + dt.timedelta(days=3.5)) == 1  # 6.5 days before
    assert sorted(mail.outbox[-1].to) == sorted([lead.email, editor.email])
    assert send_deadline_reminders(now=now + dt.timedelta(days=4)) == 0  # same step
    assert send_deadline_reminders(now=now + dt.timedelta(days=8.5)) == 1  # 1.5 days before
    assert send_deadline_reminders(now=now + dt.timedelta(days=9)) == 0
    assert sorted(
        ReminderSent.objects.filter(application=application).values_list("step", flat=True)
    ) == [2, 7]
    assert send_deadline_reminders(now=now + dt.timedelta(days=11)) == 0  # deadline passed


def test_a_late_first_run_sends_one_reminder_not_all_missed_ones(lyon_consortium, lead):
    call = deadline_call(days_from_now=1)
    _apply(call, lyon_consortium, lead)
    assert send_deadline_reminders() == 1
    assert send_deadline_reminders() == 0


def test_submitted_applications_get_no_reminder(lyon_consortium, lead):
    call = deadline_call(days_from_now=1)
    application = _apply(call, lyon_consortium, lead)
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    assert send_deadline_reminders() == 0


def test_the_daily_digest_goes_once_a_day_to_mission_staff(application, lead, mission_officer):
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    mail.outbox.clear()
    assert send_mission_digest() is True
    assert send_mission_digest() is False
    assert mail.outbox[0].to == [mission_officer.email]
    assert application.consortium.name in mail.outbox[0].body


def test_the_command_runs_twice_without_sending_twice(lyon_consortium, lead, mission_officer):
    call = deadline_call(days_from_now=1)
    _apply(call, lyon_consortium, lead)
    call_command("send_call_reminders", stdout=io.StringIO())
    first = len(mail.outbox)
    call_command("send_call_reminders", stdout=io.StringIO())
    assert first == 2
    assert len(mail.outbox) == 2
