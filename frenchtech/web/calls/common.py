"""Loading an application for a request, permission checked once."""

from django.shortcuts import get_object_or_404

from frenchtech.calls import perms
from frenchtech.calls.models import Application
from frenchtech.core.permissions import require


def application_for(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related(
            "call", "consortium", "consortium__territory", "mission_contact"
        ),
        pk=pk,
    )
    require(perms.can_view_application(request.user, application), "application")
    return application
