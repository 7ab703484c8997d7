"""The demo's labelling committee: members with their ties, a round on the 2014 call with
Lyon examined and labelled (reviews, consensus, session, votes, the State's decision) and
Bordeaux awaiting its reviews. Idempotent."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from frenchtech.accounts.models import Organisation, User
from frenchtech.calls import actions as calls_actions
from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application, Call
from frenchtech.committee.actions.evaluation import configure_evaluation
from frenchtech.committee.actions.members import declare_interests, register_member
from frenchtech.committee.actions.reviews import save_review, write_consensus
from frenchtech.committee.actions.rounds import compute_assignment, open_round
from frenchtech.committee.actions.sessions import (
    cast_vote,
    move_session,
    plan_session,
    record_attendance,
    record_recommendation,
)
from frenchtech.committee.enums import MemberKind, Outcome
from frenchtech.committee.evaluation import DEFAULT_REVIEW_SOURCES, preset_definition
from frenchtech.committee.models import CommitteeMember, CommitteeRound
from frenchtech.core.actor import SYSTEM
from frenchtech.demo.calls import MISSION_OFFICER, ROLLING_TITLE
from frenchtech.labels.decisions import record_state_decision

ROUND_TITLE = "Comité de labellisation — première vague (démo)"
PRESET = "programme-2013-electre-tri-b"
# (e-mail, kind, expertise, home city or None): Business France's member lives in
# Bordeaux, so the platform detects a same-territory conflict with Bordeaux's application.
DEMO = "@demo.frenchtech.invalid"
MEMBERS = [
    ("committee" + DEMO, MemberKind.OUTSIDE_FIGURE, ["fintech", "stratégie"], None),
    ("cdc" + DEMO, MemberKind.PARTNER_STAFF, ["territoires", "immobilier"], None),
    ("bpifrance" + DEMO, MemberKind.PARTNER_STAFF, ["financement", "accélération"], None),
    ("businessfrance" + DEMO, MemberKind.INTERNATIONAL_FIGURE, ["international"], "Bordeaux"),
    ("afii" + DEMO, MemberKind.INTERNATIONAL_FIGURE, ["international", "attractivité"], None),
]


def _members() -> list[CommitteeMember]:
    members = []
    for email, kind, expertise, city in MEMBERS:
        user = User.objects.get(email=email)
        home = None
        if city:
            home = Organisation.objects.get(name=f"French Tech {city} (démo)").territory
        member = CommitteeMember.objects.filter(user=user).first() or register_member(
            by=SYSTEM, user=user, kind=kind, expertise=expertise, home_epci=home
        )
        if not member.declarations.exists():
            declare_interests(
                by=SYSTEM, member=member, text="Aucun mandat ni participation (démo)."
            )
        members.append(member)
    return members


def _ready(city: str, mission) -> Application:
    application = Application.objects.get(
        call__title=ROLLING_TITLE, consortium__name=f"French Tech {city} (démo)"
    )
    path = {
        ApplicationState.SUBMITTED: ["start_screening", "open_co_construction"],
        ApplicationState.SCREENING: ["open_co_construction"],
        ApplicationState.CO_CONSTRUCTION: [],
    }.get(application.state)
    if path is None:
        return application
    for transition in [*path, "mark_ready_for_committee"]:
        application = calls_actions.move_application(
            application=application, transition=transition, by=mission
        )
    return application


def _examine_lyon(round_, lyon, members, mission) -> None:
    scores = {1: (4.5, "Masse critique évidente."), 2: (4, "Réussites locales."),
              3: (4, "Stratégie à dix ans crédible.")}  # fmt: skip
    assignments = list(round_.assignments.filter(application=lyon).select_related("member__user"))
    for assignment in assignments:
        save_review(by=assignment.member.user, round_=round_, application=lyon, scores=scores,
                    general_comment="Avis favorable (démo).", submit=True)  # fmt: skip
    # The consensus once every review is in.
    for assignment in (a for a in assignments if a.is_rapporteur):
        write_consensus(by=assignment.member.user, round_=round_, application=lyon,
                        text="Avis unanimement favorable (démo).",
                        proposed_outcome=Outcome.LABELLED)  # fmt: skip
    session = plan_session(by=mission, round_=round_, location="Bercy (démo)", quorum=3,
                           held_on=timezone.now() - dt.timedelta(days=61))  # fmt: skip
    record_attendance(by=mission, session=session, present_members=members)
    move_session(by=mission, session=session, transition="open")
    for member in members:
        cast_vote(by=member.user, session=session, application=lyon, choice=Outcome.LABELLED)
    record_recommendation(by=mission, session=session, application=lyon,
                          outcome=Outcome.LABELLED, text="Unanimité (démo).")  # fmt: skip
    # The same step as the decision page: the Decision, the outcome and the label.
    record_state_decision(by=mission, application=lyon, outcome=Outcome.LABELLED,
                          reasons="Écosystème de niveau international (démo).",
                          round_=round_)  # fmt: skip


@transaction.atomic
def load() -> list[str]:
    mission = User.objects.get(email=MISSION_OFFICER)
    members = _members()
    lines = [f"Committee: {len(members)} members"]
    if CommitteeRound.objects.filter(title=ROUND_TITLE).exists():
        return [*lines, f"  « {ROUND_TITLE} » already there"]
    call = Call.objects.get(title=ROLLING_TITLE)
    configure_evaluation(by=mission, call=call, definition=preset_definition(PRESET),
                         review_sources=DEFAULT_REVIEW_SOURCES, preset=PRESET)  # fmt: skip
    lyon = _ready("Lyon", mission)
    bordeaux = _ready("Bordeaux", mission)
    round_ = open_round(by=mission, call=call, title=ROUND_TITLE, reviewers_per_application=3)
    compute_assignment(by=mission, round_=round_)
    free = [m for m in members if not m.conflicts.filter(application=lyon).exists()]
    _examine_lyon(round_, lyon, free, mission)
    return [
        *lines,
        f"  « {ROUND_TITLE} »: {lyon.consortium.name} examined and decided, "
        f"{bordeaux.consortium.name} awaiting reviews",
    ]
