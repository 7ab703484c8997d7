"""Error pages in the DSFR style (rendered without touching the database): 400, 403, 404,
405 (a POST-only address opened directly, after a refresh), 500 and the CSRF failure.

Under `/api/` the same errors are answered in JSON, as the API answers its own.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def bad_request(request, exception=None):
    # A bad Host header is refused before the authentication middleware has run.
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return render(request, "web/errors/400.html", status=400)


_API_PREFIX = "/api/"
_API_ERRORS = {
    403: ("forbidden", "you may not do this"),
    404: ("not_found", "no such address in the API; see /api/v1/openapi.json"),
    500: ("server_error", "internal error; it has been logged"),
}


def _api_error(status: int) -> JsonResponse:
    error, detail = _API_ERRORS[status]
    return JsonResponse({"error": error, "detail": detail, "parameter": None}, status=status)


def permission_denied(request, exception=None):
    if request.path.startswith(_API_PREFIX):
        return _api_error(403)
    return render(request, "web/errors/403.html", status=403)


def page_not_found(request, exception=None):
    if request.path.startswith(_API_PREFIX):
        return _api_error(404)
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    if request.path.startswith(_API_PREFIX):
        return _api_error(500)
    return render(request, "web/errors/500.html", status=500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired form (session ended, page kept open for long)."""
    return render(request, "web/errors/csrf.html", status=403)


class MethodNotAllowedMiddleware:
    """Turns Django's blank 405 (`require_POST` and friends) into a page that says why and
    where to go; a client asking for JSON only (the API's) keeps the bare answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or _wants_json_only(request):
            return response
        page = render(
            request,
            "web/errors/405.html",
            {"allowed": response["Allow"], "back": _same_site_referer(request)},
            status=405,
        )
        page["Allow"] = response["Allow"]
        return page


def _wants_json_only(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "json" in accept and "html" not in accept


def _same_site_referer(request) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""
