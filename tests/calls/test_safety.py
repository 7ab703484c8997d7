"""No one-click loss in calls: withdrawal confirmed first, verdicts chosen, dates checked."""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frenchtech.calls import actions
from frenchtech.calls.enums import ApplicationState
from frenchtech.core.models import AuditEntry
from frenchtech.core.refusals import ActionRefused
from tests.calls.factories import fill_completely
from tests.committee.builders import sign_in_with_otp

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "frenchtech"


def test_no_template_holds_an_inline_handler():
    """The site's CSP refuses inline handlers: a `confirm()` there would never ask."""
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert "onclick=" not in text, template
        assert "confirm(" not in text, template


@pytest.fixture
def submitted(application, lead):
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    application.refresh_from_db()
    return application


def test_withdrawal_asks_first_and_cancelling_keeps_the_application(client, submitted, lead):
    client.force_login(lead)
    url = reverse("calls:withdraw", args=[submitted.pk])
    asked = client.post(url, {})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "définitivement" in html
    assert 'id="cancel-link"' in html
    assert f'href="{submitted.get_absolute_url()}"' in html  # cancel goes back
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.WITHDRAWN


def test_an_editor_is_not_even_asked(client, submitted, editor):
    client.force_login(editor)
    assert client.post(reverse("calls:withdraw", args=[submitted.pk])).status_code == 403


def test_an_eligibility_verdict_is_never_pre_selected(client, submitted, mission_officer):
    sign_in_with_otp(client, mission_officer)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'type="radio" name="verdict"' in page
    assert "checked" not in page.split('name="verdict"')[1].split(">")[0]
    url = reverse("calls:screening", args=[submitted.pk, "eligibility"])
    refused = client.post(url, {"notes": "Vu."})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Choisissez une réponse" in html
    assert "Vu." in html  # the input is kept
    assert not submitted.eligibility_checks.exists()
    assert client.post(url, {"verdict": "eligible", "complete": "on"}).status_code == 302
    assert submitted.eligibility_checks.get().verdict == "eligible"
    with pytest.raises(ActionRefused) as refusal:
        actions.record_eligibility(application=submitted, by=mission_officer, verdict="",
                                   complete=False)  # fmt: skip
    assert refusal.value.field == "verdict"


def _call_fields(deadline):
    return {"title": "Appel", "text": "t", "eligibility_rules": "r", "mode": "deadline",
            "deadline": deadline}  # fmt: skip


def test_a_past_deadline_needs_a_reason_written_to_the_audit_log(mission_officer):
    past = timezone.now() - dt.timedelta(days=400)
    with pytest.raises(ActionRefused, match="dans le passé") as refusal:
        actions.create_call(by=mission_officer, **_call_fields(past))
    assert refusal.value.field == "deadline"
    call = actions.create_call(
        by=mission_officer, past_date_reason="Appel de 2013 saisi après coup.", **_call_fields(past)
    )
    override = AuditEntry.objects.get(action="past_date_override")
    assert override.object_id == str(call.pk)
    assert override.after["reason"] == "Appel de 2013 saisi après coup."
    # Editing the text of a call whose deadline passed asks nothing.
    actions.update_call(call=call, by=mission_officer, title="Appel 2013")
    with pytest.raises(ActionRefused, match="dans le passé"):
        actions.update_call(call=call, by=mission_officer, deadline=past - dt.timedelta(days=1))


def test_the_call_form_shows_the_deadline_refusal_on_its_field(client, mission_officer):
    sign_in_with_otp(client, mission_officer)
    data = {
        "title": "Appel 2013", "text": "t", "eligibility_rules": "r", "mode": "deadline",
        "deadline": "2013-12-01T12:00", "closing_message": "",
        **{f"criterion_{n}_title": f"C{n}" for n in (1, 2, 3)},
        **{f"criterion_{n}_guidance": "g" for n in (1, 2, 3)},
        "reminder_days_text": "7",
    }  # fmt: skip
    refused = client.post(reverse("calls:call_create"), data)
    html = refused.content.decode()
    assert "La date limite est dans le passé" in html
    assert 'id="id_deadline-error"' in html
    assert 'value="Appel 2013"' in html
    done = client.post(reverse("calls:call_create"), {**data, "past_date_reason": "Historique."})
    assert done.status_code == 302


def test_a_past_site_visit_needs_a_reason_and_sends_no_mail(
    submitted, mission_officer, django_capture_on_commit_callbacks
):
    past = timezone.now() - dt.timedelta(days=30)
    with pytest.raises(ActionRefused, match="dans le passé") as refusal:
        actions.schedule_site_visit(application=submitted, by=mission_officer,
                                    scheduled_for=past, location="Lyon")  # fmt: skip
    assert refusal.value.field == "scheduled_for"
    assert not submitted.site_visits.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.schedule_site_visit(application=submitted, by=mission_officer, scheduled_for=past,
                                    location="Lyon", past_date_reason="Visite faite.")  # fmt: skip
    assert submitted.site_visits.count() == 1
    assert mail.outbox == []  # no announcement of a visit already made
    with django_capture_on_commit_callbacks(execute=True):
        actions.schedule_site_visit(application=submitted, by=mission_officer,
                                    scheduled_for=timezone.now() + dt.timedelta(days=3),
                                    location="Lyon")  # fmt: skip
    assert len(mail.outbox) == 1


def test_the_visit_form_comes_back_with_its_error(client, submitted, mission_officer):
    sign_in_with_otp(client, mission_officer)
    url = reverse("calls:screening", args=[submitted.pk, "visit"])
    refused = client.post(url, {"scheduled_for": "2013-06-01T10:00", "location": "Hôtel"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "La date de la visite est dans le passé" in html
    assert 'value="Hôtel"' in html
    assert not submitted.site_visits.exists()


def test_closing_a_call_asks_first(client, call, mission_officer):
    sign_in_with_otp(client, mission_officer)
    url = reverse("calls:call_close", args=[call.pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert "ne se rouvre pas" in asked.content.decode()
    call.refresh_from_db()
    assert call.state == "published"
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    call.refresh_from_db()
    assert call.state == "closed"


def test_deleting_an_attachment_asks_first(client, application, lead):
    fill_completely(application, lead)
    attachment = application.attachments.first()
    client.force_login(lead)
    url = reverse("calls:attachment_delete", args=[application.pk, attachment.pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert attachment.original_name in asked.content.decode()
    assert application.attachments.filter(pk=attachment.pk).exists()
    client.post(url, {"confirmed": "yes"})
    assert not application.attachments.filter(pk=attachment.pk).exists()


def test_a_refusal_after_a_confirmation_page_does_not_go_back_to_a_post_only_url(rf):
    from frenchtech.web.refusals import _back

    request = rf.post(
        "/appels/candidatures/1/retirer/",
        HTTP_REFERER="http://testserver/appels/candidatures/1/retirer/",
    )
    assert _back(request) is None
    request = rf.post(
        "/appels/candidatures/1/retirer/", HTTP_REFERER="http://testserver/appels/candidatures/1/"
    )
    assert _back(request) == "http://testserver/appels/candidatures/1/"
