"""Every state machine, every (state, transition) pair, every persona (tests/roles.py).

A legal move (the state is one of the transition's sources) succeeds only for the
personas written below for that transition, leaves a transition log row and an audit
row, and is what `available_actions` offers them; an illegal one is refused with the
translated `TransitionRefused`, the state unchanged. A transition fired by another action
than its own is refused too, even to the platform. The issue's two cases (labelling an
application with the plain screening action, reopening a closed session) are refused
through the actions themselves.
"""

import contextlib
import datetime as dt

import pytest
from django.db import transaction
from django.utils import translation

from frenchtech.calls import actions as call_actions
from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.actions.sessions import move_session
from frenchtech.committee.enums import SessionState
from frenchtech.core.actor import acting
from frenchtech.core.models import AuditEntry, TransitionLogEntry
from frenchtech.core.refusals import ActionRefused, NotAllowed
from frenchtech.core.workflow import MACHINES, TransitionRefused
from frenchtech.funding.actions.promotion import create_promotion_action
from frenchtech.funding.enums import EnvelopeKind
from frenchtech.funding.models import InvestmentFile, PromotionAction, Tranche
from frenchtech.labels.models import Label
from tests.core.scene import TODAY, Scene, actor_for, fresh
from tests.roles import ALL_ROLES, FUND, MISSION, PROMOTION

S = frozenset({"system"})
M = MISSION | S
LEAD = frozenset({"consortium_lead"}) | S
REPORTERS = frozenset({"consortium_lead", "consortium_editor"}) | S

# Who may fire each transition ("*": every transition of the machine not named).
EXPECTED = {
    "calls.application": {"submit": LEAD, "resubmit": LEAD, "withdraw": LEAD, "*": M},
    "calls.call": {"*": M},
    "committee.committeesession": {"*": M},
    "labels.label": {"expire": S, "*": M},
    "labels.yearlyreport": {"submit": REPORTERS, "*": M},
    "funding.investmentfile": {"*": FUND | S},
    "funding.tranche": {"*": FUND | S},
    "funding.promotionaction": {"*": PROMOTION | S},
}


def _investment_file(scene, state):
    return InvestmentFile.objects.create(
        accelerator=scene.cast.orgs["accelerator"],
        envelope=scene.envelope(),
        programme_name=f"Programme ({state})",
        requested_amount_cents=1_000_000_00,
        state=state,
    )


def _tranche(scene, state):
    return Tranche.objects.create(
        investment_file=_investment_file(scene, "committed"),
        position=1,
        amount_cents=1_000_00,
        milestone="Jalon",
        state=state,
    )


def _promotion(scene, state):
    return PromotionAction.objects.create(
        envelope=scene.envelope(EnvelopeKind.PROMOTION),
        name=f"Action ({state})",
        event="CES",
        city="Las Vegas",
        country="États-Unis",
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=3),
        budget_cents=1_000_00,
        state=state,
    )


BUILDERS = {
    "calls.application": lambda scene, state: scene.application(state),
    "calls.call": lambda scene, state: scene.call(state),
    "committee.committeesession": lambda scene, state: scene.session(state),
    "labels.label": lambda scene, state: scene.label(state),
    "labels.yearlyreport": lambda scene, state: scene.report(state),
    "funding.investmentfile": _investment_file,
    "funding.tranche": _tranche,
    "funding.promotionaction": _promotion,
}


class _RolledBack(Exception):
    pass


def attempt(machine, obj, name, actor, action):
    """Fire `name` on `obj` as `actor` while `action` runs, rolled back afterwards:
    (refusal or None, state stored after, transition log rows written, audit rows written)."""
    result = {}
    counts = (TransitionLogEntry.objects.count, AuditEntry.objects.count)
    try:
        with transaction.atomic():
            before = [count() for count in counts]
            running = acting(actor, action) if action else contextlib.nullcontext()
            try:
                with running:
                    machine.fire(fresh(obj), name, by=actor)
                result["refusal"] = None
            except ActionRefused as refusal:
                result["refusal"] = refusal
            result["state"] = getattr(fresh(obj), machine.field)
            result["logged"], result["audited"] = (
                count() - b for count, b in zip(counts, before, strict=True)
            )
            raise _RolledBack
    except _RolledBack:
        pass
    return result["refusal"], result["state"], result["logged"], result["audited"]


@pytest.fixture(autouse=True)
def quiet_outside_world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"


def test_every_machine_has_its_row():
    assert set(MACHINES) == set(EXPECTED) == set(BUILDERS)
    for label, machine in MACHINES.items():
        named = set(EXPECTED[label]) - {"*"}
        assert named <= set(machine.transitions), f"{label}: unknown transitions {named}"


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_every_state_and_transition(label, cast):
    machine = MACHINES[label]
    scene = Scene(cast)
    failures = []
    for state in machine.states.values:
        obj = BUILDERS[label](scene, state)
        for name, transition in machine.transitions.items():
            action = transition.fired_by[0] if transition.fired_by else ""
            where = f"{state} --{name}-->"
            if state not in transition.sources:
                # Illegal whoever asks: the platform itself is refused, in the reader's
                # language, and nothing moves.
                for language, words in (("fr", "impossible dans l'état"), ("en", "impossible in")):
                    with translation.override(language):
                        refusal, stored, logged, _audited = attempt(
                            machine, obj, name, cast["system"], action
                        )
                    if not isinstance(refusal, TransitionRefused) or words not in refusal.message:
                        failures.append(f"{where} [{language}] not refused as illegal: {refusal}")
                    if stored != state or logged:
                        failures.append(f"{where} illegal, yet moved to {stored}")
                continue
            allowed = EXPECTED[label].get(name, EXPECTED[label]["*"])
            for persona in ALL_ROLES:
                actor = actor_for(cast, persona)
                refusal, stored, logged, audited = attempt(machine, obj, name, actor, action)
                offered = transition in machine.available_actions(fresh(obj), actor)
                if persona in allowed:
                    if refusal is not None or stored != transition.target:
                        failures.append(f"{where} {persona}: refused ({refusal})")
                    elif not (logged == 1 and audited >= 1):
                        failures.append(f"{where} {persona}: moved without log or audit rows")
                    if not offered:
                        failures.append(f"{where} {persona}: not offered by available_actions")
                else:
                    if not isinstance(refusal, NotAllowed) or stored != state or logged:
                        failures.append(f"{where} {persona}: not refused ({refusal}, {stored})")
                    if offered:
                        failures.append(f"{where} {persona}: offered by available_actions")
            if transition.fired_by:
                # Its own action only: under another action, even the platform is refused.
                refusal, stored, logged, _audited = attempt(
                    machine, obj, name, cast["system"], "tests.another_action"
                )
                if not isinstance(refusal, TransitionRefused) or stored != state:
                    failures.append(f"{where} fired by another action: {refusal}")
    assert not failures, "\n".join(failures)


def test_the_screening_action_cannot_label(cast):
    """The Mission moving a dossier to "labelled" with the plain screening action: refused
    (only the State's decision labels), and the dossier stays before the committee."""
    ready = Scene(cast).ready
    with pytest.raises(TransitionRefused, match="propre démarche"):
        call_actions.move_application(
            application=fresh(ready), transition="label", by=cast["mission_officer"]
        )
    assert fresh(ready).state == ApplicationState.READY_FOR_COMMITTEE
    assert not Label.objects.filter(application=ready).exists()


def test_a_closed_session_cannot_reopen(cast):
    closed = Scene(cast).session(SessionState.CLOSED)
    for transition in ("open", "close"):
        with pytest.raises(TransitionRefused):
            move_session(session=fresh(closed), transition=transition, by=cast["mission_head"])
    assert fresh(closed).state == SessionState.CLOSED


def test_a_state_is_not_an_editable_field(cast):
    """Creating or editing a call (or a promotion action) cannot set its state."""
    scene = Scene(cast)
    draft = scene.call("draft")
    with pytest.raises(TypeError, match="state"):
        call_actions.update_call(call=fresh(draft), by=cast["mission_head"], state="closed")
    assert fresh(draft).state == "draft"
    with pytest.raises(TypeError, match="state"):
        create_promotion_action(
            by=cast["mission_head"],
            envelope=scene.envelope(EnvelopeKind.PROMOTION),
            name="CES",
            event="CES",
            city="Las Vegas",
            country="États-Unis",
            starts_on=TODAY,
            ends_on=TODAY,
            budget_cents=100,
            state="done",
        )
    assert not PromotionAction.objects.exists()
