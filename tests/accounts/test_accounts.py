import pytest
from django.core.exceptions import PermissionDenied

from frenchtech.accounts import actions, perms
from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.accounts.models import User
from frenchtech.core.actor import SYSTEM
from frenchtech.core.models import AuditEntry
from frenchtech.core.refusals import ActionRefused
from tests.factories import OrganisationFactory, UserWithRoleFactory

pytestmark = pytest.mark.django_db


def test_users_sign_in_with_their_email_case_insensitively_stored_lowercase():
    user = User.objects.create_user("Someone@Example.ORG", "pw-long-enough", full_name="S")
    assert user.email == "someone@example.org"
    assert user.check_password("pw-long-enough")


def test_only_the_mission_creates_organisations():
    officer = UserWithRoleFactory(Role.MISSION_OFFICER)
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    created = actions.create_organisation(by=officer, name="Acc", kind=OrganisationKind.ACCELERATOR)
    assert created.pk
    with pytest.raises(PermissionDenied):
        actions.create_organisation(by=lead, name="Other", kind=OrganisationKind.ACCELERATOR)


def test_a_role_must_fit_the_kind_of_organisation():
    mission_head = UserWithRoleFactory(Role.MISSION_HEAD)
    accelerator = OrganisationFactory(kind=OrganisationKind.ACCELERATOR)
    with pytest.raises(ActionRefused, match="rôle"):
        actions.add_member(
            by=mission_head,
            organisation=accelerator,
            email="x@example.org",
            full_name="X",
            role=Role.COMMITTEE_MEMBER,
        )


def test_a_consortium_lead_adds_co_editors_to_their_own_consortium_only():
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    own = lead.memberships.get().organisation
    other = OrganisationFactory(kind=OrganisationKind.CONSORTIUM)
    membership = actions.add_member(
        by=lead,
        organisation=own,
        email="co@example.org",
        full_name="Co",
        role=Role.CONSORTIUM_EDITOR,
    )
    assert membership.user.email == "co@example.org"
    entry = AuditEntry.objects.filter(object_type="accounts.membership").last()
    assert entry.actor == lead
    assert entry.action == "accounts.add_member: create"
    with pytest.raises(PermissionDenied):
        actions.add_member(
            by=lead,
            organisation=other,
            email="x@example.org",
            full_name="X",
            role=Role.CONSORTIUM_EDITOR,
        )


@pytest.mark.parametrize(
    ("role", "needs_two_factors"),
    [
        (Role.MISSION_HEAD, True),
        (Role.MISSION_OFFICER, True),
        (Role.PARTNER_STAFF, True),
        (Role.COMMITTEE_MEMBER, True),
        (Role.CONSORTIUM_LEAD, False),
        (Role.CONSORTIUM_EDITOR, False),
        (Role.ACCELERATOR_MANAGER, False),
        (Role.ACCELERATOR_FINANCE, False),
    ],
)
def test_staff_roles_need_two_factors(role, needs_two_factors):
    assert UserWithRoleFactory(role).needs_two_factors is needs_two_factors


def test_a_consortium_cannot_exist_without_its_territory():
    with pytest.raises(ActionRefused):
        actions.create_organisation(by=SYSTEM, name="Nowhere", kind=OrganisationKind.CONSORTIUM)


def test_mission_staff_see_every_organisation_others_only_their_own():
    officer = UserWithRoleFactory(Role.MISSION_OFFICER)
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    other = OrganisationFactory(kind=OrganisationKind.CONSORTIUM)
    assert perms.can_view_organisation(officer, other)
    assert perms.can_view_organisation(lead, lead.memberships.get().organisation)
    assert not perms.can_view_organisation(lead, other)
