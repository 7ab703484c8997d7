"""The Mission's page on a label: audit, suspend, reinstate, withdraw, each with reasons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frenchtech.core.permissions import require
from frenchtech.core.workflow import available_actions, history
from frenchtech.labels import actions, perms
from frenchtech.labels.models import Label
from frenchtech.web.labels.forms import AuditForm, DecisionForm
from frenchtech.web.refusals import refusals_shown

# The page's forms, by the transition of the label's state machine each one fires.
FORM_FOR_TRANSITION = {
    "confirm": "audit",  # the audit confirms, or withdraws
    "suspend": "suspend",
    "reinstate_experimentation": "reinstate",
    "reinstate_confirmed": "reinstate",
    "withdraw": "withdraw",
}


def _available(label, user) -> list[str]:
    """The forms offered on the page: what the label's state machine allows now."""
    forms = (FORM_FOR_TRANSITION.get(t.name) for t in available_actions(label, user))
    return list(dict.fromkeys(form for form in forms if form))


MOVES = {
    "suspend": (actions.suspend_label, gettext_lazy("Label suspendu.")),
    "reinstate": (actions.reinstate_label, gettext_lazy("Label rétabli.")),
    "withdraw": (actions.withdraw_label, gettext_lazy("Label retiré.")),
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
    with refusals_shown(request, form) as attempt:
        if move == "audit":
            report = label.yearly_reports.order_by("-year").first()
            actions.record_audit(outcome=data["outcome"], report=report, **common)
            done = _("Audit enregistré.")
        else:
            function, done = MOVES[move]
            function(**common)
    if attempt.refused:
        return form
    messages.success(request, done)
    return None


@login_required
def manage(request, pk):
    require(perms.can_manage_labels(request.user), "label management")
    label = get_object_or_404(Label.objects.select_related("consortium", "epci"), pk=pk)
    moves = _available(label, request.user)
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
            "log": history(label),
        },
        status=400 if request.method == "POST" else 200,
    )
