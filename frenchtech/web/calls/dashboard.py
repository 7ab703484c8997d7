"""The Mission's dashboard of applications, with filters and exports."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.calls import exports, perms
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.forms import ContactForm
from frenchtech.calls.models import Application, Call
from frenchtech.core.converters import parse_id
from frenchtech.core.permissions import require

EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.to_xlsx),
    "json": ("application/json", exports.to_json),
}


def _filtered(request):
    applications = perms.visible_applications(
        request.user,
        Application.objects.select_related(
            "call", "consortium", "consortium__territory", "mission_contact"
        ).order_by("state_changed_at", "id"),
    )
    state = request.GET.get("state", "")
    call = request.GET.get("call", "")
    contact = request.GET.get("contact", "")
    if state in ApplicationState.values:
        applications = applications.filter(state=state)
    # A malformed or out-of-range id filters nothing rather than failing the page.
    if parse_id(call) is not None:
        applications = applications.filter(call_id=parse_id(call))
    if contact == "none":
        applications = applications.filter(mission_contact__isnull=True)
    elif parse_id(contact) is not None:
        applications = applications.filter(mission_contact_id=parse_id(contact))
    return applications, {"state": state, "call": call, "contact": contact}


@require_GET
@login_required
def dashboard(request):
    require(perms.can_export(request.user), "applications dashboard")
    applications, filters = _filtered(request)
    counts = dict(Application.objects.values_list("state").annotate(n=Count("id")))
    return render(
        request,
        "web/calls/dashboard.html",
        {
            "title": _("Candidatures"),
            "applications": applications,
            "by_state": [
                (value, label, counts.get(value, 0)) for value, label in ApplicationState.choices
            ],
            "calls": Call.objects.all(),
            "contacts": ContactForm().fields["contact"].queryset,
            "filters": filters,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def export(request, fmt):
    require(perms.can_export(request.user), "export applications")
    if fmt not in EXPORT_TYPES:
        raise Http404
    content_type, render_export = EXPORT_TYPES[fmt]
    applications, _filters = _filtered(request)
    data = exports.rows(applications, lambda a: request.build_absolute_uri(a.get_absolute_url()))
    response = HttpResponse(render_export(data), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="candidatures.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
