import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from frenchtech.accounts.two_factor import confirmed_device

# Paths a signed-in staff member may reach before giving the second factor.
# The API answers for itself: a JSON 401 rather than a redirect to an HTML page.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/")


def _needs_second_factor(user) -> bool:
    """Staff always; any other account once it has turned a second factor on."""
    if user.needs_two_factors:
        return True
    return confirmed_device(user) is not None


class TwoFactorRequiredMiddleware:
    """Staff accounts (Mission, partners, committee), and every account that turned the
    second factor on, reach nothing until their second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and _needs_second_factor(user):
            allowed = {
                reverse("accounts:otp_verify"),
                reverse("accounts:otp_setup"),
                reverse("accounts:logout"),
            }
            if request.path not in allowed and not request.path.startswith(_OPEN_PREFIXES):
                return redirect(f"{reverse('accounts:otp_verify')}?next={request.get_full_path()}")
        return self.get_response(request)


# Session keys: when the staff session began, and when it was last used (epoch seconds).
_STARTED = "staff_session_started"
_SEEN = "staff_session_seen"
# The last-use time is written at most once a minute, not on every request.
_SEEN_RESOLUTION = 60


def start_session_clock(sender, request, user, **kwargs):
    """At sign-in (a signal receiver): the session's start and last use, saved with the login."""
    now = int(time.time())
    request.session[_STARTED] = now
    request.session[_SEEN] = now
    if user.needs_two_factors:
        request.session.set_expiry(settings.STAFF_SESSION_IDLE)


class StaffSessionTimeoutMiddleware:
    """Staff sessions end after `STAFF_SESSION_MAX_AGE` seconds, or `STAFF_SESSION_IDLE`
    seconds without a request (settings: 8 hours and 30 minutes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.needs_two_factors:
            now = int(time.time())
            session = request.session
            started = session.get(_STARTED, now)
            seen = session.get(_SEEN, now)
            if (
                now - started > settings.STAFF_SESSION_MAX_AGE
                or now - seen > settings.STAFF_SESSION_IDLE
            ):
                logout(request)
                return redirect(f"{reverse('accounts:login')}?expired=1")
            if now - seen >= _SEEN_RESOLUTION or _SEEN not in session or _STARTED not in session:
                session[_SEEN] = now
                session[_STARTED] = started
                session.set_expiry(settings.STAFF_SESSION_IDLE)
        return self.get_response(request)
