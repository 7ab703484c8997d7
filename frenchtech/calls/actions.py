"""Write actions on calls and applications, each declared with `core.actions.write_action`
(one transaction, the acting user, the permission check, audit rows, mail after commit)."""

import logging

import nh3
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.accounts.actions import add_member, deactivate_membership
from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.accounts.models import Membership
from frenchtech.calls import attachments as files
from frenchtech.calls import perms
from frenchtech.calls.completeness import missing_items
from frenchtech.calls.enums import ApplicationState, CallState, EligibilityVerdict
from frenchtech.calls.models import (
    Application,
    ApplicationVersion,
    Attachment,
    Call,
    CoConstructionMessage,
    CoConstructionRound,
    CorrectionRequest,
    EligibilityCheck,
    Section,
    SiteVisit,
)
from frenchtech.calls.notifications import consortium_addresses
from frenchtech.calls.prefill import observatory_figures
from frenchtech.calls.receipts import deliver_receipt_after_commit
from frenchtech.calls.sections import SECTIONS
from frenchtech.calls.versions import build_snapshot, fingerprint
from frenchtech.calls.workflow import APPLICATION_WORKFLOW, CALL_WORKFLOW
from frenchtech.core.actions import after_commit, send_mail_after_commit, write_action
from frenchtech.core.actor import person
from frenchtech.core.dates import is_past, past_needs_reason
from frenchtech.core.links import absolute_reverse, absolute_url
from frenchtech.core.refusals import ActionRefused

logger = logging.getLogger(__name__)

# Tags a call's text may keep; everything else (scripts, styles, handlers) is removed.
CALL_TEXT_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}


class EditConflict(ActionRefused):
    """Someone saved the section since this editor loaded it; `current` is what is stored."""

    def __init__(self, current):
        super().__init__(
            _("Cette partie a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte.")
        )
        self.current = current


class SubmissionRefused(ActionRefused):
    def __init__(self, message, missing=()):
        super().__init__(message)
        self.missing = list(missing)


def sanitise_rich_text(html: str) -> str:
    return nh3.clean(html, tags=CALL_TEXT_TAGS, attributes={"a": {"href"}})


def _move(application, transition, *, by, reason="", **changes):
    # `state_changed_at` is the dashboard's "age"; the transition log holds the history.
    return APPLICATION_WORKFLOW.fire(
        application, transition, by=by, reason=reason, state_changed_at=timezone.now(), **changes
    )


# --- calls -----------------------------------------------------------------------------
# What the Mission writes in a call; its state and dates move only through CALL_WORKFLOW.
CALL_FIELDS = frozenset(
    {"title", "text", "criteria", "eligibility_rules", "mode", "deadline", "closing_message",
     "reminder_days"}
)  # fmt: skip


def _call_fields(fields: dict) -> dict:
    unknown = sorted(set(fields) - CALL_FIELDS)
    if unknown:
        raise TypeError(f"not a call's editable field: {', '.join(unknown)}")
    return fields


def _check_deadline(call, reason) -> None:
    past_needs_reason(call.deadline, reason, field="deadline", what=_("La date limite"), obj=call)


@write_action(allowed=perms.can_manage_calls)
def create_call(*, by, past_date_reason="", **fields) -> Call:
    """A draft call; a deadline already past is kept only with `past_date_reason`."""
    fields = _call_fields(fields)
    fields["text"] = sanitise_rich_text(fields.get("text", ""))
    call = Call(created_by=person(by), **fields)
    # The author is the acting person, or nobody when the platform acts: not a form field.
    call.full_clean(exclude=["created_by"])
    call.save()
    _check_deadline(call, past_date_reason)
    return call


@write_action(allowed=perms.can_manage_calls)
def update_call(*, call, by, past_date_reason="", **fields) -> Call:
    """A changed deadline already past is kept only with `past_date_reason`."""
    fields = _call_fields(fields)
    fields["text"] = sanitise_rich_text(fields.get("text", call.text))
    moved_deadline = "deadline" in fields and fields["deadline"] != call.deadline
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean(exclude=["created_by"])
    call.save()
    if moved_deadline:
        _check_deadline(call, past_date_reason)
    return call


@write_action(allowed=perms.can_manage_calls)
def publish_call(*, call, by) -> Call:
    return CALL_WORKFLOW.fire(call, "publish", by=by, published_at=timezone.now())


@write_action(allowed=perms.can_manage_calls)
def close_call(*, call, by) -> Call:
    return CALL_WORKFLOW.fire(call, "close", by=by, closed_at=timezone.now())


@write_action(allowed=perms.can_manage_calls)
def copy_call(*, call, by, title=None) -> Call:
    """A draft copy for a relabelling round; applications to it reuse the previous answers."""
    copy = Call(
        title=title or _("%(title)s (relabellisation)") % {"title": call.title},
        text=call.text,
        criteria=call.criteria,
        eligibility_rules=call.eligibility_rules,
        mode=call.mode,
        deadline=call.deadline,
        closing_message=call.closing_message,
        reminder_days=call.reminder_days,
        copied_from=call,
        created_by=person(by),
    )
    copy.save()
    return copy


# --- applications ----------------------------------------------------------------------
def _previous_application(call, consortium):
    """The consortium's application to the call this one was copied from (or its ancestors)."""
    source = call.copied_from
    while source is not None:
        previous = Application.objects.filter(call=source, consortium=consortium).first()
        if previous is not None:
            return previous
        source = source.copied_from
    return None


def _copy_attachments(source, target) -> None:
    """The previous round's files come along, each as a copy of its own: removing one from
    the new dossier leaves the earlier dossier whole. A file whose bytes are gone is left out
    (and logged) rather than blocking the new dossier."""
    copied = []
    try:
        for attachment in source.attachments.all():
            try:
                name = files.copy_stored(attachment.storage_name, target.pk)
            except FileNotFoundError:
                logger.warning("attachment %s has no stored file; not copied", attachment.pk)
                continue
            copied.append(name)
            Attachment.objects.create(
                application=target,
                section_key=attachment.section_key,
                original_name=attachment.original_name,
                storage_name=name,
                content_type=attachment.content_type,
                size=attachment.size,
                sha256=attachment.sha256,
                uploaded_by=attachment.uploaded_by,
                uploaded_at=attachment.uploaded_at,
            )
    except Exception:
        for name in copied:
            files.private_storage().delete(name)
        raise


def _initial_data(definition, previous: dict, figures: dict) -> dict:
    data = {key: value for key, value in previous.items() if key != "figures"}
    if definition.indicators:
        # Observatory figures are always fresh; earlier declarations would be outdated.
        data["figures"] = {
            indicator.key: {
                "observatory": figures.get(indicator.key),
                "declared": None,
                "justification": "",
            }
            for indicator in definition.indicators
        }
    return data


@write_action(allowed=perms.can_apply)
def start_application(*, call, consortium, by, store=None) -> Application:
    """Create the consortium's application, pre-filled from the observatory (or return the
    one it already has: applying twice opens one dossier)."""
    existing = Application.objects.filter(call=call, consortium=consortium).first()
    if existing is not None:
        return existing
    figures = observatory_figures(consortium.territory_id, store=store)
    previous = _previous_application(call, consortium)
    answers = {s.key: s.data for s in previous.sections.all()} if previous else {}
    application = Application.objects.create(
        call=call, consortium=consortium, created_by=person(by)
    )
    for definition in SECTIONS:
        Section.objects.create(
            application=application,
            key=definition.key,
            data=_initial_data(definition, answers.get(definition.key, {}), figures),
            updated_by=person(by),
        )
    if previous is not None:
        _copy_attachments(previous, application)
    return application


@write_action(allowed=perms.can_invite_editors)
def invite_editor(*, application, by, email, full_name):
    """Give `email` the co-editor role in the consortium and tell them by e-mail."""
    consortium = application.consortium
    email = email.strip().lower()
    already = ActionRefused(_("Cette personne fait déjà partie du consortium."), field="email")
    if consortium.memberships.filter(user__email=email, is_active=True).exists():
        raise already
    elsewhere = (
        Membership.objects.filter(
            user__email=email, is_active=True, organisation__kind=OrganisationKind.CONSORTIUM
        )
        .exclude(organisation=consortium)
        .select_related("organisation")
        .first()
    )
    if elsewhere is not None:
        raise ActionRefused(
            _(
                "Cette personne est déjà membre d'un autre consortium (%(other)s) : elle ne peut "
                "pas co-rédiger la candidature de %(name)s."
            )
            % {"other": elsewhere.organisation.name, "name": consortium.name},
            field="email",
        )
    removed = consortium.memberships.filter(
        user__email=email, role=Role.CONSORTIUM_EDITOR, is_active=False
    ).first()
    if removed is not None:  # an editor removed earlier, invited again
        removed.is_active = True
        removed.save()
        membership = removed
    else:
        try:
            with transaction.atomic():
                membership = add_member(
                    by=by,
                    organisation=consortium,
                    email=email,
                    full_name=full_name,
                    role=Role.CONSORTIUM_EDITOR,
                )
        except IntegrityError as error:
            raise already from error
    send_mail_after_commit(
        _("Invitation à co-rédiger la candidature de %(name)s") % {"name": consortium.name},
        _(
            "%(lead)s vous invite à co-rédiger la candidature de %(name)s à l'appel « %(call)s ».\n"
            "Pour votre première connexion, choisissez votre mot de passe sur cette page :\n"
            "%(password_link)s\n"
            "La candidature, une fois connecté :\n%(application_link)s"
        )
        % {
            "lead": by.full_name,
            "name": consortium.name,
            "call": application.call.title,
            "password_link": absolute_reverse("accounts:password_request"),
            "application_link": absolute_url(application.get_absolute_url()),
        },
        [membership.user.email],
    )
    return membership


def _removes_editor(user, application, membership) -> bool:
    return perms.can_invite_editors(user, application)


@write_action(allowed=_removes_editor)
def remove_editor(*, application, by, membership):
    """The lead takes a co-editor off the consortium (their membership is deactivated:
    they reach the application no more); only a co-editor of this consortium is removed."""
    if (
        membership.organisation_id != application.consortium_id
        or membership.role != Role.CONSORTIUM_EDITOR
        or not membership.is_active
    ):
        raise ActionRefused(_("Seul un co-rédacteur actif du consortium peut être retiré."))
    return deactivate_membership(by=by, membership=membership)


def _merge(data: dict, patch: dict) -> dict:
    merged = dict(data)
    for key, value in patch.items():
        if key == "figures":
            figures = {k: dict(v) for k, v in merged.get("figures", {}).items()}
            for indicator, change in value.items():
                figures.setdefault(indicator, {"observatory": None}).update(change)
            merged["figures"] = figures
        else:
            merged[key] = value
    return merged


def _edits_section(user, section) -> bool:
    return perms.can_edit_application(user, section.application)


@write_action(allowed=_edits_section)
def save_section(*, section, by, patch: dict, expected_version: int) -> Section:
    """Merge `patch` into the section if nobody saved it since `expected_version`.

    The write is a conditional UPDATE ... WHERE version = expected (audited by the
    queryset, like every write): of two editors saving at once, exactly one matches; the
    other gets EditConflict and keeps their text.
    """
    current = Section.objects.get(pk=section.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    updated = Section.objects.filter(pk=section.pk, version=expected_version).update(
        data=_merge(current.data, patch),
        version=expected_version + 1,
        updated_by=person(by),
        updated_at=timezone.now(),
    )
    if updated == 0:
        raise EditConflict(Section.objects.get(pk=section.pk))
    return Section.objects.select_related("application").get(pk=section.pk)


@write_action(allowed=perms.can_edit_application)
def add_attachment(*, application, section_key, upload, by) -> Attachment:
    stored_bytes = sum(application.attachments.values_list("size", flat=True))
    checked = files.check_upload(upload, already_stored_bytes=stored_bytes)
    storage_name = files.store(upload, application.pk)
    try:
        attachment = Attachment.objects.create(
            application=application,
            section_key=section_key,
            original_name=upload.name[:255],
            storage_name=storage_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=person(by),
        )
    except Exception:
        files.private_storage().delete(storage_name)
        raise
    return attachment


def _edits_attachment(user, attachment) -> bool:
    return perms.can_edit_application(user, attachment.application)


@write_action(allowed=_edits_attachment)
def remove_attachment(*, attachment, by):
    storage_name = attachment.storage_name
    attachment.delete()
    # Submitted versions keep the file's name and hash; the bytes go once nobody needs them.
    after_commit(lambda: files.private_storage().delete(storage_name))


def _freeze(application, by) -> ApplicationVersion:
    sections = list(application.sections.all())
    attachments = list(application.attachments.all())
    missing = missing_items(application, sections, attachments)
    if missing:
        raise SubmissionRefused(_("Le dossier est incomplet."), missing)
    number = (application.versions.count() or 0) + 1
    snapshot = build_snapshot(application, sections, attachments, number)
    return ApplicationVersion.objects.create(
        application=application,
        number=number,
        snapshot=snapshot,
        fingerprint=fingerprint(snapshot),
        submitted_by=person(by),
        submitted_at=timezone.now(),
    )


def _send_receipt(application, version, by):
    subject = _("Accusé de réception — candidature %(name)s (version %(number)s)") % {
        "name": application.consortium.name,
        "number": version.number,
    }
    body = _(
        "Votre candidature à l'appel « %(call)s » a été déposée le %(date)s.\n"
        "Empreinte SHA-256 du contenu déposé : %(fingerprint)s\n"
        "L'accusé de réception est joint à ce message."
    ) % {
        "call": application.call.title,
        "date": timezone.localtime(version.submitted_at).strftime("%d/%m/%Y %H:%M:%S"),
        "fingerprint": version.fingerprint,
    }
    recipients = set(consortium_addresses(application)) | {by.email}
    # The PDF is built after the commit, off the request (calls/receipts.py).
    deliver_receipt_after_commit(version, subject, body, recipients)


@write_action(allowed=perms.can_submit, system=False)
def submit_application(*, application, by) -> ApplicationVersion:
    """Freeze the application as a new version and submit (or resubmit after a correction).

    A first submission is refused once the call's deadline has passed (server time) or the
    call is closed; the draft stays as it is. A rolling call never refuses on time. A
    resubmission answers the Mission's request, so the deadline does not apply to it.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not perms.can_submit(by, application):
        raise SubmissionRefused(_("Cette candidature ne peut plus être déposée."))
    call = application.call
    first_submission = application.state == ApplicationState.DRAFT
    if first_submission and call.state == CallState.CLOSED:
        raise SubmissionRefused(call.closing_message or _("L'appel est clos."))
    if first_submission and call.deadline_passed():
        raise SubmissionRefused(
            call.closing_message
            or _(
                "La date limite de l'appel est passée : le dépôt n'est plus possible. Votre brouillon est conservé."  # noqa: E501
            )
        )
    version = _freeze(application, by)
    if first_submission:
        application = _move(application, "submit", by=by, first_submitted_at=version.submitted_at)
    else:
        application = _move(application, "resubmit", by=by)
        for correction in application.correction_requests.filter(resolved_at__isnull=True):
            correction.resolved_at = version.submitted_at
            correction.save()
    _send_receipt(application, version, by)
    return version


@write_action(allowed=perms.can_withdraw)
def withdraw_application(*, application, by, reason=""):
    return _move(application, "withdraw", by=by, reason=reason)


# --- the Mission's work ----------------------------------------------------------------
def _tell_consortium(application, reason=""):
    state = application.get_state_display()
    send_mail_after_commit(
        _("Votre candidature : %(state)s") % {"state": state},
        _("La candidature de %(name)s est désormais : %(state)s.\n%(reason)s")
        % {"name": application.consortium.name, "state": state, "reason": reason},
        consortium_addresses(application),
    )


@write_action(allowed=perms.can_screen)
def move_application(*, application, transition, by, reason=""):
    """The Mission's plain moves: start screening, open co-construction, hand over to the
    committee, refuse at screening. The state machine refuses every other transition
    (those belong to their own actions: submit, correction, the State's decision…)."""
    moved = _move(application, transition, by=by, reason=reason)
    if transition == "open_co_construction":
        number = moved.rounds.count() + 1
        CoConstructionRound.objects.create(application=moved, number=number)
        if moved.mission_contact_id is None:
            moved.mission_contact = person(by)
            moved.save()
    if transition in {"mark_ready_for_committee", "refuse"}:
        close_co_construction(moved)
    _tell_consortium(moved, reason)
    return moved


def close_co_construction(application) -> None:
    """Close the open co-construction rounds (the file leaves co-construction)."""
    for round_ in application.rounds.filter(closed_at__isnull=True):
        round_.closed_at = timezone.now()
        round_.save()


@write_action(allowed=perms.can_screen)
def record_eligibility(*, application, by, verdict, complete, notes=""):
    if verdict not in EligibilityVerdict.values:
        raise ActionRefused(_("Choisissez l'avis de recevabilité."), field="verdict")
    return EligibilityCheck.objects.create(
        application=application,
        verdict=verdict,
        complete=complete,
        notes=notes,
        checked_by=person(by),
    )


@write_action(allowed=perms.can_screen)
def request_correction(*, application, by, kind, message, section_key=""):
    correction = CorrectionRequest.objects.create(
        application=application,
        kind=kind,
        message=message,
        section_key=section_key,
        requested_by=person(by),
    )
    moved = _move(application, "request_correction", by=by, reason=message)
    send_mail_after_commit(
        _("Correction demandée sur votre candidature"),
        _("La Mission demande une correction (%(kind)s) :\n\n%(message)s")
        % {"kind": correction.get_kind_display(), "message": message},
        consortium_addresses(moved),
    )
    return correction


@write_action(allowed=perms.can_screen)
def assign_contact(*, application, by, contact):
    application.mission_contact = contact
    application.save()
    return application


@write_action(allowed=perms.can_post_message)
def post_message(*, application, by, body) -> CoConstructionMessage:
    current_round = application.rounds.order_by("-number").first()
    message = CoConstructionMessage.objects.create(
        round=current_round, author=person(by), body=body
    )
    if perms.is_applicant(by, application):
        recipients = [application.mission_contact.email] if application.mission_contact else []
    else:
        recipients = consortium_addresses(application)
    send_mail_after_commit(
        _("Nouveau message de co-construction — %(name)s") % {"name": application.consortium.name},
        body,
        recipients,
    )
    return message


@write_action(allowed=perms.can_screen)
def schedule_site_visit(
    *, application, by, scheduled_for, location, past_date_reason=""
) -> SiteVisit:
    """A visit to come, announced to the consortium by e-mail; a visit already made is
    recorded only with `past_date_reason`, and announces nothing."""
    visit = SiteVisit.objects.create(
        application=application,
        scheduled_for=scheduled_for,
        location=location,
        scheduled_by=person(by),
    )
    past_needs_reason(
        scheduled_for,
        past_date_reason,
        field="scheduled_for",
        what=_("La date de la visite"),
        obj=visit,
    )
    if is_past(scheduled_for):
        return visit
    send_mail_after_commit(
        _("Visite sur site programmée"),
        _("La Mission programme une visite le %(date)s, lieu : %(location)s.")
        % {
            "date": timezone.localtime(scheduled_for).strftime("%d/%m/%Y %H:%M"),
            "location": location,
        },
        consortium_addresses(application),
    )
    return visit


def _screens_visit(user, visit) -> bool:
    return perms.can_screen(user, visit.application)


@write_action(allowed=_screens_visit)
def record_site_visit_report(*, visit, by, report) -> SiteVisit:
    visit.report, visit.reported_at = report, timezone.now()
    visit.save()
    return visit
