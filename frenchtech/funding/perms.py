"""Who may see and do what with the funds.

* Mission staff and the staff of Bpifrance (the fund's manager) and the Caisse des Dépôts
  (its operator) manage envelopes and investment files.
* Mission staff and the staff of Business France and the AFII manage promotion actions.
* An accelerator's manager and finance director see their own organisation's files, and
  the manager may file an expression of interest for it.
* Fund managers register accelerators; envelopes are created and divided by whoever
  manages their kind (acceleration fund: fund managers; promotion budget: promotion managers).
* Everybody else (consortia, committee members, the public) sees the public summary only.
"""

from frenchtech.accounts.enums import Partner, Role
from frenchtech.accounts.perms import is_mission_staff
from frenchtech.funding.enums import EnvelopeKind

FUND_PARTNERS = (Partner.BPIFRANCE, Partner.CAISSE_DES_DEPOTS)
PROMOTION_PARTNERS = (Partner.BUSINESS_FRANCE, Partner.AFII)
ACCELERATOR_ROLES = (Role.ACCELERATOR_MANAGER, Role.ACCELERATOR_FINANCE)


def _partners(user) -> set[str]:
    # Cached per user instance like `User.roles()`: a page asks several times.
    if not hasattr(user, "_funding_partners_cache"):
        user._funding_partners_cache = set(
            user.memberships.filter(is_active=True, role=Role.PARTNER_STAFF).values_list(
                "organisation__partner", flat=True
            )
        )
    return user._funding_partners_cache


def _accelerator_ids(user, roles=ACCELERATOR_ROLES) -> set[int]:
    key = "_funding_accelerators_" + "_".join(sorted(roles))
    if not hasattr(user, key):
        setattr(
            user,
            key,
            set(
                user.memberships.filter(
                    is_active=True, role__in=roles, organisation__kind="accelerator"
                ).values_list("organisation_id", flat=True)
            ),
        )
    return getattr(user, key)


def can_manage_fund(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_mission_staff(user):
        return True
    return user.has_role(Role.PARTNER_STAFF) and bool(_partners(user) & set(FUND_PARTNERS))


def can_manage_promotion(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_mission_staff(user):
        return True
    return user.has_role(Role.PARTNER_STAFF) and bool(_partners(user) & set(PROMOTION_PARTNERS))


def is_accelerator_member(user) -> bool:
    return user.is_authenticated and user.has_role(*ACCELERATOR_ROLES)


def can_list_investment_files(user) -> bool:
    return can_manage_fund(user) or is_accelerator_member(user)


def visible_accelerator_ids(user) -> set[int] | None:
    """None when every file is visible, else the accelerators whose files the user sees."""
    if can_manage_fund(user):
        return None
    if is_accelerator_member(user):
        return _accelerator_ids(user)
    return set()


def can_view_investment_file(user, investment_file) -> bool:
    if can_manage_fund(user):
        return True
    return is_accelerator_member(user) and investment_file.accelerator_id in _accelerator_ids(user)


def can_express_interest(user, accelerator=None) -> bool:
    """Fund managers for any accelerator; an accelerator's manager for their own."""
    if can_manage_fund(user):
        return True
    if not (user.is_authenticated and user.has_role(Role.ACCELERATOR_MANAGER)):
        return False
    own = _accelerator_ids(user, (Role.ACCELERATOR_MANAGER,))
    return bool(own) if accelerator is None else accelerator.pk in own


def can_view_internal_reports(user) -> bool:
    return can_manage_fund(user) or can_manage_promotion(user)


def can_register_accelerator(user) -> bool:
    """Fund managers register accelerators (after the public-body rule)."""
    return can_manage_fund(user)


def manageable_envelope_kinds(user) -> list[str]:
    """The kinds of envelope this person may create and divide (fund or promotion budget)."""
    kinds = []
    if can_manage_fund(user):
        kinds.append(EnvelopeKind.ACCELERATION)
    if can_manage_promotion(user):
        kinds.append(EnvelopeKind.PROMOTION)
    return kinds


def can_manage_envelope(user, envelope) -> bool:
    return envelope.kind in manageable_envelope_kinds(user)


def can_list_envelopes(user) -> bool:
    return can_view_internal_reports(user)
