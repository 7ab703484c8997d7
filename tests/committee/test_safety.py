"""No wrong decision by accident: votes chosen and confirmed, hidden until one has voted,
a dissenting recommendation acknowledged, the consensus after every review, a relabelling
that says what it replaces."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.committee.actions.sessions import (
    can_see_tally,
    cast_vote,
    majority,
    record_recommendation,
)
from frenchtech.committee.enums import Outcome
from frenchtech.core.refusals import ActionRefused
from frenchtech.labels.actions import record_label_without_decision
from frenchtech.labels.enums import LabelStatus
from tests.committee.builders import sign_in_with_otp
from tests.committee.scenario import build
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(mission):
    return build(mission)


def _section(html, application):
    return html.split(f'data-application="{application.pk}"')[1].split("</section>")[0]


def test_the_tally_is_hidden_until_the_member_has_voted(client, s, mission):
    cast_vote(by=s.members[1].user, session=s.session, application=s.other, choice="refused")
    sign_in_with_otp(client, s.members[0].user)
    url = reverse("committee:session", args=[s.session.pk])
    before = _section(client.get(url).content.decode(), s.other)
    assert "1 vote exprimé" in before
    assert "Refusé 1" not in before
    assert 'type="radio" name="choice"' in before
    assert "checked" not in before
    assert not can_see_tally(s.members[0].user, s.session, has_voted=False)
    assert can_see_tally(mission, s.session, has_voted=False)
    cast_vote(by=s.members[0].user, session=s.session, application=s.other, choice="labelled")
    after = _section(client.get(url).content.decode(), s.other)
    assert "Refusé 1" in after


def test_a_vote_without_a_choice_is_refused_on_its_field(client, s):
    sign_in_with_otp(client, s.members[0].user)
    url = reverse("committee:vote", args=[s.session.pk, s.other.pk])
    refused = client.post(url, {"comment": "Sans choix."})
    assert refused.status_code == 400
    section = _section(refused.content.decode(), s.other)
    assert "Choisissez une réponse" in section
    assert "Sans choix." in section
    assert not s.other.committee_votes.exists()
    with pytest.raises(ActionRefused) as refusal:
        cast_vote(by=s.members[0].user, session=s.session, application=s.other, choice="")
    assert refusal.value.field == "choice"


def test_majority():
    assert majority({"labelled": 3, "refused": 1}) == "labelled"
    assert majority({"labelled": 2, "refused": 2}) is None
    assert majority({}) is None


def test_a_recommendation_against_the_majority_is_acknowledged(s, mission):
    with pytest.raises(ActionRefused, match="majorité des votes") as refusal:
        record_recommendation(by=mission, session=s.session, application=s.application,
                              outcome=Outcome.REFUSED)  # fmt: skip
    assert refusal.value.field == "against_majority_acknowledged"
    assert "Labellisé pour un an, 3 sur 3" in str(refusal.value)
    recommendation = record_recommendation(
        by=mission, session=s.session, application=s.application, outcome=Outcome.REFUSED,
        text="Réserves du rapporteur.", against_majority_acknowledged=True,
    )  # fmt: skip
    assert (recommendation.votes_for, recommendation.votes_cast) == (0, 3)


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF, Role.CONSORTIUM_LEAD])
def test_only_the_mission_records_a_recommendation(s, role):
    with pytest.raises(PermissionDenied):
        record_recommendation(by=UserWithRoleFactory(role), session=s.session,
                              application=s.application, outcome=Outcome.LABELLED)  # fmt: skip


def test_the_recommendation_form_shows_the_majority_and_asks(client, s, mission):
    sign_in_with_otp(client, mission)
    page = _section(
        client.get(reverse("committee:session", args=[s.session.pk])).content.decode(),
        s.application,
    )
    assert "Majorité des votes : Labellisé pour un an (3 sur 3)." in page
    url = reverse("committee:recommend", args=[s.session.pk, s.application.pk])
    refused = client.post(url, {"outcome": "refused"})
    assert refused.status_code == 400
    assert "cochez la case" in _section(refused.content.decode(), s.application)
    data = {"outcome": "refused", "against_majority_acknowledged": "on"}
    asked = client.post(url, data)
    assert asked.status_code == 200
    assert "s&#x27;écarte de la majorité" in asked.content.decode()
    assert not s.application.committee_recommendations.exists()
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert s.application.committee_recommendations.get().outcome == "refused"


def test_the_consensus_page_says_which_reviews_are_missing(client, s):
    rapporteur = s.round.assignments.get(application=s.other, is_rapporteur=True).member
    sign_in_with_otp(client, rapporteur.user)
    url = reverse("committee:consensus", args=[s.round.pk, s.other.pk])
    page = client.get(url).content.decode()
    assert 'id="missing-reviews"' in page
    refused = client.post(url, {"text": "Synthèse.", "proposed_outcome": "labelled"})
    assert refused.status_code == 400
    assert "tous les avis remis" in refused.content.decode()
    assert not s.round.consensus_reports.filter(application=s.other).exists()


def test_a_relabelling_decision_shows_what_it_replaces_and_asks(client, s, mission):
    live = record_label_without_decision(
        consortium=s.other.consortium, granted_at=dt.date(2023, 1, 10), by=mission,
        public_reason="Label 2023.",
    )  # fmt: skip
    sign_in_with_otp(client, mission)
    page = client.get(reverse("committee:application", args=[s.round.pk, s.other.pk]))
    html = page.content.decode()
    assert "remplace le label en cours" in html
    assert 'name="replaces_live_label"' in html
    url = reverse("committee:decide", args=[s.round.pk, s.other.pk])
    data = {"outcome": "labelled", "reasons": "Nouvelle stratégie."}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Cochez la case pour remplacer le label en cours." in refused.content.decode()
    asked = client.post(url, {**data, "replaces_live_label": "on"})
    assert asked.status_code == 200
    assert "remplace le label en cours" in asked.content.decode()
    live.refresh_from_db()
    assert live.status == LabelStatus.EXPERIMENTATION
    done = client.post(url, {**data, "replaces_live_label": "on", "confirmed": "yes"})
    assert done.status_code == 302
    live.refresh_from_db()
    assert live.status == LabelStatus.RENEWED


def test_a_decision_is_never_pre_selected(client, s, mission):
    sign_in_with_otp(client, mission)
    url = reverse("committee:decide", args=[s.round.pk, s.other.pk])
    refused = client.post(url, {"reasons": "Motifs.", "confirmed": "yes"})
    assert refused.status_code == 400
    assert "Choisissez une réponse" in refused.content.decode()
    assert not s.other.decisions.exists()


def test_a_refused_round_form_keeps_its_values_and_says_why(client, s, mission):
    from frenchtech.committee.actions.rounds import open_round

    with pytest.raises(ActionRefused, match="déjà un tour intitulé") as refusal:
        open_round(by=mission, call=s.round.call, title=" comité 2014 ")
    assert refusal.value.field == "title"
    sign_in_with_otp(client, mission)
    url = reverse("committee:round_create")
    data = {"call": str(s.round.call.pk), "title": "Comité 2014", "reviewers_per_application": "2",
            "criterion_threshold": "3", "total_threshold": "10"}  # fmt: skip
    refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "déjà un tour intitulé" in html
    assert 'value="Comité 2014"' in html
    invalid = client.post(url, {**data, "title": "Comité 2015", "reviewers_per_application": "0"})
    html = invalid.content.decode()
    assert invalid.status_code == 400
    assert 'id="id_reviewers_per_application-error"' in html
    assert 'value="Comité 2015"' in html
    assert s.round.call.committee_rounds.count() == 1


def test_closing_a_session_asks_first_then_shows_every_tally(client, s, mission):
    cast_vote(by=s.members[1].user, session=s.session, application=s.other, choice="refused")
    sign_in_with_otp(client, mission)
    url = reverse("committee:session_state", args=[s.session.pk, "close"])
    asked = client.post(url)
    assert asked.status_code == 200
    assert "ne se rouvre pas" in asked.content.decode()
    s.session.refresh_from_db()
    assert s.session.state == "open"
    client.post(url, {"confirmed": "yes"})
    s.session.refresh_from_db()
    assert s.session.state == "closed"
    sign_in_with_otp(client, s.members[0].user)  # never voted on it
    page = client.get(reverse("committee:session", args=[s.session.pk])).content.decode()
    assert "Refusé 1" in _section(page, s.other)


def test_removing_a_reviewer_asks_first(client, s, mission):
    assignment = s.round.assignments.filter(application=s.other).first()
    sign_in_with_otp(client, mission)
    url = reverse("committee:assignment_remove", args=[s.round.pk, assignment.pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert assignment.member.user.full_name in asked.content.decode()
    assert s.round.assignments.filter(pk=assignment.pk).exists()
    client.post(url, {"confirmed": "yes"})
    assert not s.round.assignments.filter(pk=assignment.pk).exists()


def test_the_application_page_hides_the_votes_too_until_one_has_voted(client, s):
    from frenchtech.committee.actions.reviews import save_review

    cast_vote(by=s.members[1].user, session=s.session, application=s.other, choice="refused")
    reviewer = (
        s.round.assignments.filter(application=s.other).exclude(member=s.members[1]).first().member
    )
    save_review(by=reviewer.user, round_=s.round, application=s.other,
                scores={1: (4, ""), 2: (4, ""), 3: (4, "")}, submit=True)  # fmt: skip
    sign_in_with_otp(client, reviewer.user)
    url = reverse("committee:application", args=[s.round.pk, s.other.pk])
    votes = client.get(url).content.decode().split('id="votes"')[1].split("</ul>")[0]
    assert "Refusé" not in votes
    cast_vote(by=reviewer.user, session=s.session, application=s.other, choice="labelled")
    votes = client.get(url).content.decode().split('id="votes"')[1].split("</ul>")[0]
    assert "Refusé" in votes
