"""Every label page with every role (and anonymous), with its number of queries."""

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.labels import reporting
from tests.factories import UserWithRoleFactory
from tests.labels.builders import labels_at_every_stage

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
MISSION = {Role.MISSION_HEAD, Role.MISSION_OFFICER}


@pytest.fixture
def stages(mission):
    return labels_at_every_stage(mission)


PUBLIC = {
    "list": lambda labels: reverse("labels:list"),
    "ecosystem": lambda labels: reverse("labels:consortium", args=[labels[1].consortium_id]),
    "csv": lambda labels: reverse("labels:export", args=["csv"]),
    "json": lambda labels: reverse("labels:export", args=["json"]),
    "effect": lambda labels: reverse("labels:effect"),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_are_open_to_everyone(
    client_for, role, page, stages, observatory, django_assert_max_num_queries
):
    client = client_for(role)
    with django_assert_max_num_queries(12):
        response = client.get(PUBLIC[page](stages))
    assert response.status_code == 200


def expected(role, allowed):
    if role is None:
        return 302
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_management_page_is_for_the_mission(
    client_for, role, stages, django_assert_max_num_queries
):
    client = client_for(role)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("labels:manage", args=[stages[0].pk]))
    assert response.status_code == expected(role, MISSION)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_report_is_for_the_ecosystem_and_the_mission(
    client_for, role, stages, django_assert_max_num_queries
):
    bordeaux = stages[1]
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD, organisation=bordeaux.consortium)
    report = reporting.open_report(label=bordeaux, year=2025, by=lead)
    client = client_for(role)  # strangers: their consortium is not Bordeaux
    with django_assert_max_num_queries(16):
        response = client.get(reverse("labels:report", args=[report.pk]))
    assert response.status_code == expected(role, MISSION)
    response = client.post(reverse("labels:report_open", args=[bordeaux.pk]))
    assert response.status_code == (302 if role is None else 403)


@pytest.mark.parametrize("role", [Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR])
def test_the_ecosystem_s_lead_and_editor_write_the_report(client, role, stages, observatory):
    bordeaux = stages[1]
    member = UserWithRoleFactory(role, organisation=bordeaux.consortium)
    client.force_login(member)
    page = client.get(reverse("labels:consortium", args=[bordeaux.consortium_id]))
    assert 'id="open-report"' in page.content.decode()
    response = client.post(reverse("labels:report_open", args=[bordeaux.pk]))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert 'id="report-form"' in html
    assert "observatoire :" in html
