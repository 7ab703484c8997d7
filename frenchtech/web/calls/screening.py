"""The Mission's actions on an application (forms shown on the application page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frenchtech.calls import actions, perms
from frenchtech.calls.forms import (
    ContactForm,
    CorrectionRequestForm,
    EligibilityForm,
    ReasonForm,
    SiteVisitForm,
    SiteVisitReportForm,
)
from frenchtech.calls.workflow import MISSION_TRANSITIONS
from frenchtech.core.permissions import require
from frenchtech.core.workflow import TransitionRefused
from frenchtech.web.calls.common import application_for


def _invalid(request):
    messages.error(request, _("Formulaire incomplet : rien n'a été enregistré."))


@require_POST
@login_required
def screening_action(request, pk, action):
    application = application_for(request, pk)
    require(perms.can_screen(request.user, application), "screen application")
    by = request.user
    try:
        if action in MISSION_TRANSITIONS:
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            actions.move_application(
                application=application, transition=action, by=by, reason=reason
            )
            messages.success(request, _("État de la candidature mis à jour."))
        elif action == "eligibility":
            form = EligibilityForm(request.POST)
            if form.is_valid():
                actions.record_eligibility(application=application, by=by, **form.cleaned_data)
                messages.success(request, _("Examen de recevabilité enregistré."))
            else:
                _invalid(request)
        elif action == "correction":
            form = CorrectionRequestForm(request.POST)
            if form.is_valid():
                actions.request_correction(application=application, by=by, **form.cleaned_data)
                messages.success(request, _("Demande de correction envoyée au consortium."))
            else:
                _invalid(request)
        elif action == "contact":
            form = ContactForm(request.POST)
            if form.is_valid():
                actions.assign_contact(
                    application=application, by=by, contact=form.cleaned_data["contact"]
                )
                messages.success(request, _("Contact à la Mission enregistré."))
            else:
                _invalid(request)
        elif action == "visit":
            form = SiteVisitForm(request.POST)
            if form.is_valid():
                actions.schedule_site_visit(application=application, by=by, **form.cleaned_data)
                messages.success(request, _("Visite sur site programmée."))
            else:
                _invalid(request)
        elif action == "visit_report":
            visit = get_object_or_404(application.site_visits, pk=request.POST.get("visit"))
            form = SiteVisitReportForm(request.POST)
            if form.is_valid():
                actions.record_site_visit_report(
                    visit=visit, by=by, report=form.cleaned_data["report"]
                )
                messages.success(request, _("Compte rendu enregistré."))
            else:
                _invalid(request)
        else:
            raise Http404
    except TransitionRefused:
        messages.error(request, _("Ce changement d'état n'est pas possible depuis l'état actuel."))
    return redirect(f"{application.get_absolute_url()}#mission")
