"""Every page, tried with every role: allowed where it should be, refused elsewhere."""

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.territories.models import Epci
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
MISSION = {Role.MISSION_HEAD, Role.MISSION_OFFICER}


def lyon():
    return Epci.objects.get(source_type="MET69")


PUBLIC_PAGES = [
    lambda: reverse("web:home"),
    lambda: reverse("web:territories"),
    lambda: reverse("web:territories") + "?q=lyon",
    lambda: reverse("web:territory", args=["region", "84"]),
    lambda: reverse("web:territory", args=["departement", "69"]),
    lambda: reverse("web:territory", args=["epci", lyon().code]),
    lambda: reverse("web:territory", args=["commune", "69123"]),
    lambda: reverse("accounts:login"),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", range(len(PUBLIC_PAGES)))
def test_public_pages_open_to_everyone(client_for, role, page, django_assert_max_num_queries):
    client = client_for(role)
    url = PUBLIC_PAGES[page]()
    with django_assert_max_num_queries(12):
        response = client.get(url)
    # A signed-in user visiting the login page is sent on to their space.
    expected = 302 if (url == reverse("accounts:login") and role is not None) else 200
    assert response.status_code == expected


def expected_status(role, allowed_roles):
    if role is None:
        return 302  # to the login page
    return 200 if role in allowed_roles else 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_my_space_needs_an_account(client_for, role):
    response = client_for(role).get(reverse("web:my_space"))
    assert response.status_code == expected_status(role, set(Role.values))
    if role is None:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_mission_dashboard_is_for_the_mission_only(client_for, role, django_assert_max_num_queries):
    client = client_for(role)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("web:mission_dashboard"))
    assert response.status_code == expected_status(role, MISSION)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_audit_log_is_for_the_mission_head_only(client_for, role):
    response = client_for(role).get(reverse("web:audit_log"))
    assert response.status_code == expected_status(role, {Role.MISSION_HEAD})


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_organisation_page_is_for_its_members_and_the_mission(client_for, role):
    stranger_organisation = OrganisationFactory(kind=OrganisationKind.CONSORTIUM)
    client = client_for(role)
    url = reverse("web:organisation", args=[stranger_organisation.pk])
    assert client.get(url).status_code == expected_status(role, MISSION)
    if role is not None:
        own = client.user.memberships.get().organisation
        assert client.get(reverse("web:organisation", args=[own.pk])).status_code == 200


@pytest.mark.parametrize("role", sorted(MISSION | {Role.PARTNER_STAFF, Role.COMMITTEE_MEMBER}))
def test_staff_reach_nothing_private_before_their_second_factor(client, role):
    from tests.factories import UserWithRoleFactory

    client.force_login(UserWithRoleFactory(role))
    response = client.get(reverse("web:my_space"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
