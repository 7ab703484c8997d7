"""Builders for the committee tests: applications ready for the committee, members, rounds."""

from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application, Section
from frenchtech.committee.actions.members import register_member
from frenchtech.committee.actions.rounds import open_round
from frenchtech.committee.enums import MemberKind
from frenchtech.core.actor import SYSTEM
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Epci
from tests.calls.factories import CallFactory
from tests.factories import OrganisationFactory, UserWithRoleFactory


def metropoles(count: int) -> list[Epci]:
    return list(Epci.objects.filter(kind=EpciKind.METROPOLE).order_by("code")[:count])


def ready_application(call, territory, *, name=None, actor_sirens=(), text=""):
    """An application already at the committee (the calls journey is tested in calls)."""
    consortium = OrganisationFactory(
        name=name or f"French Tech {territory.name}",
        kind=OrganisationKind.CONSORTIUM,
        territory=territory,
    )
    application = Application.objects.create(
        call=call, consortium=consortium, state=ApplicationState.READY_FOR_COMMITTEE
    )
    Section.objects.create(
        application=application,
        key="actors",
        data={
            "actors": "",
            "actor_list": [
                {"name": f"Acteur {siren}", "siren": siren, "role": "acteur"}
                for siren in actor_sirens
            ],
        },
    )
    Section.objects.create(application=application, key="strategy", data={"vision": text})
    return application


def member(role=Role.COMMITTEE_MEMBER, *, organisation=None, home_epci=None, expertise=()):
    user = UserWithRoleFactory(role, organisation=organisation)
    return register_member(
        by=SYSTEM,
        user=user,
        kind=MemberKind.PARTNER_STAFF if role == Role.PARTNER_STAFF else MemberKind.OUTSIDE_FIGURE,
        expertise=expertise,
        home_epci=home_epci,
    )


def committee_round(applications_count=3, members_count=5, n=2, call=None):
    """A call, `applications_count` ready applications, `members_count` members, a round."""
    call = call or CallFactory()
    applications = [
        ready_application(call, territory) for territory in metropoles(applications_count)
    ]
    members = [member() for _ in range(members_count)]
    round_ = open_round(by=SYSTEM, call=call, title="Comité test", reviewers_per_application=n)
    return round_, applications, members


def sign_in_with_otp(client, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
