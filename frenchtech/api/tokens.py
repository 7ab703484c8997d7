"""Creating, revoking and checking personal API tokens (one function per write action)."""

import hashlib
import secrets

from django.utils import timezone

from frenchtech.accounts.two_factor import confirmed_device
from frenchtech.api.models import ApiToken
from frenchtech.core.actions import write_action

TOKEN_PREFIX = "ft_"  # noqa: S105 (a marker, not a secret)
PREFIX_SHOWN = 10  # "ft_" and 7 random characters


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def can_create_token(user) -> bool:
    """Any active account; staff accounts (two factors required) need a confirmed device."""
    if not user.is_authenticated or not user.is_active:
        return False
    return not user.needs_two_factors or confirmed_device(user) is not None


def can_revoke_token(user, token: ApiToken) -> bool:
    return user.is_authenticated and token.user_id == user.pk


@write_action(allowed=can_create_token, system=False)
def create_token(*, by, name: str) -> tuple[ApiToken, str]:
    """A new token for `by`: the model (digest only) and the raw token, to show once.

    Staff need a confirmed second factor first."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=by, name=name, prefix=raw[:PREFIX_SHOWN], digest=digest(raw)
    )
    return token, raw


@write_action(allowed=can_revoke_token)
def revoke_token(*, by, token: ApiToken) -> ApiToken:
    """Only its owner revokes a token."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save()
    return token


def user_for_token(raw: str):
    """The active user owning this live token, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    return token.user
