"""The API's own HTML pages: its index (links to the OpenAPI document and the interactive
reader) and the token page where a signed-in partner creates and revokes personal tokens
through the same actions as the JSON endpoints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from frenchtech.api import tokens
from frenchtech.api.models import ApiToken
from frenchtech.core.refusals import ActionRefused


@require_GET
def index(request):
    return render(request, "api/index.html", {"title": _("API French Tech")})


@require_http_methods(["GET", "POST"])
@login_required
def token_page(request):
    """GET lists the person's tokens; POST `create` (with a name) or `revoke` (with an id)."""
    created = None
    error = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            token_id = request.POST["revoke"]
            token = get_object_or_404(
                ApiToken, pk=int(token_id) if token_id.isdigit() else 0, user=request.user
            )
            tokens.revoke_token(by=request.user, token=token)
            messages.success(request, _("Jeton « %(name)s » révoqué.") % {"name": token.name})
            return redirect("api:tokens")
        name = request.POST.get("name", "").strip()[:100]
        if not name:
            error = _("Donnez un nom au jeton (par exemple, le système qui l'utilisera).")
        elif not tokens.can_create_token(request.user):
            error = _("Activez d'abord la double authentification de votre compte.")
        else:
            try:
                _token, created = tokens.create_token(by=request.user, name=name)
            except ActionRefused as refusal:
                error = refusal.message
    response = render(
        request,
        "api/tokens.html",
        {
            "title": _("Mes jetons d'API"),
            "tokens": request.user.api_tokens.all(),
            "created": created,
            "error": error,
            "can_create": tokens.can_create_token(request.user),
        },
    )
    # The new token is in this page only: never cached.
    response["Cache-Control"] = "private, no-store"
    return response
