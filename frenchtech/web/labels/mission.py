"""The Mission's page on a label: audit, suspend, reinstate, withdraw, each with reasons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from frenchtech.core.permissions import require
from frenchtech.core.workflow import TransitionRefused, transition_log
from frenchtech.labels import actions, perms
from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.models import Label
from frenchtech.web.labels.forms import AuditForm, DecisionForm


def _available(label) -> list[str]:
    """The moves offered on the page; the actions still check them."""
    status = label.status
    moves = []
    if status == LabelStatus.EXPERIMENTATION:
        moves.append("audit")
    if status in (LabelStatus.EXPERIMENTATION, LabelStatus.CONFIRMED):
        moves.append("suspend")
    if status == LabelStatus.SUSPENDED:
        moves.append("reinstate")
    if label.is_live:
        moves.append("withdraw")
    return moves


MOVES = {
    "suspend": (actions.suspend_label, _("Label suspendu.")),
    "reinstate": (actions.reinstate_label, _("Label rétabli.")),
    "withdraw": (actions.withdraw_label, _("Label retiré.")),
}


def _apply(request, label, move):
    form = (AuditForm if move == "audit" else DecisionForm)(request.POST, prefix=move)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    common = {
        "label": label,
        "by": request.user,
        "reasons": data["reasons"],
        "public_reason": data["public_reason"],
        "on": data["on"],
    }
    try:
        if move == "audit":
            report = label.yearly_reports.order_by("-year").first()
            actions.record_audit(outcome=data["outcome"], report=report, **common)
            done = _("Audit enregistré.")
        else:
            function, done = MOVES[move]
            function(**common)
    except (TransitionRefused, ValidationError) as error:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        return form
    messages.success(request, done)
    return None


@login_required
def manage(request, pk):
    require(perms.can_manage_labels(request.user), "label management")
    label = get_object_or_404(Label.objects.select_related("consortium", "epci"), pk=pk)
    moves = _available(label)
    forms = {}
    if request.method == "POST":
        move = request.POST.get("move")
        if move not in moves:
            messages.error(request, _("Cette décision n'est pas possible dans l'état du label."))
            return redirect("labels:manage", pk=pk)
        failed = _apply(request, label, move)
        if failed is None:
            return redirect("labels:manage", pk=pk)
        forms[move] = failed
    for move in moves:
        if move not in forms:
            forms[move] = (AuditForm if move == "audit" else DecisionForm)(prefix=move)
    titles = {
        "audit": _("Audit après l'année d'expérimentation"),
        "suspend": _("Suspendre le label"),
        "reinstate": _("Rétablir le label"),
        "withdraw": _("Retirer le label"),
    }
    return render(
        request,
        "web/labels/manage.html",
        {
            "title": _("Gestion du label — %s") % label.consortium,
            "label": label,
            "decision_forms": [(move, titles[move], forms[move]) for move in moves],
            "events": list(label.events.all()),
            "log": list(transition_log(label).select_related("actor")),
        },
        status=400 if request.method == "POST" else 200,
    )
