"""Explicit state machines with a transition log (who, when, from, to, why).

Every state field has one `StateMachine`, declared next to its model
(`<app>/workflow.py`). Each `Transition` says:

* from which states it goes, to which state;
* who may fire it (`allowed(user, obj)`; the system may fire any);
* which write action fires it (`fired_by`, the action's name, which must be running,
  possibly around the action that fires it): a transition that is a step of a larger
  action (a decision that labels, a payment that opens the portfolio) cannot be fired
  on its own by a plainer action.

`fire()` moves an object inside the running action's transaction, with the row locked,
and refuses anything else with a translated `TransitionRefused` or `NotAllowed`. Screens
ask `available_actions(obj, user)` and `history(obj)` instead of comparing state slugs.
Model: the job applications' state machine in gip-inclusion's les-emplois.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.actor import SYSTEM, acting, person, running_actions
from frenchtech.core.models import TransitionLogEntry
from frenchtech.core.refusals import ActionRefused, NotAllowed


class TransitionRefused(ActionRefused):
    """The transition does not exist from the object's current state, or is not this
    action's to fire."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str = ""
    # Who may fire it: (user, obj) -> bool. The system passes.
    allowed: Callable | None = field(default=None, compare=False)
    # The write action(s) that fire it ("calls.move_application"); one must be running.
    fired_by: tuple[str, ...] | str = ()

    def __post_init__(self):
        if isinstance(self.fired_by, str):
            object.__setattr__(self, "fired_by", (self.fired_by,) if self.fired_by else ())

    def permits(self, user, obj) -> bool:
        if user is SYSTEM:
            return True
        return self.allowed is not None and bool(self.allowed(user, obj))


# Every machine, by the label of the model it drives ("calls.application").
MACHINES: dict[str, "StateMachine"] = {}


class StateMachine:
    def __init__(self, *transitions: Transition, model: str, states, field: str = "state"):
        """`model` is "app_label.ModelName"; `states` the TextChoices of the field."""
        self.transitions = {transition.name: transition for transition in transitions}
        self.model_label = model.lower()
        self.states = states
        self.field = field
        unknown = {
            state
            for transition in transitions
            for state in (*transition.sources, transition.target)
            if state not in states.values
        }
        if unknown:
            raise ValueError(f"{model}: transitions name unknown states {sorted(unknown)}")
        MACHINES[self.model_label] = self

    def state_label(self, state: str) -> str:
        return str(dict(self.states.choices).get(state, state))

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def available_actions(self, obj, user) -> list[Transition]:
        """The transitions `user` may fire on `obj` now (in declaration order)."""
        return [t for t in self.available(getattr(obj, self.field)) if t.permits(user, obj)]

    def check(self, obj, name: str, *, by, state: str | None = None) -> Transition:
        """The transition `name` if `by` may fire it on `obj` now; a refusal otherwise."""
        state = getattr(obj, self.field) if state is None else state
        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionRefused(_("Cette étape n'existe pas : « %(name)s ».") % {"name": name})
        if state not in transition.sources:
            raise TransitionRefused(
                _(
                    "« %(transition)s » est impossible dans l'état « %(state)s » "
                    "(possible depuis : %(sources)s)."
                )
                % {
                    "transition": transition.label,
                    "state": self.state_label(state),
                    "sources": ", ".join(f"« {self.state_label(s)} »" for s in transition.sources),
                }
            )
        if not transition.permits(by, obj):
            raise NotAllowed(f"{self.model_label}.{name}")
        if transition.fired_by and not set(transition.fired_by) & set(running_actions()):
            raise TransitionRefused(
                _("« %(transition)s » ne se fait pas ainsi : cette étape a sa propre démarche.")
                % {"transition": transition.label}
            )
        return transition

    def fire(self, obj, name: str, *, by, reason: str = "", **changes):
        """Move `obj` along `name` (and set `changes`), logging it; returns the fresh row.

        Called from inside the write action that owns the transition.
        """
        with transaction.atomic():
            locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
            source = getattr(locked, self.field)
            transition = self.check(locked, name, by=by, state=source)
            with acting(by):
                setattr(locked, self.field, transition.target)
                for attribute, value in changes.items():
                    setattr(locked, attribute, value)
                locked.save()
                TransitionLogEntry.objects.create(
                    object_type=self.model_label,
                    object_id=str(obj.pk),
                    transition=name,
                    from_state=source,
                    to_state=transition.target,
                    actor=person(by),
                    reason=reason,
                    created_at=timezone.now(),
                )
        # The caller's instance follows: it may go on using it after the move.
        for attribute in (self.field, *changes):
            setattr(obj, attribute, getattr(locked, attribute))
        return locked


def machine_for(obj) -> StateMachine:
    return MACHINES[obj._meta.label_lower]


def available_actions(obj, user) -> list[Transition]:
    """What `user` may do to `obj` now, as transitions of its machine."""
    return machine_for(obj).available_actions(obj, user)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor: str
    transition: str
    from_state: str
    to_state: str
    reason: str


def history(obj) -> list[HistoryLine]:
    """The object's moves, oldest first, in the reader's language."""
    machine = machine_for(obj)
    lines = []
    for entry in transition_log(obj).select_related("actor"):
        transition = machine.transitions.get(entry.transition)
        lines.append(
            HistoryLine(
                at=entry.created_at,
                actor=entry.actor.full_name if entry.actor is not None else str(_("la plateforme")),
                transition=str(transition.label) if transition else entry.transition,
                from_state=machine.state_label(entry.from_state),
                to_state=machine.state_label(entry.to_state),
                reason=entry.reason,
            )
        )
    return lines


def transition_log(obj):
    return TransitionLogEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")
