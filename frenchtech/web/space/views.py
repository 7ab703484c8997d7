"""The signed-in person's own space: what waits for them, their organisations and roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.accounts import perms
from frenchtech.accounts.models import Organisation
from frenchtech.accounts.two_factor import confirmed_device
from frenchtech.core.permissions import require
from frenchtech.web.space.tasks import blocks_for


@require_GET
@login_required
def my_space(request):
    memberships = request.user.memberships.filter(is_active=True).select_related(
        "organisation", "organisation__territory"
    )
    return render(
        request,
        "web/space/my_space.html",
        {
            "title": _("Mon espace"),
            "memberships": memberships,
            "blocks": blocks_for(request.user),
            "has_second_factor": confirmed_device(request.user) is not None,
        },
    )


@require_GET
@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), pk=pk)
    require(perms.can_view_organisation(request.user, organisation), "organisation")
    members = organisation.memberships.filter(is_active=True).select_related("user")
    return render(
        request,
        "web/space/organisation.html",
        {"title": organisation.name, "organisation": organisation, "members": members},
    )
