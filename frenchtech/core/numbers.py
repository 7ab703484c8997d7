"""Numbers for people and numbers for machines, one way each.

People read numbers in the active language: in French a narrow no-break space between
thousands and a decimal comma (« 1 191 184,61 € », « 12,5 % »), in English a comma
between thousands and a decimal point (« €1,191,184.61 », « 12.5% »). Machines (SVG
coordinates, CSV, JSON, form values) read `plain()`: a dot, no grouping, whatever the
language. Template filters of the same names: `{% load numbers %}`.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language

NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"
MISSING = "—"


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _readable(value) -> float | Decimal | int | None:
    """The value as a number, or None for what cannot be shown as one."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def plain(value, decimals: int = 1) -> str:
    """Machine text: `decimals` places, a dot, no grouping (118.0), in every language."""
    return f"{float(value):.{decimals}f}"


def number(value, decimals: int | None = None) -> str:
    """A number for people: grouped thousands, the language's decimal mark. `decimals`
    None keeps integers whole and shows other values with up to two places."""
    readable = _readable(value)
    if readable is None:
        return MISSING
    trim = decimals is None
    if trim:
        decimals = 0 if float(readable).is_integer() else 2
    # Rounded half up here: Django's formatting cuts a float's extra digits off.
    rounded = Decimal(str(readable)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if trim and decimals:
        text = text.rstrip("0")
    return _typeset(text)


def _typeset(text: str) -> str:
    if _french():
        # Django's French grouping is a plain no-break space; French typography wants it narrow.
        return text.replace(NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE)
    return text


def figure(value) -> str:
    """A count or a measure as it comes (integer whole, else up to two decimals)."""
    return number(value)


def amount(value, decimals: int | None = None) -> str:
    """Euros: « 1 191 184,61 € » in French, « €1,191,184.61 » in English. Whole amounts
    drop their cents unless `decimals` says otherwise."""
    readable = _readable(value)
    if readable is None:
        return MISSING
    if decimals is None:
        decimals = 0 if float(readable).is_integer() else 2
    text = number(readable, decimals)
    if _french():
        return f"{text}{NO_BREAK_SPACE}€"
    return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"


def percent(value, decimals: int = 0) -> str:
    """A value already in percent (12.5 → « 12,5 % », « 12.5% »)."""
    readable = _readable(value)
    if readable is None:
        return MISSING
    text = number(readable, decimals)
    return f"{text}{NO_BREAK_SPACE}%" if _french() else f"{text}%"


def share(value, decimals: int = 0) -> str:
    """A fraction shown as a percentage (0.125 → « 12,5 % » with one decimal)."""
    readable = _readable(value)
    if readable is None:
        return MISSING
    return percent(float(readable) * 100, decimals)
