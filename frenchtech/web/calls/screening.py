"""The Mission's actions on an application (forms shown on the application page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from frenchtech.calls.workflow import APPLICATION_WORKFLOW
from frenchtech.core.permissions import require
from frenchtech.web.calls.applications import render_application
from frenchtech.web.calls.common import application_for
from frenchtech.web.refusals import refusals_shown

# What each form of the Mission panel does: (form, action, success message); the name
# of each form in the page's context is "<key>_form".
FORMS = {
    "eligibility": (
        EligibilityForm,
        actions.record_eligibility,
        gettext_lazy("Examen de recevabilité enregistré."),
    ),
    "correction": (
        CorrectionRequestForm,
        actions.request_correction,
        gettext_lazy("Demande de correction envoyée au consortium."),
    ),
    "contact": (
        ContactForm,
        actions.assign_contact,
        gettext_lazy("Contact à la Mission enregistré."),
    ),
    "visit": (
        SiteVisitForm,
        actions.schedule_site_visit,
        gettext_lazy("Visite sur site programmée."),
    ),
}


def _invalid(request, form):
    messages.error(request, _("Formulaire incomplet : rien n'a été enregistré."))


def _panel_form(request, application, action):
    """A form of the Mission panel: on a refusal the page comes back with the input kept
    and the errors on their fields."""
    form_class, act, done = FORMS[action]
    form = form_class(request.POST)
    if form.is_valid():
        with refusals_shown(request, form) as attempt:
            act(application=application, by=request.user, **form.cleaned_data)
        if not attempt.refused:
            messages.success(request, done)
            return redirect(f"{application.get_absolute_url()}#mission")
    return render_application(request, application, bound={f"{action}_form": form}, status=400)


@require_POST
@login_required
def screening_action(request, pk, action):
    application = application_for(request, pk)
    require(perms.can_screen(request.user, application), "screen application")
    by = request.user
    with refusals_shown(request):
        if action in APPLICATION_WORKFLOW.transitions:
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            actions.move_application(
                application=application, transition=action, by=by, reason=reason
            )
            messages.success(request, _("État de la candidature mis à jour."))
        elif action in FORMS:
            return _panel_form(request, application, action)
        elif action == "visit_report":
            visit = get_object_or_404(application.site_visits, pk=request.POST.get("visit"))
            form = SiteVisitReportForm(request.POST)
            if form.is_valid():
                actions.record_site_visit_report(
                    visit=visit, by=by, report=form.cleaned_data["report"]
                )
                messages.success(request, _("Compte rendu enregistré."))
            else:
                _invalid(request, form)
        else:
            raise Http404
    return redirect(f"{application.get_absolute_url()}#mission")
