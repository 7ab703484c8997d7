"""A small committee round with everything a page can show, for the page tests."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frenchtech.calls.attachments import store
from frenchtech.calls.models import Attachment
from frenchtech.committee.actions.evaluation import configure_evaluation
from frenchtech.committee.actions.reviews import save_review, write_consensus
from frenchtech.committee.actions.rounds import compute_assignment
from frenchtech.committee.actions.sessions import (
    cast_vote,
    move_session,
    plan_session,
    record_attendance,
)
from frenchtech.committee.enums import Outcome
from frenchtech.committee.evaluation import DEFAULT_REVIEW_SOURCES, preset_definition
from frenchtech.labels.decisions import record_state_decision
from tests.calls.factories import MINIMAL_PDF, CallFactory
from tests.committee.builders import member, metropoles, ready_application


@dataclass
class Scenario:
    round: object
    application: object  # the one the conflicted member is tied to
    other: object
    decided: object
    members: list
    conflicted: object
    session: object
    decision: object
    attachment: object


def build(mission) -> Scenario:
    call = CallFactory()
    territories = metropoles(3)
    application = ready_application(call, territories[0], name="French Tech Alpha")
    other = ready_application(call, territories[1], name="French Tech Beta")
    decided = ready_application(call, territories[2], name="French Tech Gamma")
    upload = SimpleUploadedFile("soutien.pdf", MINIMAL_PDF)
    attachment = Attachment.objects.create(
        application=application,
        section_key="letters",
        original_name="soutien.pdf",
        storage_name=store(upload, application.pk),
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256="0" * 64,
    )
    members = [member() for _ in range(3)]
    conflicted = member(home_epci=territories[0])
    from frenchtech.committee.actions.rounds import open_round

    round_ = open_round(by=mission, call=call, title="Comité 2014", reviewers_per_application=2)
    compute_assignment(by=mission, round_=round_)
    configure_evaluation(
        by=mission,
        call=call,
        definition=preset_definition("programme-2013-electre-tri-b"),
        review_sources=DEFAULT_REVIEW_SOURCES,
        preset="programme-2013-electre-tri-b",
    )
    assignments = list(round_.assignments.filter(application=application))
    for assignment in assignments:
        save_review(
            by=assignment.member.user,
            round_=round_,
            application=application,
            scores={1: (4, "Solide."), 2: (3.5, ""), 3: (4, "")},
            submit=True,
        )
    for assignment in (a for a in assignments if a.is_rapporteur):
        write_consensus(by=assignment.member.user, round_=round_, application=application,
                        text="Avis favorable.", proposed_outcome=Outcome.LABELLED)  # fmt: skip
    session = plan_session(by=mission, round_=round_, held_on=timezone.now(), quorum=3)
    record_attendance(by=mission, session=session, present_members=[*members, conflicted])
    move_session(by=mission, session=session, transition="open")
    for someone in members:
        cast_vote(by=someone.user, session=session, application=application,
                  choice=Outcome.LABELLED)  # fmt: skip
    decision = record_state_decision(by=mission, application=decided, outcome=Outcome.REFUSED,
                               reasons="Écosystème trop jeune.", round_=round_)  # fmt: skip
    return Scenario(
        round_, application, other, decided, members, conflicted, session, decision, attachment
    )
