"""Recording the State's decision from the committee page, and the label it grants."""

import importlib.util

import pytest
from django.urls import reverse

from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.models import Decision
from tests.committee.builders import sign_in_with_otp
from tests.committee.scenario import build

pytestmark = pytest.mark.django_db
LABELS_SHIPPED = importlib.util.find_spec("frenchtech.labels.actions") is not None


def test_the_mission_labels_an_application(client, mission, django_assert_max_num_queries):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:decide", args=[s.round.pk, s.application.pk])
    response = client.post(
        url,
        {
            "outcome": "labelled",
            "reasons": "Écosystème de niveau international.",
            "confirmed": "yes",
        },
    )
    assert response.status_code == 302
    s.application.refresh_from_db()
    assert s.application.state == ApplicationState.LABELLED
    decision = Decision.objects.get(application=s.application)
    assert decision.decided_by == mission
    if LABELS_SHIPPED:
        from frenchtech.labels.models import Label

        assert Label.objects.filter(application=s.application).exists()
    page = client.get(reverse("committee:application", args=[s.round.pk, s.application.pk]))
    assert "Lettre de décision (PDF)" in page.content.decode()
    # The calls page shows the decision and its reasons in the application's history.
    dossier = client.get(reverse("calls:application", args=[s.application.pk])).content.decode()
    assert "Écosystème de niveau international." in dossier


def test_a_decision_without_reasons_is_refused(client, mission):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:decide", args=[s.round.pk, s.other.pk])
    response = client.post(
        url,
        {"outcome": "returned_with_recommendations", "reasons": "À revoir.", "confirmed": "yes"},
    )
    assert response.status_code == 400
    assert "précise ses recommandations" in response.content.decode()
    s.other.refresh_from_db()
    assert s.other.state == ApplicationState.READY_FOR_COMMITTEE
    assert not Decision.objects.filter(application=s.other).exists()


def test_members_vote_through_the_session_page(client, mission):
    s = build(mission)
    sign_in_with_otp(client, s.members[0].user)
    url = reverse("committee:vote", args=[s.session.pk, s.other.pk])
    asked = client.post(url, {"choice": "refused", "comment": "Trop tôt."})
    assert asked.status_code == 200  # the confirmation page: nothing recorded yet
    assert "Un vote est définitif" in asked.content.decode()
    assert not s.other.committee_votes.exists()
    data = {"choice": "refused", "comment": "Trop tôt.", "confirmed": "yes"}
    assert client.post(url, data).status_code == 302
    assert s.other.committee_votes.get().member == s.members[0]
    page = client.get(reverse("committee:session", args=[s.session.pk])).content.decode()
    assert "Vous avez voté." in page
