"""Sign-in lockout (django-axes): how an attempt is named, and the page a locked pair sees.

Ten failures for one account from one address lock that pair for 15 minutes
(settings `AXES_*`); a locked pair is refused before the password is even hashed, and
sees this page with HTTP 429, in French or English. The Mission lists and lifts locks at
`/mission/connexions/` (`accounts.unlock_sign_in`).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def sign_in_username(request, credentials) -> str:
    """The account tried, as the sign-in form normalises it (e-mail, lower case)."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()[:254]


def client_address(request) -> str:
    """The connecting address (behind a proxy, the proxy must be trusted to set it)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104


def locked_out(request, _original_response=None, _credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "web/accounts/locked_out.html",
        {
            "title": _("Connexion temporairement bloquée"),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": minutes,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
