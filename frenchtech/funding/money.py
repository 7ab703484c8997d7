"""Amounts are integer cents of euros everywhere; these helpers show and read them in French."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENTS_PER_EURO = 100
# French typography: narrow no-break space between thousands, no-break space before €.
_THOUSANDS = "\u202f"
_BEFORE_SYMBOL = "\u00a0"


def format_euros(cents: int | None) -> str:
    """12345678 → "123 456,78 €"; whole amounts drop their cents: 2e10 → "200 000 000 €"."""
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), CENTS_PER_EURO)
    grouped = f"{whole:,}".replace(",", _THOUSANDS)
    decimals = f",{rest:02d}" if rest else ""
    return f"{sign}{grouped}{decimals}{_BEFORE_SYMBOL}€"


_AMOUNT = re.compile(r"^(\d+)(?:[,.](\d{1,2}))?$")


def parse_euros(text: str) -> int:
    """Read "1 500 000", "1500000,5" or "1 500 000,50 €" into cents; refuse anything else."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", str(text))
    match = _AMOUNT.match(cleaned)
    if not match:
        raise ValidationError(
            _("Montant invalide : écrivez des euros, par exemple « 1 500 000 » ou « 2 500,50 »."),
            code="invalid_amount",
        )
    whole, decimals = match.groups()
    return int(whole) * CENTS_PER_EURO + int((decimals or "0").ljust(2, "0"))
