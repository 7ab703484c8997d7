"""Amounts are integer cents of euros everywhere; these helpers show and read them in French."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext as _

CENTS_PER_EURO = 100
# No amount of the programme comes near it; beyond it, sums could overflow the database's
# 64-bit integers and break the ledger's pages for good (the ledger is append-only).
MAX_AMOUNT_EUROS = 10_000_000_000
MAX_AMOUNT_CENTS = MAX_AMOUNT_EUROS * CENTS_PER_EURO


def too_large_message() -> str:
    return _("Montant trop élevé : au plus 10 milliards d'euros.")


class AmountField(models.PositiveBigIntegerField):
    """An amount in cents of euros, at most `MAX_AMOUNT_CENTS` (10 billion euros)."""

    default_validators = [MaxValueValidator(MAX_AMOUNT_CENTS)]


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
    whole = whole.lstrip("0") or "0"
    # Length first: a thousand-digit number is refused without being converted.
    if len(whole) > len(str(MAX_AMOUNT_EUROS)):
        raise ValidationError(too_large_message(), code="amount_too_large")
    cents = int(whole) * CENTS_PER_EURO + int((decimals or "0").ljust(2, "0"))
    if cents > MAX_AMOUNT_CENTS:
        raise ValidationError(too_large_message(), code="amount_too_large")
    return cents
