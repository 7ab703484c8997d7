"""People, the organisations they belong to, and their roles there."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.accounts.enums import ROLES_BY_KIND, STAFF_ROLES, OrganisationKind, Partner, Role
from frenchtech.core.audited import AuditedModel, AuditedQuerySet


class UserManager(BaseUserManager.from_queryset(AuditedQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AuditedModel, AbstractBaseUser, PermissionsMixin):
    """An account, signed in with its e-mail address."""

    AUDIT_EXCLUDE = ("password", "last_login", "groups", "user_permissions")

    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=200)
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration technique"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def roles(self) -> set[str]:
        # Cached per instance: pages ask several times per request.
        if not hasattr(self, "_roles_cache"):
            self._roles_cache = set(
                self.memberships.filter(is_active=True).values_list("role", flat=True)
            )
        return self._roles_cache

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles() & set(roles))

    @property
    def needs_two_factors(self) -> bool:
        return self.is_superuser or self.has_role(*STAFF_ROLES)


class Organisation(AuditedModel):
    """The Mission, a partner, the committee, a candidate consortium or an accelerator."""

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    partner = models.CharField(_("partenaire"), max_length=30, choices=Partner.choices, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    # A consortium is led by a territory: the EPCI (métropole, CU, CA) that applies.
    territory = models.ForeignKey(
        "territories.Epci",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="partner") | ~models.Q(partner=""),
                name="partner_organisation_names_its_partner",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="consortium") | models.Q(territory__isnull=False),
                name="consortium_has_a_territory",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(AuditedModel):
    """A person's role in an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def clean(self):
        allowed = ROLES_BY_KIND.get(self.organisation.kind, set())
        if self.role not in allowed:
            raise ValidationError(
                {
                    "role": _(
                        "Le rôle « %(role)s » n'existe pas "
                        "dans une organisation de type « %(kind)s »."
                    )
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organisation.get_kind_display(),
                    }
                }
            )
