"""The Mission's and the ecosystem's forms, through the web."""

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.labels.enums import LabelStatus, ReportState
from frenchtech.labels.models import YearlyReport

pytestmark = pytest.mark.django_db


def test_the_mission_suspends_then_refused_moves_are_not_offered(client_for, label):
    client = client_for(Role.MISSION_OFFICER)
    url = reverse("labels:manage", args=[label.pk])
    refused = client.post(url, {"move": "suspend", "suspend-reasons": ""})
    assert refused.status_code == 400
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION
    data = {"move": "suspend", "suspend-reasons": "Enquête.", "suspend-public_reason": "Suspendu."}
    asked = client.post(url, data)
    assert asked.status_code == 200
    assert 'id="confirmation-form"' in asked.content.decode()
    label.refresh_from_db()
    assert label.status == LabelStatus.EXPERIMENTATION
    done = client.post(url, {**data, "confirmed": "yes"})
    assert done.status_code == 302
    label.refresh_from_db()
    assert label.status == LabelStatus.SUSPENDED
    html = client.get(url).content.decode()
    assert 'id="move-reinstate"' in html
    assert 'id="move-suspend"' not in html
    assert "Enquête." in html  # the internal log shows the reasons to the Mission
    client.post(
        url,
        {"move": "audit", "audit-outcome": "confirm", "audit-reasons": "x", "confirmed": "yes"},
    )
    label.refresh_from_db()
    assert label.status == LabelStatus.SUSPENDED


def test_the_lead_writes_declares_and_submits_then_the_mission_reviews(
    client, client_for, label, lead, observatory
):
    client.force_login(lead)
    client.post(reverse("labels:report_open", args=[label.pk]))
    report = YearlyReport.objects.get()
    url = reverse("labels:report", args=[report.pk])
    form = {
        "strategy_summary": "Bilan.",
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-title": "Totem",
        "milestones-0-status": "reached",
        "figure-digital_scaleups-declared_value": "14",
        "figure-digital_scaleups-justification": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Justifiez" in refused.content.decode()
    form["figure-digital_scaleups-justification"] = "Registre CCI."
    assert client.post(url, {**form, "submit": ""}).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    figure = report.figures.get(indicator="digital_scaleups")
    assert (figure.declared_value, figure.justification) == (14.0, "Registre CCI.")
    html = client.get(url).content.decode()
    assert "valeur déclarée 14" in html
    assert 'id="review"' not in html
    mission = client_for(Role.MISSION_HEAD)
    assert 'id="review"' in mission.get(url).content.decode()
    mission.post(reverse("labels:report_review", args=[report.pk]), {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert client.post(reverse("labels:report_review", args=[report.pk])).status_code == 403
