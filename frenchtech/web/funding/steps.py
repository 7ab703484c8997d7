"""Running one write action from a page: its refusal becomes an error message, then back."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, resolve_url

from frenchtech.web.once import already_created, remember
from frenchtech.web.refusals import refusals_shown


def run_step(request, step, success_message, back, *, once=False):
    """Run `step()`; show its refusal or `success_message`; redirect to `back` (url, *args).

    With `once`, the step creates something (a payment, a tranche, a co-investor) and its
    form carries a one-time token (`web/once.py`): the same form sent again does nothing.
    """
    if once and (earlier := already_created(request)):
        return earlier
    with refusals_shown(request) as attempt, transaction.atomic():
        step()
        if once:
            remember(request, resolve_url(*back))
    if not attempt.refused:
        messages.success(request, success_message)
    return redirect(*back)


def form_errors(form) -> str:
    """A form's errors as one message, each prefixed by its field's label."""
    return " ".join(
        f"{form.fields[f].label if f in form.fields else ''} : {' '.join(e)}"
        for f, e in form.errors.items()
    )
