"""SIREN numbers: nine digits whose Luhn checksum is valid (La Poste's 356000000 excepted)."""

# La Poste's SIREN does not satisfy Luhn; INSEE documents it as the one exception.
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def is_valid_siren(value: str) -> bool:
    value = value.replace(" ", "")
    if len(value) != 9 or not value.isdigit():
        return False
    return value == LA_POSTE_SIREN or luhn_is_valid(value)
