"""`<id:pk>`: the URL path converter for every integer id of the pages and the API.

Django's `<int:…>` takes any number of digits; a 30-digit id then overflows the database
(a 500 on SQLite). Ids are at most 2^31 - 1 and at most 10 digits here, so a larger one
is simply no match: a 404.
"""

from django.urls import register_converter
from django.urls.converters import get_converters

MAX_ID = 2**31 - 1


class IdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")  # Django tries the next pattern, then 404s
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    """Register `<id:…>` once (both the pages' and the API's urls call it)."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")


def parse_id(text) -> int | None:
    """An id from a query parameter, or None: "²" and "9" * 30 are no id, not a crash."""
    text = str(text or "")
    if not text.isascii() or not text.isdecimal() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
