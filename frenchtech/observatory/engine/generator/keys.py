"""SIREN and SIRET check digits (Luhn), vectorised."""

import numpy as np


def luhn_check_digit(prefixes: np.ndarray, digits: int) -> np.ndarray:
    """The digit that completes each `digits`-long integer prefix into a valid Luhn number.

    Counting from the right of the full number (check digit at position 1), every digit in
    an even position is doubled: that is the last digit of the prefix, then every second one.
    """
    prefixes = prefixes.astype(np.int64)
    total = np.zeros(prefixes.shape, dtype=np.int64)
    remaining = prefixes.copy()
    for position in range(digits):
        digit = remaining % 10
        remaining //= 10
        if position % 2 == 0:  # position 2, 4, ... of the full number
            digit = digit * 2
            digit = np.where(digit > 9, digit - 9, digit)
        total += digit
    return (10 - total % 10) % 10


def is_luhn_valid(number: str) -> bool:
    """Whether a SIREN or SIRET string passes the Luhn check (used by tests)."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def sirens(bases: np.ndarray) -> np.ndarray:
    """9-digit SIRENs (as integers) from 8-digit bases."""
    return bases.astype(np.int64) * 10 + luhn_check_digit(bases, 8)


def nics(siren_numbers: np.ndarray, sequence: np.ndarray) -> np.ndarray:
    """5-digit NICs (as integers): a 4-digit sequence and the digit that makes the
    14-digit SIRET Luhn-valid."""
    prefixes = siren_numbers.astype(np.int64) * 10_000 + sequence
    return sequence.astype(np.int64) * 10 + luhn_check_digit(prefixes, 13)
