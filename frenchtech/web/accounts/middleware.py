from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in staff member may reach before giving the second factor.
# The API answers for itself: a JSON 401 rather than a redirect to an HTML page.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/")


class TwoFactorRequiredMiddleware:
    """Staff accounts (Mission, partners, committee) reach nothing until their second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.needs_two_factors and not user.is_verified():
            allowed = {
                reverse("accounts:otp_verify"),
                reverse("accounts:otp_setup"),
                reverse("accounts:logout"),
            }
            if request.path not in allowed and not request.path.startswith(_OPEN_PREFIXES):
                return redirect(f"{reverse('accounts:otp_verify')}?next={request.get_full_path()}")
        return self.get_response(request)
