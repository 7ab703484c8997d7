"""factory_boy factories (no fixture files)."""

import factory

from frenchtech.accounts.enums import ROLES_BY_KIND, OrganisationKind, Partner
from frenchtech.accounts.models import Membership, Organisation, User
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Epci


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def _kind_for_role(role: str) -> str:
    for kind, roles in ROLES_BY_KIND.items():
        if role in roles:
            return kind
    raise ValueError(role)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.ACCELERATOR
    partner = factory.LazyAttribute(
        lambda o: Partner.BPIFRANCE if o.kind == OrganisationKind.PARTNER else ""
    )
    territory = factory.LazyAttribute(
        lambda o: (
            Epci.objects.filter(kind=EpciKind.METROPOLE).order_by("code").first()
            if o.kind == OrganisationKind.CONSORTIUM
            else None
        )
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = factory.LazyAttribute(lambda m: next(iter(ROLES_BY_KIND[m.organisation.kind])))


def UserWithRoleFactory(role: str, organisation=None, **user_fields) -> User:
    """A user holding `role` in an organisation of the matching kind."""
    organisation = organisation or OrganisationFactory(kind=_kind_for_role(role))
    membership = MembershipFactory(
        role=role, organisation=organisation, user=UserFactory(**user_fields)
    )
    return membership.user
