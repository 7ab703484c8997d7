"""The NinjaAPI instance: routers, JSON errors, and the OpenAPI document."""

import logging

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from frenchtech.api.endpoints import (
    evaluation,
    funding,
    labels,
    observatory,
    partners,
    territories,
)

api = NinjaAPI(
    title="French Tech API",
    version="1",
    description=(
        "Read access to the French Tech programme's open data (territories, observatory, "
        "labels, funds) and, for partners, to the applications they may read. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # Swagger UI from django-ninja's own static files ("ninja" is an installed app), never
    # from a CDN: the site's Content-Security-Policy allows only its own scripts.
    docs=Swagger(),
    docs_url="/docs",
)

api.add_router("/territories", territories.router)
api.add_router("/observatory", observatory.router)
api.add_router("/labels", labels.router)
api.add_router("/funding", funding.router)
api.add_router("/evaluation", evaluation.router)
api.add_router("/", partners.router)


def _error(request, status: int, error: str, detail: str, parameter: str | None = None):
    body = {"error": error, "detail": detail, "parameter": parameter}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="french-tech"'
    return response


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    """400 naming the offending parameter (the first one; all are listed in `detail`)."""
    problems = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        # A body field is named by its path inside the body ("body.name" → "name").
        if location and location[0] in ("body", "payload"):
            location = location[1:]
        location = [part for part in location if part != "payload"]
        problems.append((".".join(location) or "request", error.get("msg", "invalid")))
    parameter = problems[0][0] if problems else "request"
    detail = "; ".join(f"{name}: {message}" for name, message in problems)
    return _error(request, 400, "invalid_parameter", detail, parameter)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc):
    return _error(
        request,
        401,
        "not_authenticated",
        "sign in, or send a personal token as 'Authorization: Bearer <token>'",
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", str(exc) or "not found")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(Exception)
def unexpected(request, exc):
    """Any other failure: a JSON 500 (the traceback goes to the log, not to the client)."""
    logging.getLogger("frenchtech.api").error(
        "API error on %s", request.path, exc_info=(type(exc), exc, exc.__traceback__)
    )
    return _error(request, 500, "server_error", "internal error; it has been logged")
