"""Applications through the API: exactly what calls.perms allows, conflicts of interest too."""

import pytest

from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application
from tests.api.helpers import count_queries, session_client
from tests.calls.factories import CallFactory
from tests.committee.builders import metropoles, ready_application
from tests.committee.scenario import build
from tests.factories import OrganisationFactory, UserWithRoleFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/applications"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dossiers():
    """A draft of consortium X, and consortium Y's application at the committee."""
    call = CallFactory()
    x_epci, y_epci = metropoles(2)
    x = OrganisationFactory(kind=OrganisationKind.CONSORTIUM, territory=x_epci, name="X")
    draft = Application.objects.create(call=call, consortium=x, state=ApplicationState.DRAFT)
    at_committee = ready_application(call, y_epci, name="Y")
    return {"x": x, "draft": draft, "at_committee": at_committee}


def _user(role, dossiers):
    if role in (Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR):
        return UserWithRoleFactory(role, organisation=dossiers["x"])
    return UserWithRoleFactory(role)


def _expected(role, dossiers) -> set[int]:
    if role in (Role.MISSION_HEAD, Role.MISSION_OFFICER):
        return {dossiers["draft"].pk, dossiers["at_committee"].pk}
    if role in (Role.PARTNER_STAFF, Role.COMMITTEE_MEMBER):
        return {dossiers["at_committee"].pk}
    if role in (Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR):
        return {dossiers["draft"].pk}
    return set()


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("role", Role.values)
def test_every_role_sees_exactly_what_calls_perms_allow(dossiers, token_client, role, how):
    user = _user(role, dossiers)
    client = session_client(user) if how == "session" else token_client(user)
    expected = _expected(role, dossiers)
    assert _ids(client.get(LIST)) == expected
    for application in (dossiers["draft"], dossiers["at_committee"]):
        response = client.get(f"{LIST}/{application.pk}")
        assert response.status_code == (200 if application.pk in expected else 404)
        if response.status_code == 404:
            assert response.json()["error"] == "not_found"


def test_anonymous_gets_401_everywhere(client, dossiers):
    for url in (LIST, f"{LIST}/{dossiers['draft'].pk}", "/api/v1/me", "/api/v1/tokens"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["error"] == "not_authenticated"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_or_revoked_token_gets_401(client, dossiers, token_client):
    from frenchtech.api.models import ApiToken

    assert client.get(LIST, HTTP_AUTHORIZATION="Bearer ft_nope").status_code == 401
    authorised = token_client(_user(Role.MISSION_OFFICER, dossiers))
    ApiToken.objects.update(revoked_at="2024-01-01T00:00:00Z")
    assert authorised.get(LIST).status_code == 401


def test_another_consortium_never_sees_the_application(dossiers, token_client):
    other = OrganisationFactory(kind=OrganisationKind.CONSORTIUM, name="Z")
    for role in (Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR):
        user = UserWithRoleFactory(role, organisation=other)
        for client in (session_client(user), token_client(user)):
            assert dossiers["draft"].pk not in _ids(client.get(LIST))
            assert dossiers["at_committee"].pk not in _ids(client.get(LIST))
            assert client.get(f"{LIST}/{dossiers['draft'].pk}").status_code == 404


def test_a_staff_session_without_its_second_factor_gets_nothing(client, dossiers):
    user = _user(Role.PARTNER_STAFF, dossiers)
    client.force_login(user)  # no verified device
    response = client.get(LIST)
    # The web's second-factor middleware lets /api/ through: the API answers in JSON.
    assert response.status_code == 401
    assert response.json()["error"]


@pytest.fixture
def scenario():
    return build(UserWithRoleFactory(Role.MISSION_OFFICER))


@pytest.mark.parametrize("how", ["session", "token"])
def test_a_conflicted_member_never_sees_that_application(scenario, token_client, how):
    user = scenario.conflicted.user
    client = session_client(user) if how == "session" else token_client(user)
    visible = _ids(client.get(LIST))
    assert scenario.application.pk not in visible
    assert scenario.other.pk in visible
    assert client.get(f"{LIST}/{scenario.application.pk}").status_code == 404
    filtered = client.get(f"{LIST}?epci={scenario.application.consortium.territory_id}")
    assert scenario.application.pk not in _ids(filtered)


def test_a_member_without_a_tie_sees_it(scenario, token_client):
    client = token_client(scenario.members[0].user)
    assert scenario.application.pk in _ids(client.get(LIST))
    assert client.get(f"{LIST}/{scenario.application.pk}").status_code == 200


def test_filters(dossiers, token_client):
    client = token_client(_user(Role.MISSION_HEAD, dossiers))
    assert _ids(client.get(f"{LIST}?state=draft")) == {dossiers["draft"].pk}
    epci = dossiers["at_committee"].consortium.territory_id
    assert _ids(client.get(f"{LIST}?epci={epci}")) == {dossiers["at_committee"].pk}
    call = dossiers["draft"].call_id
    assert len(_ids(client.get(f"{LIST}?call={call}"))) == 2
    row = client.get(f"{LIST}/{dossiers['at_committee'].pk}").json()
    assert row["epci"]["code"] == epci
    assert row["consortium"]["name"] == "Y"
    assert row["state"] == ApplicationState.READY_FOR_COMMITTEE


@pytest.mark.parametrize("role", [Role.MISSION_OFFICER, Role.COMMITTEE_MEMBER])
def test_the_list_takes_constant_queries(scenario, token_client, role):
    client = token_client(UserWithRoleFactory(role))
    few, _ = count_queries(client, LIST)
    call = CallFactory()
    for epci in metropoles(8)[3:]:
        ready_application(call, epci)
    many, response = count_queries(client, LIST)
    assert response.json()["count"] >= 7
    assert few == many


def test_me_names_the_roles_and_the_method(dossiers, token_client):
    user = _user(Role.PARTNER_STAFF, dossiers)
    body = token_client(user).get("/api/v1/me").json()
    assert body["roles"] == [Role.PARTNER_STAFF]
    assert body["authenticated_by"] == "token"
    assert session_client(user).get("/api/v1/me").json()["authenticated_by"] == "session"
