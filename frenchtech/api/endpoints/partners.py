"""Authenticated: who am I, applications (as the calls permissions allow), my tokens."""

# Query(...) in defaults is how django-ninja declares query parameters.

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from frenchtech.api import tokens
from frenchtech.api.auth import PARTNER_AUTH, SESSION_ONLY
from frenchtech.api.models import ApiToken
from frenchtech.api.pagination import id_parameter, limit_parameter, offset_parameter, page
from frenchtech.api.schemas import (
    ApplicationOut,
    ApplicationPage,
    Error,
    MeOut,
    TokenCreated,
    TokenIn,
    TokenList,
)
from frenchtech.calls import perms as calls_perms
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application
from frenchtech.core.converters import MAX_ID

router = Router(auth=PARTNER_AUTH)

AUTH_ERRORS = {401: Error, 403: Error}


@router.get("/me", response={200: MeOut, **AUTH_ERRORS}, tags=["account"], summary="Who am I")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "roles": sorted(user.roles()),
        "authenticated_by": request.api_auth_method,
    }


# --- applications --------------------------------------------------------------------
def _applications():
    return Application.objects.select_related("call", "consortium__territory").order_by("-id")


def _application(application) -> dict:
    territory = application.consortium.territory
    return {
        "id": application.pk,
        "call": {"id": application.call_id, "name": application.call.title},
        "consortium": {"id": application.consortium_id, "name": application.consortium.name},
        "epci": (
            {"code": territory.code, "name": territory.name, "kind": territory.kind}
            if territory is not None
            else None
        ),
        "state": application.state,
        "state_label": str(application.get_state_display()),
        "created_at": application.created_at,
        "first_submitted_at": application.first_submitted_at,
        "state_changed_at": application.state_changed_at,
    }


@router.get(
    "/applications",
    response={200: ApplicationPage, **AUTH_ERRORS},
    tags=["applications"],
    summary="Applications you may read",
    description="Exactly those the platform's pages show you: your consortium's, and for "
    "committee members and partners' staff those at the committee, minus any you are "
    "barred from by a conflict of interest.",
)
def application_list(
    request,
    call: int | None = Query(None, ge=1, le=MAX_ID, description="Call id."),
    state: ApplicationState | None = Query(None, description="Application state."),
    epci: str | None = Query(None, max_length=9, description="The consortium's EPCI SIREN."),
    limit: int = limit_parameter(),
    offset: int = offset_parameter(),
):
    queryset = calls_perms.visible_applications(request.auth, _applications())
    filters = {"call_id": call, "state": state, "consortium__territory_id": epci}
    queryset = queryset.filter(**{key: value for key, value in filters.items() if value})
    result = page(queryset, limit, offset)
    result["results"] = [_application(application) for application in result["results"]]
    return result


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, 404: Error, **AUTH_ERRORS},
    tags=["applications"],
    summary="One application",
    description="404 when it does not exist or you may not read it: the API does not tell "
    "the two apart.",
)
def application_detail(request, application_id: int = id_parameter("The application's id.")):
    application = _applications().filter(pk=application_id).first()
    if application is None or not calls_perms.can_view_application(request.auth, application):
        return Status(404, {"error": "not_found", "detail": f"no application {application_id}"})
    return _application(application)


# --- tokens --------------------------------------------------------------------------
def _token(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/tokens", response={200: TokenList, **AUTH_ERRORS}, tags=["tokens"],
            summary="Your API tokens")  # fmt: skip
def token_list(request):
    return {"results": [_token(token) for token in request.auth.api_tokens.all()]}


@router.post(
    "/tokens",
    auth=SESSION_ONLY,
    response={201: TokenCreated, **AUTH_ERRORS},
    tags=["tokens"],
    summary="Create a personal API token (signed-in session only)",
    description="The token is in this response only: it is stored as a sha256 digest. "
    "Staff accounts need a confirmed second factor. CSRF-protected.",
)
def token_create(request, payload: TokenIn):
    if not tokens.can_create_token(request.auth):
        return Status(
            403,
            {
                "error": "second_factor_required",
                "detail": "set up and confirm a second factor before creating an API token",
            },
        )
    token, raw = tokens.create_token(by=request.auth, name=payload.name)
    return Status(201, {**_token(token), "token": raw})


@router.delete(
    "/tokens/{token_id}",
    response={204: None, 404: Error, **AUTH_ERRORS},
    tags=["tokens"],
    summary="Revoke one of your API tokens",
)
def token_revoke(request, token_id: int = id_parameter("The token's id.")):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.auth)
    tokens.revoke_token(by=request.auth, token=token)
    return Status(204, None)
