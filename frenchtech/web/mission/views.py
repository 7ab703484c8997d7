"""The Mission's back office: organisations, people and the audit log."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from frenchtech.accounts import perms
from frenchtech.accounts.actions import unlock_sign_in
from frenchtech.accounts.models import Organisation
from frenchtech.accounts.sign_in_locks import active_locks
from frenchtech.core.models import AuditEntry
from frenchtech.core.permissions import require
from frenchtech.web.refusals import refusals_shown


@require_GET
@login_required
def dashboard(request):
    require(perms.can_view_back_office(request.user), "back office")
    organisations = Organisation.objects.select_related("territory").annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True))
    )
    return render(
        request,
        "web/mission/dashboard.html",
        {"title": _("Espace Mission"), "organisations": organisations},
    )


@require_GET
@login_required
def audit_log(request):
    require(perms.can_view_audit_log(request.user), "audit log")
    entries = AuditEntry.objects.order_by("-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.readable = readable_entry(entry)
    return render(
        request, "web/mission/audit_log.html", {"title": _("Journal d'audit"), "page": page}
    )


@login_required
def sign_in_locks(request):
    """Sign-in locks (django-axes) and the Mission's action to lift one."""
    require(perms.is_mission_staff(request.user), "sign-in locks")
    if request.method == "POST":
        with refusals_shown(request):
            unlock_sign_in(
                by=request.user,
                username=request.POST.get("username", "")[:254],
                ip_address=request.POST.get("ip_address", "")[:64],
            )
            messages.success(request, _("Blocage levé."))
        return redirect("web:sign_in_locks")
    return render(
        request,
        "web/mission/sign_in_locks.html",
        {"title": _("Connexions bloquées"), "locks": active_locks()},
    )


# What a row did, for people; the write action's name stays beside it, as an identifier.
ACTOR_KINDS = {
    "system": gettext_lazy("la plateforme"),
    "anonymous": gettext_lazy("visiteur anonyme"),
}
CHANGE_KINDS = {
    "create": gettext_lazy("création"),
    "update": gettext_lazy("modification"),
    "delete": gettext_lazy("suppression"),
}


def readable_entry(entry) -> dict:
    """ "calls.save_section: update" on "calls.section" → modification, the action's name,
    and the object's translated kind (« section »)."""
    name, _separator, kind = entry.action.rpartition(": ")
    try:
        object_kind = str(apps.get_model(entry.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        object_kind = entry.object_type
    return {
        "actor": ACTOR_KINDS.get(entry.actor_label, entry.actor_label),
        "change": CHANGE_KINDS.get(kind, kind),
        "action_name": name,
        "object_kind": object_kind,
    }
