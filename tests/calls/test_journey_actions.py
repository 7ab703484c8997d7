"""The whole journey through the action functions, and the workflow's guard rails."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from frenchtech.calls import actions
from frenchtech.calls import attachments as files
from frenchtech.calls.enums import ApplicationState as S
from frenchtech.calls.enums import CorrectionKind
from frenchtech.calls.models import ApplicationVersion
from frenchtech.calls.versions import diff_snapshots, fingerprint
from frenchtech.core.models import AppendOnlyError
from frenchtech.core.workflow import TransitionRefused, transition_log
from tests.calls.factories import fill_completely

pytestmark = pytest.mark.django_db


def test_a_complete_journey_from_draft_to_the_committee(
    application, lead, mission_officer, django_capture_on_commit_callbacks
):
    fill_completely(application, lead)
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.submit_application(application=application, by=lead)
    assert first.number == 1
    assert first.fingerprint == fingerprint(first.snapshot)
    receipt_mail = mail.outbox[-1]
    assert receipt_mail.attachments[0][2] == "application/pdf"
    assert first.fingerprint in receipt_mail.body

    application = actions.move_application(
        application=application, transition="start_screening", by=mission_officer
    )
    actions.record_eligibility(
        application=application, by=mission_officer, verdict="eligible", complete=True
    )
    application = actions.move_application(
        application=application, transition="open_co_construction", by=mission_officer
    )
    assert application.mission_contact == mission_officer
    actions.post_message(application=application, by=lead, body="Quand venez-vous ?")
    actions.request_correction(
        application=application,
        by=mission_officer,
        kind=CorrectionKind.OUTDATED,
        message="Mettez à jour la stratégie.",
        section_key="strategy",
    )
    application.refresh_from_db()
    assert application.state == S.CORRECTION_REQUESTED

    section = application.sections.get(key="strategy")
    actions.save_section(
        section=section,
        by=lead,
        patch={"vision": "Nouvelle vision."},
        expected_version=section.version,
    )
    second = actions.submit_application(application=application, by=lead)
    application.refresh_from_db()
    assert application.state == S.RESUBMITTED
    assert second.number == 2
    assert second.fingerprint != first.fingerprint
    assert application.correction_requests.get().resolved_at is not None
    changes = diff_snapshots(first.snapshot, second.snapshot)
    assert [change["key"] for change in changes] == ["strategy"]
    assert {"kind": "+", "text": "Nouvelle vision."} in changes[0]["lines"]

    application = actions.move_application(
        application=application, transition="mark_ready_for_committee", by=mission_officer
    )
    assert application.state == S.READY_FOR_COMMITTEE
    assert [entry.to_state for entry in transition_log(application)] == [
        S.SUBMITTED,
        S.SCREENING,
        S.CO_CONSTRUCTION,
        S.CORRECTION_REQUESTED,
        S.RESUBMITTED,
        S.READY_FOR_COMMITTEE,
    ]


def test_a_submitted_version_is_immutable(application, lead):
    fill_completely(application, lead)
    version = actions.submit_application(application=application, by=lead)
    version.snapshot = {}
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        ApplicationVersion.objects.get().delete()


def test_a_submitted_application_can_no_longer_be_edited(application, lead):
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    application.refresh_from_db()
    section = application.sections.first()
    with pytest.raises(PermissionDenied):
        actions.save_section(section=section, by=lead, patch={}, expected_version=section.version)


def test_an_incomplete_application_is_refused_with_what_is_missing(application, lead):
    with pytest.raises(actions.SubmissionRefused) as refusal:
        actions.submit_application(application=application, by=lead)
    missing = refusal.value.missing
    assert any(item.url.endswith("#id_vision") for item in missing)
    assert any(item.url.endswith("#attachments") for item in missing)
    application.refresh_from_db()
    assert application.state == S.DRAFT


def test_only_the_lead_submits_and_withdraws(application, lead, editor):
    fill_completely(application, editor)
    with pytest.raises(PermissionDenied):
        actions.submit_application(application=application, by=editor)
    with pytest.raises(PermissionDenied):
        actions.withdraw_application(application=application, by=editor)
    assert actions.withdraw_application(application=application, by=lead).state == S.WITHDRAWN


def test_the_mission_cannot_skip_the_co_construction(application, lead, mission_officer):
    fill_completely(application, lead)
    actions.submit_application(application=application, by=lead)
    with pytest.raises(TransitionRefused):
        actions.move_application(
            application=application, transition="mark_ready_for_committee", by=mission_officer
        )


def test_the_lead_invites_a_co_editor_who_can_then_edit(
    application, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = actions.invite_editor(
            application=application, by=lead, email="Co@Example.org", full_name="Co Rédactrice"
        )
    assert membership.role == "consortium_editor"
    assert mail.outbox[-1].to == ["co@example.org"]
    section = application.sections.first()
    saved = actions.save_section(
        section=section, by=membership.user, patch={"commentary": "x"}, expected_version=1
    )
    assert saved.version == 2


def test_copying_a_call_reuses_the_consortium_previous_answers(
    application, lead, mission_officer, lyon_consortium
):
    fill_completely(application, lead)
    copy = actions.copy_call(call=application.call, by=mission_officer)
    actions.publish_call(call=copy, by=mission_officer)
    from tests.calls.factories import NO_OBSERVATORY

    relabelling = actions.start_application(
        call=copy, consortium=lyon_consortium, by=lead, store=NO_OBSERVATORY
    )
    strategy = relabelling.sections.get(key="strategy")
    assert strategy.data["vision"].startswith("Réponse")
    ecosystem = relabelling.sections.get(key="ecosystem")
    # Declared figures are not carried over: they would be outdated.
    assert ecosystem.data["figures"]["digital_company_creations"]["declared"] is None


def test_relabelling_carries_the_files_over_as_copies_of_their_own(
    application, lead, mission_officer, lyon_consortium
):
    from tests.calls.factories import NO_OBSERVATORY

    fill_completely(application, lead)
    original = application.attachments.get()
    copy = actions.copy_call(call=application.call, by=mission_officer)
    actions.publish_call(call=copy, by=mission_officer)
    relabelling = actions.start_application(
        call=copy, consortium=lyon_consortium, by=lead, store=NO_OBSERVATORY
    )
    carried = relabelling.attachments.get()
    assert carried.storage_name != original.storage_name
    assert (carried.original_name, carried.section_key) == ("soutien.pdf", "letters")
    assert (carried.sha256, carried.size) == (original.sha256, original.size)
    with files.open_stored(carried.storage_name) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original.sha256
    # Removing it from the new dossier leaves the earlier dossier's file in place.
    actions.remove_attachment(attachment=carried, by=lead)
    with files.open_stored(original.storage_name) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original.sha256


def test_a_previous_file_whose_bytes_are_gone_does_not_block_relabelling(
    application, lead, mission_officer, lyon_consortium
):
    from tests.calls.factories import NO_OBSERVATORY

    fill_completely(application, lead)
    files.private_storage().delete(application.attachments.get().storage_name)
    copy = actions.copy_call(call=application.call, by=mission_officer)
    actions.publish_call(call=copy, by=mission_officer)
    relabelling = actions.start_application(
        call=copy, consortium=lyon_consortium, by=lead, store=NO_OBSERVATORY
    )
    assert not relabelling.attachments.exists()


def test_call_text_is_sanitised(mission_officer):
    call = actions.create_call(
        by=mission_officer,
        title="Appel",
        text='<p onclick="x()">Bonjour<script>alert(1)</script></p>',
        eligibility_rules="r",
        mode="rolling",
    )
    assert call.text == "<p>Bonjour</p>"
