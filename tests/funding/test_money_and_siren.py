import pytest
from django.core.exceptions import ValidationError

from frenchtech.core.siren import is_valid_siren
from frenchtech.funding.money import format_euros, parse_euros


@pytest.mark.parametrize(
    ("cents", "shown"),
    [
        (200_000_000_00, "200\u202f000\u202f000\u00a0€"),
        (15_000_000_00, "15\u202f000\u202f000\u00a0€"),
        (123_456_78, "123\u202f456,78\u00a0€"),
        (5, "0,05\u00a0€"),
        (-100, "-1\u00a0€"),
    ],
)
def test_amounts_are_shown_in_french(cents, shown):
    assert format_euros(cents) == shown


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("1 500 000", 150_000_000), ("2500,5", 250_050), ("2 500,50 €", 250_050), ("7.25", 725)],
)
def test_amounts_typed_in_euros_become_cents(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["", "abc", "1,234", "-5", "1e6"])
def test_malformed_amounts_are_refused(typed):
    with pytest.raises(ValidationError, match="Montant invalide"):
        parse_euros(typed)


@pytest.mark.parametrize(
    ("siren", "valid"),
    [
        ("552100554", True),  # a well-known valid SIREN
        ("552 100 554", True),
        ("552100555", False),  # key broken
        ("55210055", False),  # eight digits
        ("55210055A", False),
        ("356000000", True),  # La Poste, INSEE's documented exception to the Luhn rule
    ],
)
def test_siren_luhn_key(siren, valid):
    assert is_valid_siren(siren) is valid
