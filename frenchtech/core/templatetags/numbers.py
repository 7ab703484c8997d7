"""`{% load numbers %}`: the filters of `core.numbers` (people's numbers, localised) and
`plain` (machine text: a dot, whatever the language)."""

from django import template

from frenchtech.core import numbers

register = template.Library()


@register.filter
def number(value, decimals=None):
    """{{ value|number }} or {{ value|number:1 }}: grouped, the language's decimal mark."""
    return numbers.number(value, None if decimals is None else int(decimals))


@register.filter
def figure(value):
    """{{ value|figure }}: a count whole, a measure with up to two decimals."""
    return numbers.figure(value)


@register.filter
def amount(value, decimals=None):
    """{{ value|amount }}: euros, « 1 191 184,61 € » / « €1,191,184.61 »."""
    return numbers.amount(value, None if decimals is None else int(decimals))


@register.filter
def percent(value, decimals=0):
    """{{ 12.5|percent:1 }}: a value already in percent."""
    return numbers.percent(value, int(decimals))


@register.filter
def share(value, decimals=0):
    """{{ 0.125|share:1 }}: a fraction shown as a percentage."""
    return numbers.share(value, int(decimals))


@register.filter
def plain(value, decimals=1):
    """{{ x|plain }}: machine text for SVG attributes and form values."""
    return numbers.plain(value, int(decimals))
