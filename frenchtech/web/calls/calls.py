"""Calls for projects: public list and page; creation, publication, closing by the Mission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frenchtech.accounts.models import Organisation
from frenchtech.calls import actions, perms
from frenchtech.calls.enums import CallState
from frenchtech.calls.forms import CallForm
from frenchtech.calls.models import Application, Call
from frenchtech.core.permissions import require
from frenchtech.web.confirmation import ask, confirmed
from frenchtech.web.refusals import refusals_shown


@require_GET
def call_list(request):
    calls = Call.objects.all()
    if not perms.can_manage_calls(request.user):
        calls = calls.exclude(state=CallState.DRAFT)
    applications = perms.visible_applications(
        request.user, Application.objects.select_related("call", "consortium")
    )
    if perms.can_manage_calls(request.user) or not request.user.is_authenticated:
        applications = applications.none()  # the Mission has its dashboard
    return render(
        request,
        "web/calls/call_list.html",
        {
            "title": _("Appels à projets"),
            "calls": calls,
            "applications": applications,
            "can_manage": perms.can_manage_calls(request.user),
        },
    )


@require_GET
def call_detail(request, pk):
    call = get_object_or_404(Call, pk=pk)
    require(perms.can_view_call(request.user, call), "call")
    led = Organisation.objects.filter(pk__in=perms.led_consortium_ids(request.user))
    existing = {
        application.consortium_id: application
        for application in Application.objects.filter(call=call, consortium__in=led)
    }
    consortia = [
        {
            "organisation": organisation,
            "application": existing.get(organisation.pk),
            "can_apply": perms.can_apply(request.user, call, organisation),
        }
        for organisation in led
    ]
    return render(
        request,
        "web/calls/call_detail.html",
        {
            "title": call.title,
            "call": call,
            "consortia": consortia,
            "can_manage": perms.can_manage_calls(request.user),
        },
    )


def _call_form_page(request, call=None):
    require(perms.can_manage_calls(request.user), "manage calls")
    form = CallForm(request.POST or None, instance=call or Call())
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form) as attempt:
            reason = form.cleaned_data["past_date_reason"]
            if call is None:
                saved = actions.create_call(
                    by=request.user, past_date_reason=reason, **form.call_fields()
                )
                messages.success(request, _("Appel créé (brouillon)."))
            else:
                saved = actions.update_call(
                    call=call, by=request.user, past_date_reason=reason, **form.call_fields()
                )
                messages.success(request, _("Appel enregistré."))
        if not attempt.refused:
            return redirect(saved)
    title = _("Modifier l'appel") if call else _("Nouvel appel à projets")
    return render(request, "web/calls/call_form.html", {"title": title, "form": form, "call": call})


@login_required
def call_create(request):
    return _call_form_page(request)


@login_required
def call_edit(request, pk):
    return _call_form_page(request, get_object_or_404(Call, pk=pk))


@require_POST
@login_required
def call_change_state(request, pk, change):
    call = get_object_or_404(Call, pk=pk)
    require(perms.can_manage_calls(request.user), "manage calls")
    if change == "close" and not confirmed(request):
        return ask(
            request,
            title=_("Clore l'appel « %(title)s » ?") % {"title": call.title},
            consequences=[
                _(
                    "Un appel clos ne se rouvre pas : plus aucune candidature ne peut y être "
                    "ouverte ni déposée."
                ),
                _("Les candidatures déjà déposées poursuivent leur instruction."),
            ],
            cancel_url=call.get_absolute_url(),
            confirm_label=_("Clore l'appel"),
        )
    with refusals_shown(request):
        if change == "publish":
            actions.publish_call(call=call, by=request.user)
            messages.success(request, _("Appel publié."))
        elif change == "close":
            actions.close_call(call=call, by=request.user)
            messages.success(request, _("Appel clos."))
        elif change == "copy":
            call = actions.copy_call(call=call, by=request.user)
            messages.success(
                request,
                _(
                    "Copie créée en brouillon : les candidats y retrouveront leurs réponses précédentes."  # noqa: E501
                ),
            )
    return redirect(call)


@require_POST
@login_required
def apply(request, pk):
    call = get_object_or_404(Call, pk=pk)
    consortium = get_object_or_404(Organisation, pk=request.POST.get("consortium"))
    existing = call.applications.filter(consortium=consortium).first()
    if existing is not None:
        return redirect(existing)  # its page checks who may read it
    application = actions.start_application(call=call, consortium=consortium, by=request.user)
    return redirect(application)
