"""Conflicts: declared and detected, and what a conflicted member can no longer do."""

import pytest

from frenchtech.accounts.enums import Role
from frenchtech.committee.actions.members import declare_conflict, record_detected_conflicts
from frenchtech.committee.conflicts import conflict_map, is_conflicted
from frenchtech.committee.enums import ConflictKind, ConflictOrigin
from frenchtech.committee.models import ConflictOfInterest
from tests.calls.factories import CallFactory
from tests.committee.builders import member, metropoles, ready_application
from tests.factories import OrganisationFactory, UserWithRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return ready_application(CallFactory(), metropoles(1)[0], actor_sirens=["552100554"])


def kinds(user, application):
    return sorted(
        tie.kind for tie in conflict_map([user], [application]).get((user.pk, application.pk), [])
    )


def test_a_member_of_the_consortium_is_detected(application):
    someone = member()
    assert not is_conflicted(someone.user, application)
    inside = UserWithRoleFactory(Role.CONSORTIUM_EDITOR, organisation=application.consortium)
    assert ConflictKind.INSTITUTIONAL in kinds(inside, application)


def test_an_organisation_among_the_actors_is_detected_by_siren(application):
    partner = OrganisationFactory(kind="partner", siren="552100554")
    staff = member(Role.PARTNER_STAFF, organisation=partner)
    assert kinds(staff.user, application) == [ConflictKind.INSTITUTIONAL]


def test_a_member_living_in_the_territory_is_detected(application):
    local = member(home_epci=application.consortium.territory)
    assert kinds(local.user, application) == [ConflictKind.SAME_TERRITORY]
    elsewhere = member(home_epci=metropoles(2)[1])
    assert kinds(elsewhere.user, application) == []


def test_declared_conflicts_by_the_member_and_by_the_mission(application, mission):
    someone = member()
    declare_conflict(
        by=someone.user, member=someone, application=application, kind=ConflictKind.PERSONAL
    )
    other = member()
    declare_conflict(by=mission, member=other, application=application, kind=ConflictKind.FINANCIAL)
    origins = dict(ConflictOfInterest.objects.values_list("member_id", "origin"))
    assert origins == {someone.pk: ConflictOrigin.MEMBER, other.pk: ConflictOrigin.MISSION}
    assert is_conflicted(someone.user, application)
    assert is_conflicted(other.user, application)


def test_a_member_cannot_declare_a_conflict_for_someone_else(application):
    from django.core.exceptions import PermissionDenied

    someone, other = member(), member()
    with pytest.raises(PermissionDenied):
        declare_conflict(
            by=someone.user, member=other, application=application, kind=ConflictKind.PERSONAL
        )


def test_detected_conflicts_are_stored_once(application, mission):
    local = member(home_epci=application.consortium.territory)
    assert record_detected_conflicts(by=mission, members=[local], applications=[application]) == 1
    assert record_detected_conflicts(by=mission, members=[local], applications=[application]) == 0
    assert ConflictOfInterest.objects.get().origin == ConflictOrigin.DETECTED


def test_conflict_map_costs_a_constant_number_of_queries(django_assert_max_num_queries):
    call = CallFactory()
    applications = [ready_application(call, t) for t in metropoles(6)]
    members = [member() for _ in range(8)]
    with django_assert_max_num_queries(4):
        conflict_map([m.user for m in members], applications)
