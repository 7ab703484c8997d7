"""Confirmation before a destructive or irreversible action, with no JavaScript.

The page's button posts to the action's own URL as usual. The view asks first:

    if not confirmed(request):
        return ask(request, title=..., consequences=[...], cancel_url=...)

`ask` answers with a page (`web/confirm.html`) that says what will happen and what will be
lost, and carries every posted field in hidden inputs; its « Confirmer » button posts them
again with `confirmed=yes`, its « Annuler » link goes back and nothing is done. Being a
plain form, it works under the site's Content-Security-Policy (no inline handler).
A view validates its form before asking, so the page can show what was chosen.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _

CONFIRMED = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


@dataclass(frozen=True)
class Fact:
    """One line of the summary: what was chosen ("Votre vote" — "Refusé")."""

    label: str
    value: str


def confirmed(request) -> bool:
    """Has the person confirmed on the confirmation page?"""
    return request.method == "POST" and request.POST.get(CONFIRMED) == "yes"


def ask(
    request,
    *,
    title,
    consequences,
    cancel_url,
    confirm_label=None,
    facts=(),
    danger=True,
):
    """The confirmation page: `consequences` (sentences, what will happen and be lost),
    `facts` (what was chosen), a confirm button re-posting the input, a cancel link."""
    carried = [
        (name, value)
        for name in request.POST
        if name not in _NOT_CARRIED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "web/confirm.html",
        {
            "title": title,
            "consequences": [str(line) for line in consequences],
            "facts": list(facts),
            "carried": carried,
            "action": request.path,
            "cancel_url": cancel_url,
            "confirm_label": confirm_label or _("Confirmer"),
            "danger": danger,
        },
    )
