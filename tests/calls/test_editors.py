"""Co-editors: never a member of another consortium; the lead removes one, after a
confirmation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions
from frenchtech.core.refusals import ActionRefused
from tests.calls.factories import consortium, editor_of, lead_of
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db


def test_a_member_of_another_consortium_is_not_invited_and_the_lead_is_told_which(
    application, lead
):
    bordeaux = consortium("French Tech Bordeaux (test)", "bordeaux")
    other_editor = editor_of(bordeaux)
    with pytest.raises(ActionRefused, match="autre consortium") as refusal:
        actions.invite_editor(application=application, by=lead,
                              email=other_editor.email.upper(), full_name="X")  # fmt: skip
    assert refusal.value.field == "email"
    assert "French Tech Bordeaux (test)" in str(refusal.value)
    assert not application.consortium.memberships.filter(user=other_editor).exists()


@pytest.mark.parametrize(
    "role", [Role.CONSORTIUM_EDITOR, Role.MISSION_OFFICER, Role.COMMITTEE_MEMBER, None]
)
def test_only_the_lead_invites_and_removes(application, role, editor):
    someone = editor if role == Role.CONSORTIUM_EDITOR else (
        UserWithRoleFactory(role) if role else lead_of(consortium("Autre (test)", "nantes"))
    )  # fmt: skip
    membership = application.consortium.memberships.get(user=editor)
    with pytest.raises(PermissionDenied):
        actions.invite_editor(application=application, by=someone, email="n@example.org",
                              full_name="N")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.remove_editor(application=application, by=someone, membership=membership)
    membership.refresh_from_db()
    assert membership.is_active


def test_the_lead_cannot_remove_a_lead_through_it(application, lead):
    membership = application.consortium.memberships.get(user=lead)
    with pytest.raises(ActionRefused, match="co-rédacteur actif"):
        actions.remove_editor(application=application, by=lead, membership=membership)


def test_removal_asks_first_then_the_editor_reaches_nothing(client, application, lead, editor):
    membership = application.consortium.memberships.get(user=editor)
    client.force_login(lead)
    page = client.get(application.get_absolute_url()).content.decode()
    url = reverse("calls:remove_editor", args=[application.pk, membership.pk])
    assert url in page
    asked = client.post(url)
    assert asked.status_code == 200
    assert editor.full_name in asked.content.decode()
    membership.refresh_from_db()
    assert membership.is_active  # cancelling is simply not confirming
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    client.force_login(editor)
    assert client.get(application.get_absolute_url()).status_code == 403
    # Invited again, the same membership comes back.
    again = actions.invite_editor(
        application=application, by=lead, email=editor.email, full_name=editor.full_name
    )
    assert again.pk == membership.pk
    assert again.is_active


def test_the_lead_s_own_membership_has_no_removal_page(client, application, lead):
    client.force_login(lead)
    membership = application.consortium.memberships.get(user=lead)
    url = reverse("calls:remove_editor", args=[application.pk, membership.pk])
    assert client.post(url, {"confirmed": "yes"}).status_code == 404


def test_the_invite_form_comes_back_with_the_refusal_on_its_field(client, application, lead):
    other = editor_of(consortium("French Tech Bordeaux (test)", "bordeaux"))
    client.force_login(lead)
    response = client.post(
        reverse("calls:invite", args=[application.pk]),
        {"email": other.email, "full_name": "Autre"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "French Tech Bordeaux (test)" in html
    assert 'id="id_email-error"' in html
    assert 'value="Autre"' in html
