"""How every page shows a refused write action: the action's own translated message.

* In a view that re-renders a form, `refusals_shown(request, form)` puts the message on
  the form (on the field it names, or on the whole form), so the input is kept.
* Anywhere else, `refusals_shown(request)` turns it into an error message for the next
  page; a refusal no view caught is handled the same way by `RefusalMiddleware`, which
  sends the person back to the page they came from.

A `NotAllowed` refusal is Django's `PermissionDenied`: it is left to the 403 page.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from frenchtech.core.refusals import ActionRefused, NotAllowed


class refusals_shown:
    """`with refusals_shown(request, form) as attempt: action(...)`; then `attempt.refused`."""

    def __init__(self, request, form=None):
        self.request = request
        self.form = form
        self.refusal: ActionRefused | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if error is None or not isinstance(error, ActionRefused) or isinstance(error, NotAllowed):
            return False
        self.refusal = error
        show(self.request, error, self.form)
        return True


def show(request, refusal: ActionRefused, form=None) -> None:
    if form is None:
        messages.error(request, str(refusal))
        return
    errors = refusal.field_errors or {refusal.field: [str(refusal)]}
    for field, texts in errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _back(request) -> str | None:
    target = request.headers.get("referer", "")
    # A confirmation page (`web/confirmation.py`) posts to its own URL, which answers POST
    # only: going back there would show a 405.
    if urlsplit(target).path == request.path:
        return None
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ActionRefused) or isinstance(exception, NotAllowed):
            return None
        if request.path.startswith("/api/"):
            return None  # the API answers its own refusals as JSON
        back = _back(request) if request.method == "POST" else None
        if back is not None:
            messages.error(request, str(exception))
            return redirect(back)
        return render(
            request, "web/errors/refused.html", {"message": str(exception)}, status=exception.status
        )
