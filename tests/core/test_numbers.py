"""Numbers for people in each language, and machine text in every language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from frenchtech.core import numbers

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("function", "value", "french", "english"),
    [
        (numbers.amount, 1191184.61, f"1{NNBSP}191{NNBSP}184,61{NBSP}€", "€1,191,184.61"),
        (numbers.amount, 200_000_000, f"200{NNBSP}000{NNBSP}000{NBSP}€", "€200,000,000"),
        (numbers.amount, Decimal("-12.5"), f"-12,50{NBSP}€", "-€12.50"),
        (numbers.number, 0.5, "0,5", "0.5"),
        (numbers.number, 12345, f"12{NNBSP}345", "12,345"),
        (numbers.number, 3.0, "3", "3"),
        (numbers.figure, 4.25, "4,25", "4.25"),
        (numbers.percent, 12.6, f"13{NBSP}%", "13%"),
        (numbers.share, 0.126, f"13{NBSP}%", "13%"),
        (numbers.number, None, "—", "—"),
        (numbers.amount, "not a number", "—", "—"),
        (numbers.number, float("nan"), "—", "—"),
    ],
)
def test_people_read_their_language(function, value, french, english):
    with translation.override("fr"):
        assert function(value) == french
    with translation.override("en"):
        assert function(value) == english


def test_decimals_can_be_asked_for():
    with translation.override("fr"):
        assert numbers.percent(12.345, 1) == f"12,3{NBSP}%"
        assert numbers.number(2, 1) == "2,0"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_machine_text_is_the_same_in_every_language(language):
    with translation.override(language):
        assert numbers.plain(118) == "118.0"
        assert numbers.plain(-0.25, 2) == "-0.25"


def test_the_template_filters():
    template = Template(
        "{% load numbers %}{{ a|amount }}|{{ b|number }}|{{ c|percent:1 }}|{{ d|share }}|"
        "{{ b|plain:2 }}|{{ e|figure }}"
    )
    with translation.override("fr"):
        text = template.render(Context({"a": 1500, "b": 0.5, "c": 12.5, "d": 0.5, "e": 7}))
    assert text == f"1{NNBSP}500{NBSP}€|0,5|12,5{NBSP}%|50{NBSP}%|0.50|7"
