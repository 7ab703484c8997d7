from django import template

from frenchtech.funding.money import format_euros

register = template.Library()


@register.filter
def euros(cents):
    """{{ amount_cents|euros }} → "1 500 000 €"."""
    return format_euros(cents)
