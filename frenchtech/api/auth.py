"""Who is calling: a personal token (partners' systems) or the Django session (same origin)."""

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer

from frenchtech.api.tokens import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ft_…`: a live token of an active user."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.api_auth_method = "token"
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in session; staff accounts only once their second factor is verified.

    CSRF is checked on unsafe methods (creating and revoking tokens), as in the web pages.
    """

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "The platform's session cookie (same-origin pages)."

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if user.needs_two_factors and not user.is_verified():
            return None
        request.api_auth_method = "session"
        return user


PARTNER_AUTH = [TokenAuth(), SessionAuth()]
SESSION_ONLY = [SessionAuth()]
