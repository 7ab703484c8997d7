"""Every SVG drawn by the site is machine text: in French as in English, each one parses as
XML and each numeric attribute (coordinates, sizes, viewBox, points, path data) is made of
plain numbers with a dot, never the decimal comma of French prose (« 118,0 »)."""

import gzip
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.evaluation.conftest import BORDEAUX, labelled, mission, planted, planted_store  # noqa: F401

pytestmark = pytest.mark.django_db

LYON = "200046977"
NUMBER = r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?"
SINGLE_NUMBER = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width",
                 "height", "stroke-width", "font-size", "fill-opacity", "opacity"}  # fmt: skip
PATH_DATA = re.compile(rf"([MmLlHhVvCcSsQqTtAaZz]|{NUMBER}|\s)*")


def svgs_of(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def numeric_problems(svg_text: str) -> list[str]:
    """Parse one SVG as XML; list every numeric attribute that is not plain numbers."""
    root = ElementTree.fromstring(svg_text)  # noqa: S314 (our own rendered page)
    problems, checked = [], 0
    for element in root.iter():
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1]
            if name in SINGLE_NUMBER:
                checked += 1
                if not re.fullmatch(NUMBER, value.strip()):
                    problems.append(f"{name}={value!r}")
            elif name == "viewBox":
                checked += 1
                parts = value.split()
                if len(parts) != 4 or not all(re.fullmatch(NUMBER, p) for p in parts):
                    problems.append(f"viewBox={value!r}")
            elif name == "points":
                checked += 1
                for pair in value.split():
                    if not re.fullmatch(f"{NUMBER},{NUMBER}", pair):
                        problems.append(f"points={pair!r}")
            elif name == "d":
                checked += 1
                # Path data never needs a comma here; a comma means a French decimal mark.
                if "," in value or not PATH_DATA.fullmatch(value):
                    problems.append(f"d={value[:60]!r}")
    assert checked, "an SVG without any numeric attribute"
    return problems


def assert_machine_svgs(html: str, at_least: int = 1) -> int:
    svgs = svgs_of(html)
    assert len(svgs) >= at_least
    for svg in svgs:
        assert numeric_problems(svg) == []
    return len(svgs)


def test_the_check_itself_catches_a_decimal_comma():
    svg = '<svg viewBox="0 0 10 10"><circle cx="118,0" cy="1.5" r="2"/></svg>'
    assert numeric_problems(svg) == ["cx='118,0'"]
    svg = '<svg viewBox="0 0 10 10"><path d="M 56,0 118,0 L 1,5 2,5"/></svg>'
    assert numeric_problems(svg)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_epci_and_observatory_svgs_are_plain_numbers(client, observatory, language):
    with translation.override(language):
        pages = {
            "epci": reverse("web:territory", args=["epci", LYON]),
            "profile": reverse("observatory:profile", args=["epci", LYON]),
            # The ranking's map is its own SVG document, linked from the page.
            "ranking map": reverse("observatory:ranking_map")
            + "?indicator=digital_company_creations",
        }
        counts = {}
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content
            if response.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            counts[name] = assert_machine_svgs(body.decode())
    # The profile draws one chart per indicator with values: several SVGs.
    assert counts["profile"] > 3


@pytest.mark.parametrize("language", ["fr", "en"])
def test_evaluation_svgs_are_plain_numbers(client, planted, labelled, language):  # noqa: F811
    cache.clear()
    with translation.override(language):
        pages = [
            reverse("evaluation:indicator", args=["digital_company_creations"]),
            reverse("labels:consortium", args=[labelled["bordeaux"].consortium_id]),
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert_machine_svgs(html)
    assert f"synthetic-control-{BORDEAUX}" in html
