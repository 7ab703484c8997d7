from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from frenchtech.web import once

register = template.Library()


@register.simple_tag
def form_token():
    """The hidden one-time token of a create form (`web/once.py`)."""
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token())


@register.simple_tag
def colon() -> str:
    """The colon after a label: French puts a non-breaking space before it, English none."""
    return "\u00a0:" if (get_language() or "fr").startswith("fr") else ":"


@register.filter
def actions_for(obj, user) -> dict:
    """{transition name: transition} that `user` may fire on `obj` now (its state machine's
    answer), so templates show buttons without knowing the states."""
    from frenchtech.core.workflow import available_actions

    return {transition.name: transition for transition in available_actions(obj, user)}
