"""Loading committee objects for a request, permission checked once."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from frenchtech.calls.models import Application
from frenchtech.committee import perms
from frenchtech.committee.models import CommitteeRound
from frenchtech.core.permissions import require


def round_for(request, pk) -> CommitteeRound:
    require(perms.can_enter(request.user), "committee")
    return get_object_or_404(CommitteeRound.objects.select_related("call"), pk=pk)


def application_in(request, round_, application_pk) -> Application:
    application = (
        round_.applications.select_related("call", "consortium", "consortium__territory")
        .filter(pk=application_pk)
        .first()
    )
    if application is None:
        raise Http404("not on this round's agenda")
    require(perms.can_view_application(request.user, round_, application), "conflict")
    return application
