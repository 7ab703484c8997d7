"""Who is acting right now: set by the web middleware, the command line or an action function.

Audit rows read it so that every write names its author without threading `by=` through
every model method.
"""

import contextvars
from contextlib import contextmanager

_current_actor = contextvars.ContextVar("frenchtech_actor", default=None)
_current_action = contextvars.ContextVar("frenchtech_action", default="")


def current_actor():
    return _current_actor.get()


def current_action() -> str:
    return _current_action.get()


@contextmanager
def acting(actor, action: str = ""):
    """Run a block as `actor` (a user, or None for the system) doing `action`."""
    actor_token = _current_actor.set(actor)
    action_token = _current_action.set(action or _current_action.get())
    try:
        yield
    finally:
        _current_actor.reset(actor_token)
        _current_action.reset(action_token)
