"""Every create is sent once: a one-time token per form.

A create form carries `{% form_token %}` (a hidden random token). The view asks
`already_created(request)` first: a token already used leads to what it created (back,
then resubmit, or a double click). After a create succeeds, `remember(request, url)`
stores the token with the page of what it created, in the action's transaction:

    earlier = already_created(request)
    if earlier:
        return earlier
    with refusals_shown(request, form) as attempt, transaction.atomic():
        created = act.create_something(...)
        remember(request, created.get_absolute_url())

A refused create stores nothing: the same form may be sent again once corrected.
"""

import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from frenchtech.core.models import SubmittedForm
from frenchtech.core.refusals import ActionRefused

FIELD = "form_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _token(request) -> str:
    return (request.POST.get(FIELD) or "")[:64]


def already_created(request):
    """A redirect to what this form's token created before, or None."""
    token = _token(request)
    if not token:
        return None
    earlier = SubmittedForm.objects.filter(token=token).first()
    if earlier is None:
        return None
    messages.info(request, _("Ce formulaire a déjà été envoyé : voici ce qu'il a créé."))
    return redirect(earlier.result_url)


def remember(request, url: str) -> None:
    """Store this form's token with the page of what it created (inside the create's
    transaction)."""
    token = _token(request)
    if not token:
        return
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(
                token=token,
                user=request.user if request.user.is_authenticated else None,
                result_url=url,
            )
    except IntegrityError as error:  # the same form, sent twice at the same moment
        raise ActionRefused(_("Ce formulaire a déjà été envoyé.")) from error
