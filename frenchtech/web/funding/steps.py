"""Running one write action from a page: its refusal becomes an error message, then back."""

from django.contrib import messages
from django.shortcuts import redirect

from frenchtech.web.refusals import refusals_shown


def run_step(request, step, success_message, back):
    """Run `step()`; show its refusal or `success_message`; redirect to `back` (url, *args)."""
    with refusals_shown(request) as attempt:
        step()
    if not attempt.refused:
        messages.success(request, success_message)
    return redirect(*back)


def form_errors(form) -> str:
    """A form's errors as one message, each prefixed by its field's label."""
    return " ".join(
        f"{form.fields[f].label if f in form.fields else ''} : {' '.join(e)}"
        for f, e in form.errors.items()
    )
