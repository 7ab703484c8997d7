"""Explicit state machines with a transition log (who, when, from, to, why).

A workflow declares its transitions once; `apply_transition()` moves an object along
one of them inside a transaction, with the row locked, and refuses anything else with
a clear `TransitionRefused`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from frenchtech.core.actor import acting
from frenchtech.core.models import TransitionLogEntry


class TransitionRefused(Exception):
    """The transition does not exist from the object's current state."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str = ""


class StateMachine:
    def __init__(self, *transitions: Transition):
        self.transitions = {transition.name: transition for transition in transitions}

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def transition(self, name: str, state: str) -> Transition:
        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionRefused(f"unknown transition {name!r}")
        if state not in transition.sources:
            allowed = ", ".join(transition.sources)
            raise TransitionRefused(f"cannot {name} from state {state!r} (allowed from: {allowed})")
        return transition


def apply_transition(obj, machine: StateMachine, name: str, *, by, reason: str = "", field="state"):
    """Move `obj` along transition `name`, logging it; returns the refreshed object."""
    with transaction.atomic():
        locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        source = getattr(locked, field)
        transition = machine.transition(name, source)
        with acting(by, f"{obj._meta.label_lower}.{name}"):
            setattr(locked, field, transition.target)
            locked.save()
            TransitionLogEntry.objects.create(
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                transition=name,
                from_state=source,
                to_state=transition.target,
                actor=by,
                reason=reason,
                created_at=timezone.now(),
            )
    return locked


def transition_log(obj):
    return TransitionLogEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")
