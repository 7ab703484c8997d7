"""Error pages in the DSFR style (rendered without touching the database).

Under `/api/` the same errors are answered in JSON, as the API answers its own.
"""

from django.http import JsonResponse
from django.shortcuts import render

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
