import pytest

from frenchtech.core.workflow import StateMachine, Transition, TransitionRefused

MACHINE = StateMachine(
    Transition("submit", ("draft",), "submitted"),
    Transition("withdraw", ("draft", "submitted"), "withdrawn"),
)


def test_available_transitions_depend_on_the_state():
    assert [t.name for t in MACHINE.available("draft")] == ["submit", "withdraw"]
    assert [t.name for t in MACHINE.available("withdrawn")] == []


def test_a_transition_from_a_wrong_state_is_refused_with_the_allowed_states():
    with pytest.raises(
        TransitionRefused, match=r"cannot submit from state 'submitted' \(allowed from: draft\)"
    ):
        MACHINE.transition("submit", "submitted")


def test_an_unknown_transition_is_refused():
    with pytest.raises(TransitionRefused, match="unknown transition 'fly'"):
        MACHINE.transition("fly", "draft")
