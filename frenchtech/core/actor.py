"""Who is acting right now: a person (a `User`) or the platform itself (`SYSTEM`).

Set by the web middleware, the command line or a write action (`core/actions.py`); audit
rows read it so that every write names its author without threading `by=` through every
model method. `None` is never an actor: the system acts as `SYSTEM`, explicitly.
"""

import contextvars
from contextlib import contextmanager


class SystemActor:
    """The platform itself: scheduled commands, the demo loader, data imports.

    Never produced by a web request (a visitor is a `User` or Django's `AnonymousUser`),
    so a rule that lets the system through cannot be reached from a page.
    """

    pk = None
    id = None
    email = "system"
    full_name = "system"
    is_authenticated = False
    is_anonymous = False
    is_active = True

    def has_role(self, *roles) -> bool:
        return False

    def __repr__(self) -> str:
        return "SYSTEM"

    __str__ = __repr__

    def __reduce__(self):
        # One instance per process, even through copy and pickle.
        return "SYSTEM"


SYSTEM = SystemActor()


def person(actor):
    """The `User` to store in a "who" foreign key: `None` for the system."""
    return None if actor is SYSTEM else actor


_current_actor = contextvars.ContextVar("frenchtech_actor", default=SYSTEM)
# The actions running, outermost first: a step owned by an outer action may run inside
# an inner one (the State's decision records the committee's Decision, which labels).
_running_actions = contextvars.ContextVar("frenchtech_actions", default=())


def current_actor():
    return _current_actor.get()


def current_action() -> str:
    running = _running_actions.get()
    return running[-1] if running else ""


def running_actions() -> tuple[str, ...]:
    return _running_actions.get()


@contextmanager
def acting(actor, action: str = ""):
    """Run a block as `actor` (a user, or `SYSTEM`) doing `action`."""
    if actor is None:
        raise TypeError("an actor is a user or SYSTEM, never None")
    actor_token = _current_actor.set(actor)
    running = _running_actions.get()
    action_token = _running_actions.set((*running, action) if action else running)
    try:
        yield
    finally:
        _current_actor.reset(actor_token)
        _running_actions.reset(action_token)
