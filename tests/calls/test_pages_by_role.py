"""Every calls page, tried with every role: another consortium never sees an application."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions
from frenchtech.calls.enums import CallState
from tests.calls.factories import NO_OBSERVATORY, CallFactory, consortium, fill_completely, lead_of

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
MISSION = {Role.MISSION_HEAD, Role.MISSION_OFFICER}
COMMITTEE_READERS = {Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF}
CONSORTIUM = {Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR}


def expected(role, allowed):
    if role is None:
        return 302
    return 200 if role in allowed else 403


@pytest.fixture
def stranger_application(call, mission_officer):
    """Another consortium's application, submitted, with a file and a receipt."""
    organisation = consortium("French Tech Bordeaux (test)", "bordeaux")
    lead = lead_of(organisation)
    application = actions.start_application(
        call=call, consortium=organisation, by=lead, store=NO_OBSERVATORY
    )
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    return application


def ready_for_committee(application, by):
    for transition in ("start_screening", "open_co_construction", "mark_ready_for_committee"):
        application = actions.move_application(
            application=application, transition=transition, by=by
        )
    return application


def close_quietly(response):
    """Close a download's open file. response.close() fires request_finished, which would
    close the test's database connection: mute that receiver as Django's test client does."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def status_of(client, url) -> int:
    response = client.get(url)
    close_quietly(response)
    return response.status_code


def application_pages(application):
    attachment = application.attachments.get()
    return [
        reverse("calls:application", args=[application.pk]),
        reverse("calls:section", args=[application.pk, "strategy"]),
        reverse("calls:attachment", args=[application.pk, attachment.pk]),
        reverse("calls:version", args=[application.pk, 1]),
        reverse("calls:receipt", args=[application.pk, 1]),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_calls_list_and_a_published_call_are_public(
    client_for, role, call, django_assert_max_num_queries
):
    client = client_for(role)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("calls:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("calls:call", args=[call.pk])).status_code == 200


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_draft_call_and_call_management_are_for_the_mission(client_for, role):
    draft = CallFactory(state=CallState.DRAFT)
    client = client_for(role)
    assert client.get(reverse("calls:call", args=[draft.pk])).status_code == (
        200 if role in MISSION else 403
    )
    assert client.get(reverse("calls:call_create")).status_code == expected(role, MISSION)
    assert client.get(reverse("calls:call_edit", args=[draft.pk])).status_code == expected(
        role, MISSION
    )
    response = client.post(reverse("calls:call_publish", args=[draft.pk]))
    assert response.status_code == (302 if role in MISSION or role is None else 403)
    draft.refresh_from_db()
    assert (draft.state == CallState.PUBLISHED) == (role in MISSION)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_another_consortium_application_is_for_the_mission_only(
    client_for, role, stranger_application, django_assert_max_num_queries
):
    client = client_for(role)
    for url in application_pages(stranger_application):
        with django_assert_max_num_queries(30):
            status = status_of(client, url)
        assert status == expected(role, MISSION), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_application_ready_for_committee_is_readable_by_committee_and_partners(
    client_for, role, stranger_application, mission_officer
):
    ready_for_committee(stranger_application, mission_officer)
    client = client_for(role)
    for url in application_pages(stranger_application):
        assert status_of(client, url) == expected(role, MISSION | COMMITTEE_READERS), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_nobody_but_its_consortium_changes_an_application(
    client_for, role, stranger_application, mission_officer
):
    actions.move_application(
        application=stranger_application, transition="start_screening", by=mission_officer
    )
    actions.request_correction(
        application=stranger_application, by=mission_officer, kind="incomplete", message="m"
    )
    client = client_for(role)
    pk = stranger_application.pk
    attempts = [
        (reverse("calls:section", args=[pk, "strategy"]), {"version": 1, "vision": "pirate"}),
        (reverse("calls:submit", args=[pk]), {}),
        (reverse("calls:withdraw", args=[pk]), {}),
        (reverse("calls:invite", args=[pk]), {"email": "x@example.org", "full_name": "X"}),
        (
            reverse(
                "calls:attachment_delete", args=[pk, stranger_application.attachments.get().pk]
            ),
            {},
        ),
    ]
    for url, data in attempts:
        status = client.post(url, data).status_code
        assert status == (302 if role is None else 403), url
    stranger_application.refresh_from_db()
    assert stranger_application.state == "correction_requested"
    assert "pirate" not in str(stranger_application.sections.get(key="strategy").data)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_screening_actions_are_for_the_mission(client_for, role, stranger_application):
    client = client_for(role)
    response = client.post(
        reverse("calls:screening", args=[stranger_application.pk, "start_screening"])
    )
    assert response.status_code == (302 if role in MISSION or role is None else 403)
    stranger_application.refresh_from_db()
    assert (stranger_application.state == "screening") == (role in MISSION)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dashboard_and_exports_are_for_the_mission(
    client_for, role, stranger_application, django_assert_max_num_queries
):
    client = client_for(role)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("calls:dashboard")).status_code == expected(role, MISSION)
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(reverse("calls:export", args=[fmt])).status_code == expected(
            role, MISSION
        )


@pytest.mark.parametrize("role", sorted(CONSORTIUM))
def test_consortium_members_reach_their_own_application(
    client_for, role, call, django_assert_max_num_queries
):
    client = client_for(role)
    own = client.user.memberships.get().organisation
    lead = client.user if role == Role.CONSORTIUM_LEAD else lead_of(own)
    application = actions.start_application(
        call=call, consortium=own, by=lead, store=NO_OBSERVATORY
    )
    fill_completely(application, lead)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("calls:application", args=[application.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert (
            client.get(reverse("calls:section", args=[application.pk, "letters"])).status_code
            == 200
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("calls:list")).status_code == 200
    download = client.get(
        reverse("calls:attachment", args=[application.pk, application.attachments.get().pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    close_quietly(download)


def test_the_mission_application_page_query_count(
    client_for, stranger_application, django_assert_max_num_queries
):
    client = client_for(Role.MISSION_OFFICER)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("calls:application", args=[stranger_application.pk]))
    assert response.status_code == 200
