"""The permission checkpoint used by every view: a predicate per kind of object.

Predicates are small functions `(user, obj) -> bool` living next to their object's
app (`accounts/perms.py`, ...). Views call `require()`; the command line and action
functions call the predicates directly.
"""

from django.core.exceptions import PermissionDenied


def require(allowed: bool, what: str = "") -> None:
    """Refuse with 403 unless `allowed`; `what` is logged, never shown to the user."""
    if not allowed:
        raise PermissionDenied(what)
