"""Write actions of the committee: atomic, permission-checked, audited (one per action)."""

from django.core.exceptions import PermissionDenied


def require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(what)
