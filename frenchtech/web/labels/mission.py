"""The Mission's page on a label: audit, suspend, reinstate, withdraw, each with reasons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frenchtech.core.permissions import require
from frenchtech.core.workflow import available_actions, history
from frenchtech.labels import actions, perms
from frenchtech.labels.dates import as_date
from frenchtech.labels.enums import AuditOutcome
from frenchtech.labels.models import Label
from frenchtech.web.confirmation import Fact, ask, confirmed
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


TITLES = {
    "audit": gettext_lazy("Audit après l'année d'expérimentation"),
    "suspend": gettext_lazy("Suspendre le label"),
    "reinstate": gettext_lazy("Rétablir le label"),
    "withdraw": gettext_lazy("Retirer le label"),
}

MOVES = {
    "suspend": (actions.suspend_label, gettext_lazy("Label suspendu.")),
    "reinstate": (actions.reinstate_label, gettext_lazy("Label rétabli.")),
    "withdraw": (actions.withdraw_label, gettext_lazy("Label retiré.")),
}


# What each irreversible move does, said on its confirmation page (reinstating is not asked).
CONSEQUENCES = {
    "suspend": [
        gettext_lazy(
            "Le label est suspendu dès la date d'effet : la liste publique et les données "
            "ouvertes l'affichent, l'écosystème n'est plus éligible à la promotion."
        ),
    ],
    "withdraw": [
        gettext_lazy(
            "Le retrait est définitif : le label prend fin à la date d'effet et ne pourra "
            "pas être rétabli."
        ),
        gettext_lazy("La liste publique et les données ouvertes l'affichent."),
    ],
    "audit": [
        gettext_lazy("Un label ne s'audite qu'une fois : la conclusion ne se modifie plus."),
        gettext_lazy(
            "Confirmer le label l'étend de trois ans ; conclure au retrait y met fin "
            "définitivement."
        ),
    ],
}


def _ask(request, label, move, form):
    data = form.cleaned_data
    facts = []
    if move == "audit":
        facts.append(Fact(_("Conclusion"), AuditOutcome(data["outcome"]).label))
    facts.append(Fact(_("Date d'effet"), date_format(as_date(data["on"]), "j F Y")))
    facts.append(Fact(_("Motifs (internes)"), data["reasons"]))
    return ask(
        request,
        title=_("%(move)s — %(name)s ?") % {"move": TITLES[move], "name": label.consortium},
        consequences=CONSEQUENCES[move],
        facts=facts,
        cancel_url=reverse("labels:manage", args=[label.pk]),
        confirm_label=TITLES[move],
    )


def _apply(request, label, move):
    """None when done; a form with its errors; or the confirmation page to show."""
    form = (AuditForm if move == "audit" else DecisionForm)(request.POST, prefix=move)
    if not form.is_valid():
        return form
    if move in CONSEQUENCES and not confirmed(request):
        # The date is checked before asking: a refused date is shown on the form.
        with refusals_shown(request, form) as attempt:
            actions.check_effective_date(label, as_date(form.cleaned_data["on"]))
        return form if attempt.refused else _ask(request, label, move, form)
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
        if isinstance(failed, HttpResponse):
            return failed
        forms[move] = failed
    for move in moves:
        if move not in forms:
            forms[move] = (AuditForm if move == "audit" else DecisionForm)(prefix=move)
    return render(
        request,
        "web/labels/manage.html",
        {
            "title": _("Gestion du label — %s") % label.consortium,
            "label": label,
            "decision_forms": [(move, TITLES[move], forms[move]) for move in moves],
            "events": list(label.events.all()),
            "log": history(label),
        },
        status=400 if request.method == "POST" else 200,
    )
