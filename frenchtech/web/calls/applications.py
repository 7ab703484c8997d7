"""The consortium's pages: the application, its sections (autosaved), files, submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions, perms
from frenchtech.calls.attachments import open_stored
from frenchtech.calls.completeness import missing_items
from frenchtech.calls.forms import (
    AttachmentForm,
    ContactForm,
    CorrectionRequestForm,
    EligibilityForm,
    InviteEditorForm,
    MessageForm,
    ReasonForm,
    SectionForm,
    SiteVisitForm,
    SiteVisitReportForm,
)
from frenchtech.calls.receipts import receipt_filename, receipt_pdf
from frenchtech.calls.sections import SECTIONS_BY_KEY
from frenchtech.calls.versions import diff_snapshots
from frenchtech.calls.workflow import plain_moves
from frenchtech.core.actions import is_allowed
from frenchtech.core.permissions import require
from frenchtech.core.workflow import available_actions, history
from frenchtech.web.calls.common import application_for
from frenchtech.web.calls.display import figure_rows, observatory_help, section_display
from frenchtech.web.confirmation import Fact, ask, confirmed
from frenchtech.web.refusals import refusals_shown


@require_GET
@login_required
def application_detail(request, pk):
    return render_application(request, application_for(request, pk))


def render_application(request, application, *, bound=None, status=200):
    """The application's page; `bound` holds a refused form to show with its errors."""
    user = request.user
    sections = list(application.sections.select_related("updated_by"))
    attachments = list(application.attachments.all())
    is_mission = perms.can_screen(user, application)
    rounds = list(application.rounds.prefetch_related("messages__author"))
    context = {
        "title": str(application),
        "application": application,
        "sections": [section_display(s.key, s.data, s) for s in sections],
        "attachments": attachments,
        "missing": missing_items(application, sections, attachments)
        if application.is_editable
        else [],
        "versions": list(application.versions.select_related("submitted_by")),
        "corrections": list(application.correction_requests.all()),
        "rounds": rounds,
        "log": history(application),
        "members": list(
            application.consortium.memberships.filter(is_active=True).select_related("user")
        ),
        "can_edit": perms.can_edit_application(user, application),
        "can_submit": perms.can_submit(user, application),
        "can_withdraw": perms.can_withdraw(user, application),
        "can_invite": perms.can_invite_editors(user, application),
        "can_post": perms.can_post_message(user, application),
        "is_mission": is_mission,
        "invite_form": InviteEditorForm(),
        "attachment_form": AttachmentForm(),
        "message_form": MessageForm(),
    }
    if is_mission:
        available = {t.name for t in available_actions(application, user)}
        context.update(
            {
                "moves": plain_moves(application, user),
                "can_request_correction": "request_correction" in available,
                "eligibility_checks": list(
                    application.eligibility_checks.select_related("checked_by")
                ),
                "site_visits": list(application.site_visits.all()),
                "eligibility_form": EligibilityForm(),
                "correction_form": CorrectionRequestForm(),
                "contact_form": ContactForm(initial={"contact": application.mission_contact_id}),
                "visit_form": SiteVisitForm(),
                "report_form": SiteVisitReportForm(),
                "reason_form": ReasonForm(),
            }
        )
    context.update(bound or {})
    return render(request, "web/calls/application_detail.html", context, status=status)


def _section_form(definition, section, data=None):
    form = SectionForm(
        definition, section.data.get("figures", {}), data, initial=SectionForm.initial_from(section)
    )
    for row in figure_rows(definition, section.data):
        form.fields[f"declared_{row['key']}"].help_text = observatory_help(row)
    if data is not None:
        form.is_valid()
    return form


def _rebind(request, definition, section, version):
    data = request.POST.copy()
    data["version"] = str(version)
    return _section_form(definition, section, data)


@login_required
def section_edit(request, pk, key):
    application = application_for(request, pk)
    definition = SECTIONS_BY_KEY.get(key)
    if definition is None:
        raise Http404
    section = get_object_or_404(application.sections.select_related("updated_by"), key=key)
    can_edit = perms.can_edit_application(request.user, application)
    autosave = request.headers.get("X-Autosave") == "1"
    conflict = None
    status = 200
    if request.method != "POST":
        form = _section_form(definition, section)
    else:
        require(can_edit, "edit application")
        form = _section_form(definition, section, request.POST)
        if "version" in form.errors:
            return HttpResponse(status=400)
        try:
            saved = actions.save_section(
                section=section,
                by=request.user,
                patch=form.patch(),
                expected_version=form.cleaned_data["version"],
            )
        except actions.EditConflict as error:
            conflict = error.current
            status = 409
            if autosave:
                return JsonResponse(
                    {
                        "status": "conflict",
                        "version": conflict.version,
                        "message": _(
                            "%(who)s a enregistré cette section entre-temps. L'enregistrement "
                            "automatique est suspendu ; votre texte reste dans le formulaire : "
                            "enregistrez pour voir les deux versions."
                        )
                        % {"who": conflict.updated_by or _("Quelqu'un")},
                    },
                    status=409,
                )
            # The user's text stays in the form; saving again overwrites knowingly.
            form = _rebind(request, definition, conflict, conflict.version)
        else:
            errors = {field: list(messages_) for field, messages_ in form.errors.items()}
            if autosave:
                return JsonResponse(
                    {
                        "status": "partial" if errors else "saved",
                        "version": saved.version,
                        "errors": errors,
                    },
                    status=422 if errors else 200,
                )
            if errors:
                messages.warning(
                    request, _("Section enregistrée, sauf les champs signalés en erreur.")
                )
                form = _rebind(request, definition, saved, saved.version)
                section = saved
                status = 422
            else:
                messages.success(request, _("Section enregistrée."))
                return redirect(f"{application.get_absolute_url()}#section-{key}")
    return render(
        request,
        "web/calls/section_form.html",
        {
            "title": definition.title,
            "application": application,
            "definition": definition,
            "section": section,
            "form": form,
            "can_edit": can_edit,
            "conflict": section_display(key, conflict.data, conflict) if conflict else None,
            "attachments": [a for a in application.attachments.all() if a.section_key == key],
            "attachment_form": AttachmentForm(),
        },
        status=status,
    )


@require_POST
@login_required
def invite_editor(request, pk):
    application = application_for(request, pk)
    require(perms.can_invite_editors(request.user, application), "invite editor")
    form = InviteEditorForm(request.POST)
    if form.is_valid():
        with refusals_shown(request, form) as attempt:
            actions.invite_editor(application=application, by=request.user, **form.cleaned_data)
        if not attempt.refused:
            messages.success(request, _("Co-rédacteur invité."))
            return redirect(f"{application.get_absolute_url()}#editors")
    return render_application(request, application, bound={"invite_form": form}, status=400)


@require_POST
@login_required
def remove_editor(request, pk, membership_pk):
    application = application_for(request, pk)
    require(perms.can_invite_editors(request.user, application), "remove editor")
    membership = get_object_or_404(
        application.consortium.memberships.select_related("user"),
        pk=membership_pk,
        role=Role.CONSORTIUM_EDITOR,
        is_active=True,
    )
    editors_url = f"{application.get_absolute_url()}#editors"
    if not confirmed(request):
        return ask(
            request,
            title=_("Retirer %(name)s des co-rédacteurs ?") % {"name": membership.user.full_name},
            consequences=[
                _("%(name)s n'aura plus accès à la candidature ni aux pages du consortium.")
                % {"name": membership.user.full_name},
                _("Ce qu'il ou elle a déjà rédigé reste dans la candidature."),
                _("Vous pourrez l'inviter de nouveau."),
            ],
            facts=[
                Fact(_("Co-rédacteur"), f"{membership.user.full_name} ({membership.user.email})")
            ],
            cancel_url=editors_url,
            confirm_label=_("Retirer le co-rédacteur"),
        )
    with refusals_shown(request) as attempt:
        actions.remove_editor(application=application, by=request.user, membership=membership)
    if not attempt.refused:
        messages.success(request, _("Co-rédacteur retiré."))
    return redirect(editors_url)


@require_POST
@login_required
def attachment_upload(request, pk, key):
    application = application_for(request, pk)
    if key not in SECTIONS_BY_KEY:
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with refusals_shown(request) as attempt:
            actions.add_attachment(
                application=application,
                section_key=key,
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        if not attempt.refused:
            messages.success(request, _("Pièce jointe ajoutée."))
    else:
        messages.error(request, _("Aucun fichier reçu."))
    return redirect("calls:section", application.pk, key)


@require_GET
@login_required
def attachment_download(request, pk, attachment_pk):
    application = application_for(request, pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    response = FileResponse(
        open_stored(attachment.storage_name),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def attachment_delete(request, pk, attachment_pk):
    application = application_for(request, pk)
    attachment = get_object_or_404(application.attachments, pk=attachment_pk)
    allowed = is_allowed(actions.remove_attachment, request.user, attachment=attachment)
    require(allowed, "remove attachment")
    if not confirmed(request):
        return ask(
            request,
            title=_("Supprimer « %(name)s » ?") % {"name": attachment.original_name},
            consequences=[
                _(
                    "Le fichier est supprimé définitivement ; les versions déjà déposées n'en "
                    "gardent que le nom et l'empreinte."
                )
            ],
            cancel_url=reverse("calls:section", args=[application.pk, attachment.section_key]),
            confirm_label=_("Supprimer la pièce jointe"),
        )
    with refusals_shown(request) as attempt:
        actions.remove_attachment(attachment=attachment, by=request.user)
    if not attempt.refused:
        messages.success(request, _("Pièce jointe supprimée."))
    return redirect("calls:section", application.pk, attachment.section_key)


@require_POST
@login_required
def submit(request, pk):
    application = application_for(request, pk)
    with refusals_shown(request) as attempt:
        version = actions.submit_application(application=application, by=request.user)
    if attempt.refused:
        return redirect(f"{application.get_absolute_url()}#completeness")
    messages.success(
        request,
        _("Candidature déposée (version %(number)s). Empreinte : %(fingerprint)s")
        % {"number": version.number, "fingerprint": version.fingerprint},
    )
    return redirect(application)


@require_POST
@login_required
def withdraw(request, pk):
    application = application_for(request, pk)
    require(perms.can_withdraw(request.user, application), "withdraw")
    if not confirmed(request):
        return ask(
            request,
            title=_("Retirer la candidature de %(name)s ?") % {"name": application.consortium.name},
            consequences=[
                _(
                    "La candidature est retirée définitivement : elle ne peut plus être modifiée, "
                    "déposée ni examinée."
                ),
                _("Ses sections, pièces jointes et versions déposées restent consultables."),
                _("Pour candidater de nouveau, il faudra ouvrir une nouvelle candidature."),
            ],
            cancel_url=application.get_absolute_url(),
            confirm_label=_("Retirer définitivement"),
        )
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    with refusals_shown(request) as attempt:
        actions.withdraw_application(application=application, by=request.user, reason=reason)
    if not attempt.refused:
        messages.success(request, _("Candidature retirée."))
    return redirect(application)


@require_GET
@login_required
def receipt(request, pk, number):
    application = application_for(request, pk)
    version = get_object_or_404(application.versions.select_related("submitted_by"), number=number)
    response = HttpResponse(receipt_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipt_filename(version)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
def version_detail(request, pk, number):
    application = application_for(request, pk)
    version = get_object_or_404(application.versions.select_related("submitted_by"), number=number)
    previous = application.versions.filter(number=number - 1).first()
    return render(
        request,
        "web/calls/version_detail.html",
        {
            "title": _("Version %(number)s") % {"number": number},
            "application": application,
            "version": version,
            "previous": previous,
            "changes": diff_snapshots(previous.snapshot, version.snapshot) if previous else [],
            "sections": [
                section_display(key, data) for key, data in version.snapshot["sections"].items()
            ],
        },
    )


@require_POST
@login_required
def post_message(request, pk):
    application = application_for(request, pk)
    require(perms.can_post_message(request.user, application), "post message")
    form = MessageForm(request.POST)
    if form.is_valid():
        actions.post_message(
            application=application, by=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Message envoyé."))
    return redirect(f"{application.get_absolute_url()}#co-construction")
