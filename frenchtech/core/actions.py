"""One way to declare a write action: `@write_action(allowed=...)`.

A write action is a function called with keyword arguments, one of which is `by` (the
acting user, or `SYSTEM`). The decorator runs it:

* inside one transaction (everything or nothing);
* as `by`, under the action's name, so that every audit row it causes names both;
* after checking `allowed(by, ...)` (the permission predicate: its first parameter
  receives `by`, the others are matched by name with the action's arguments); the
  system passes every permission check, people pass only what the predicate allows;
  an action that is a person's own act (`system=False`: a review, a vote, a dossier's
  submission, a personal token) refuses the system;
* turning a model's `ValidationError` into the one refusal (`ActionRefused`).

E-mails and other effects on the outside world go through `after_commit()`, so a rolled
back action sends nothing. `WRITE_ACTIONS` lists every declared action (the role matrix
test walks it). Model: zulip's `zerver/actions/`.
"""

import functools
import inspect

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction

from frenchtech.core.actor import SYSTEM, acting
from frenchtech.core.refusals import ActionRefused, NotAllowed

# Every declared write action, by its name ("calls.submit_application").
WRITE_ACTIONS: dict[str, "callable"] = {}


def _check_actor(by) -> None:
    if by is None:
        raise TypeError("`by` is the acting user or SYSTEM, never None")


def _predicate_arguments(predicate, arguments: dict) -> tuple[list, dict]:
    # The first parameter receives the actor, whatever its name ("user", "by").
    others = list(inspect.signature(predicate).parameters.values())[1:]
    keywords = {p.name: arguments[p.name] for p in others if p.name in arguments}
    return [arguments["by"]], keywords


def is_allowed(declared, by, /, **arguments) -> bool:
    """Would `by` pass the permission check of the `declared` action with these arguments?"""
    if by is SYSTEM:
        return declared.system
    if declared.allowed is None:
        return True
    args, kwargs = _predicate_arguments(declared.allowed, {"by": by, **arguments})
    return bool(declared.allowed(*args, **kwargs))


def write_action(*, allowed=None, name: str = "", system: bool = True):
    """Declare the decorated function a write action (see the module's docstring).

    `allowed` is required in spirit: leave it out only when the action checks a rule
    that depends on what it reads inside the transaction, and say so in its docstring.
    `system=False` for a person's own act, which the platform never does in their place.
    """

    def decorate(function):
        app = function.__module__.removeprefix("frenchtech.").split(".")[0]
        action_name = name or f"{app}.{function.__name__}"
        if action_name in WRITE_ACTIONS:
            raise RuntimeError(f"write action {action_name} declared twice")

        @functools.wraps(function)
        def run(*, by, **arguments):
            _check_actor(by)
            with transaction.atomic(), acting(by, action_name):
                if not is_allowed(run, by, **arguments):
                    raise NotAllowed(action_name)
                try:
                    return function(by=by, **arguments)
                except ActionRefused:
                    raise
                except ValidationError as error:
                    raise ActionRefused.from_validation_error(error) from error

        run.action_name = action_name
        run.allowed = allowed
        run.system = system
        WRITE_ACTIONS[action_name] = run
        return run

    return decorate


def after_commit(effect) -> None:
    """Run `effect()` once the current transaction commits (never for a rolled-back one).

    A failing effect (an unreachable mail server) is logged by Django: the action is done.
    """
    transaction.on_commit(effect, robust=True)


def send_mail_after_commit(subject: str, body: str, recipients, attachments=()) -> None:
    """Queue an e-mail for after the current transaction commits."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    subject, body = str(subject), str(body)

    def send():
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send()

    after_commit(send)
