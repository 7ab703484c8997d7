"""The state machine kit: states, who may fire a transition, which action owns it."""

import pytest
from django.db import models
from django.utils.translation import override

from frenchtech.core.actor import SYSTEM, acting
from frenchtech.core.refusals import NotAllowed
from frenchtech.core.workflow import MACHINES, StateMachine, Transition, TransitionRefused


class Light(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposé"
    WITHDRAWN = "withdrawn", "Retiré"


class Person:
    is_authenticated = True

    def __init__(self, may: bool):
        self.may = may


class Thing:
    def __init__(self, state):
        self.state = state


MACHINE = StateMachine(
    Transition("submit", (Light.DRAFT,), Light.SUBMITTED, "Déposer", lambda u, o: u.may),
    Transition(
        "withdraw",
        (Light.DRAFT, Light.SUBMITTED),
        Light.WITHDRAWN,
        "Retirer",
        lambda u, o: u.may,
        "tests.withdraw",
    ),
    model="tests.Thing",
    states=Light,
)
MACHINES.pop("tests.thing")  # not a model of the platform


def test_available_transitions_depend_on_the_state_and_the_person():
    assert [t.name for t in MACHINE.available("draft")] == ["submit", "withdraw"]
    assert [t.name for t in MACHINE.available("withdrawn")] == []
    assert [t.name for t in MACHINE.available_actions(Thing("draft"), Person(True))] == [
        "submit",
        "withdraw",
    ]
    assert MACHINE.available_actions(Thing("draft"), Person(False)) == []
    assert len(MACHINE.available_actions(Thing("submitted"), SYSTEM)) == 1


def test_a_wrong_state_is_refused_naming_the_states_in_the_reader_s_language():
    with pytest.raises(TransitionRefused) as refused:
        MACHINE.check(Thing("submitted"), "submit", by=Person(True))
    assert str(refused.value) == (
        "« Déposer » est impossible dans l'état « Déposé » (possible depuis : « Brouillon »)."
    )
    with override("en"), pytest.raises(TransitionRefused, match="impossible in the state"):
        MACHINE.check(Thing("submitted"), "submit", by=Person(True))


def test_an_unknown_transition_is_refused():
    with pytest.raises(TransitionRefused, match="« fly »"):
        MACHINE.check(Thing("draft"), "fly", by=SYSTEM)


def test_a_person_the_transition_does_not_allow_is_refused_the_system_is_not():
    with pytest.raises(NotAllowed):
        MACHINE.check(Thing("draft"), "submit", by=Person(False))
    assert MACHINE.check(Thing("draft"), "submit", by=SYSTEM).name == "submit"


def test_a_transition_owned_by_an_action_is_refused_outside_it_even_to_the_system():
    with pytest.raises(TransitionRefused, match="propre démarche"):
        MACHINE.check(Thing("draft"), "withdraw", by=SYSTEM)
    with acting(SYSTEM, "tests.withdraw"):
        assert MACHINE.check(Thing("draft"), "withdraw", by=Person(True)).name == "withdraw"
    # An action running inside the owner (a step of it) may fire it too.
    with acting(SYSTEM, "tests.withdraw"), acting(SYSTEM, "tests.inner_step"):
        assert MACHINE.check(Thing("draft"), "withdraw", by=Person(True)).name == "withdraw"


def test_a_machine_naming_an_unknown_state_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown states"):
        StateMachine(Transition("x", ("nowhere",), "draft"), model="tests.Other", states=Light)
