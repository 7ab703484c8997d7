"""SIREN numbers: nine digits whose Luhn checksum is valid (INSEE's own rule).

La Poste's historical SIREN 356000000 breaks the Luhn rule and is accepted by INSEE; it is
accepted here too (a public-law company, refused anyway by the funding eligibility rule).
Used by calls (actors mobilised), funding (accelerators, co-investors) and the demo.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LA_POSTE = "356000000"


def normalise_siren(text: str) -> str:
    """Drop the spaces people type ("552 100 554" → "552100554")."""
    return "".join(str(text).split())


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def with_luhn_key(first_eight: str) -> str:
    """Complete eight digits into a SIREN whose Luhn checksum is valid."""
    for last in "0123456789":
        if luhn_is_valid(first_eight + last):
            return first_eight + last
    raise AssertionError("unreachable: one of ten digits always completes a Luhn number")


def is_valid_siren(text: str) -> bool:
    siren = normalise_siren(text)
    if len(siren) != 9 or not siren.isdigit():
        return False
    return siren == LA_POSTE or luhn_is_valid(siren)


def validate_siren(text: str) -> None:
    """Model/form validator with a message saying what is wrong."""
    siren = normalise_siren(text)
    if len(siren) != 9 or not siren.isdigit():
        raise ValidationError(
            _("Un SIREN compte exactement neuf chiffres (« %(value)s » n'en est pas un).")
            % {"value": text},
            code="siren_format",
        )
    if not is_valid_siren(siren):
        raise ValidationError(
            _("Le SIREN %(value)s est invalide : sa clé de contrôle (Luhn) ne correspond pas.")
            % {"value": siren},
            code="siren_checksum",
        )
