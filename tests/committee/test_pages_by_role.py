"""Every committee page, tried with every role, with a member, and with a conflicted member."""

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.committee.actions.members import register_member
from frenchtech.committee.enums import MemberKind
from frenchtech.core.actor import SYSTEM
from tests.committee.builders import sign_in_with_otp
from tests.committee.scenario import build

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
MISSION = {Role.MISSION_HEAD, Role.MISSION_OFFICER}
MEMBERS = {Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF}


@pytest.fixture
def scenario(mission):
    return build(mission)


def pages(s):
    """(name, url, roles allowed, query budget) for every GET page of the committee."""
    r, a = s.round, s.application
    return [
        ("home", reverse("committee:home"), MISSION | MEMBERS, 12),
        ("round", reverse("committee:round", args=[r.pk]), MISSION | MEMBERS, 30),
        ("application", reverse("committee:application", args=[r.pk, a.pk]), MISSION | MEMBERS,
         30),
        ("what-if", reverse("committee:application", args=[r.pk, a.pk]) + "?w_funds_raised_eur=4",
         MISSION | MEMBERS, 30),
        ("session", reverse("committee:session", args=[s.session.pk]), MISSION | MEMBERS, 20),
        ("export", reverse("committee:export", args=[r.pk]), MISSION | MEMBERS, 15),
        ("letter", reverse("committee:letter", args=[s.decision.pk]), MISSION | MEMBERS, 15),
        ("members", reverse("committee:members"), MISSION, 15),
        ("member", reverse("committee:member", args=[s.members[0].pk]), MISSION, 15),
        ("evaluation", reverse("committee:evaluation_model", args=[r.call_id]), MISSION, 12),
        # Only an assigned member reviews; only the rapporteur writes the consensus.
        ("review", reverse("committee:review", args=[r.pk, a.pk]), set(), 15),
        ("consensus", reverse("committee:consensus", args=[r.pk, a.pk]), set(), 15),
    ]  # fmt: skip


PAGE_NAMES = [
    "home", "round", "application", "what-if", "session", "export", "letter", "members",
    "member", "evaluation", "review", "consensus",
]  # fmt: skip


def expected(role, allowed):
    if role is None:
        return 302
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_with_every_role(
    client_for, scenario, role, name, django_assert_max_num_queries
):
    client = client_for(role)
    if role in MEMBERS:  # seated on the committee, with no tie to any application
        register_member(by=SYSTEM, user=client.user, kind=MemberKind.OUTSIDE_FIGURE)
    _name, url, allowed, budget = next(p for p in pages(scenario) if p[0] == name)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == expected(role, allowed), url
    if role is None:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_assigned_member_and_the_rapporteur_reach_their_forms(client, scenario):
    rapporteur = scenario.round.assignments.get(
        application=scenario.other, is_rapporteur=True
    ).member
    sign_in_with_otp(client, rapporteur.user)
    args = [scenario.round.pk, scenario.other.pk]
    assert client.get(reverse("committee:review", args=args)).status_code == 200
    assert client.get(reverse("committee:consensus", args=args)).status_code == 200


def conflicted_urls(s):
    r, a = s.round, s.application
    return {
        "application": reverse("committee:application", args=[r.pk, a.pk]),
        "what-if": reverse("committee:application", args=[r.pk, a.pk]) + "?w_funds_raised_eur=1",
        "review": reverse("committee:review", args=[r.pk, a.pk]),
        "consensus": reverse("committee:consensus", args=[r.pk, a.pk]),
    }


@pytest.mark.parametrize("name", ["application", "what-if", "review", "consensus"])
def test_a_conflicted_member_reaches_no_page_of_that_application(client, scenario, name):
    sign_in_with_otp(client, scenario.conflicted.user)
    assert client.get(conflicted_urls(scenario)[name]).status_code == 403


@pytest.mark.parametrize(
    ("name", "url", "data"),
    [
        ("vote", "committee:vote", {"choice": "labelled"}),
        ("recommend", "committee:recommend", {"outcome": "labelled"}),
    ],
)
def test_a_conflicted_member_can_post_nothing_on_it(client, scenario, name, url, data):
    sign_in_with_otp(client, scenario.conflicted.user)
    response = client.post(reverse(url, args=[scenario.session.pk, scenario.application.pk]), data)
    assert response.status_code == 403
    assert not scenario.application.committee_votes.filter(member=scenario.conflicted).exists()


def test_a_conflicted_member_does_not_even_see_it_listed_nor_exported(client, scenario):
    sign_in_with_otp(client, scenario.conflicted.user)
    name = scenario.application.consortium.name
    for url in (
        reverse("committee:round", args=[scenario.round.pk]),
        reverse("committee:session", args=[scenario.session.pk]),
        reverse("committee:export", args=[scenario.round.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert name not in response.content.decode(), url
    # ...while a member without a tie sees it.
    sign_in_with_otp(client, scenario.members[0].user)
    round_page = client.get(reverse("committee:round", args=[scenario.round.pk]))
    assert name in round_page.content.decode()


def test_a_conflicted_member_cannot_download_a_letter_about_it(client, scenario, mission):
    from frenchtech.committee.actions.members import declare_conflict
    from frenchtech.committee.enums import ConflictKind

    declare_conflict(by=mission, member=scenario.members[0], application=scenario.decided,
                     kind=ConflictKind.FINANCIAL)  # fmt: skip
    sign_in_with_otp(client, scenario.members[0].user)
    response = client.get(reverse("committee:letter", args=[scenario.decision.pk]))
    assert response.status_code == 403


def test_the_consortium_downloads_its_decision_letter(client, scenario):
    from tests.calls.factories import lead_of

    client.force_login(lead_of(scenario.decided.consortium))
    response = client.get(reverse("committee:letter", args=[scenario.decision.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_reviews_export_neutralises_formulas(client, scenario):
    from frenchtech.accounts.models import Organisation

    Organisation.objects.filter(pk=scenario.application.consortium_id).update(
        name="@SUM(1+1)*cmd|' /C calc'!A0"
    )
    sign_in_with_otp(client, scenario.members[0].user)
    body = client.get(reverse("committee:export", args=[scenario.round.pk])).content
    text = body.decode("utf-8-sig")
    assert "'@SUM(1+1)" in text
    assert "\n@SUM" not in text
    assert ";@SUM" not in text
