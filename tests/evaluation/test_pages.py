"""The public evaluation pages: every role, query counts, the figures, machine-text SVG,
the labelled ecosystem's section, and bad input as one clear message."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from frenchtech.accounts.enums import Role
from tests.calls.factories import consortium
from tests.evaluation.conftest import BORDEAUX, NANTES
from tests.labels.conftest import make_label

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
CREATIONS = "digital_company_creations"
# An SVG coordinate or geometry attribute: digits and a dot only, whatever the language.
NUMBER = r"-?\d+(\.\d+)?"
COORDINATE_ATTRIBUTES = re.compile(r'\s(x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"')


def page(name=CREATIONS, **query):
    url = reverse("evaluation:indicator", args=[name])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("url", ["index", "indicator", "csv"])
def test_the_evaluation_pages_are_public(
    client_for, role, url, planted, labelled, django_assert_max_num_queries
):
    client = client_for(role)
    target = {
        "index": reverse("evaluation:index"),
        "indicator": page(),
        "csv": reverse("evaluation:export", args=[CREATIONS]),
    }[url]
    client.get(target)  # computes and caches the evaluation
    # Cached: the labels' fingerprint, and the session/user for signed-in roles.
    with django_assert_max_num_queries(8):
        response = client.get(target)
    assert response.status_code == 200


def test_a_cold_page_computes_in_two_queries_then_one(client, planted, labelled,
                                                      django_assert_num_queries):  # fmt: skip
    with django_assert_num_queries(2):  # the labels, then the EPCI reference
        client.get(page())
    with django_assert_num_queries(1):  # the labels' fingerprint only
        client.get(page())


def test_the_page_shows_the_overall_effect_twfe_pre_trends_placebo_and_the_pool(
    client, planted, labelled
):
    html = client.get(page()).content.decode()
    # +50 % planted in Bordeaux and Nantes from 2015 on.
    estimate = html.split('id="overall-estimate">')[1].split("<")[0]
    value = float(estimate.replace("\u00a0%", "").replace(",", ".").replace("+", ""))
    assert 20 < value < 110
    assert "L'intervalle exclut zéro." in html
    assert 'id="twfe-estimate"' in html
    assert 'id="pre-trend-verdict" data-rejected="false"' in html
    assert 'id="placebo"' in html
    assert 'id="few-labelled"' in html  # two EPCI in the only wave: the page warns
    assert "Métropoles, communautés urbaines et communautés d&#x27;agglomération" in html
    assert "Années 2008 à 2023" in html
    # Lyon was labelled in 2025, after the last complete year: a comparison unit, said so.
    assert "Labellisés après la dernière année du panel" in html
    assert "Métropole de Lyon" in html
    # Nantes' label was withdrawn: still counted as labelled, and the page says so.
    labelled_table = html.split('<table id="labelled">')[1]
    row = labelled_table.split(f'<tr data-epci="{NANTES}">')[1].split("</tr>")[0]
    assert "oui, toujours compté comme labellisé" in row
    assert 'id="synthetic-controls"' in html
    assert f'<tr data-epci="{BORDEAUX}">' in html


def test_the_event_study_has_a_chart_and_a_table_beside_it(client, planted, labelled):
    html = client.get(page()).content.decode()
    assert 'id="event-study-chart"' in html
    assert html.count("<polygon ") == 2  # uniform bands before and after the label
    table = html.split('<table id="event-study">')[1].split("</table>")[0]
    times = re.findall(r'data-event-time="(-?\d+)"', table)
    assert (times[0], times[-1]) == ("-7", "8")  # 2015 wave, 2008–2023
    assert "référence" in table.split('data-event-time="-1"')[1].split("</tr>")[0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_svg_coordinates_use_a_dot_in_every_language(client, planted, labelled, language):
    cache.clear()
    with translation.override(language):  # reverse() adds /en/ in English
        html = client.get(page()).content.decode()
        section = client.get(
            reverse("labels:consortium", args=[labelled["bordeaux"].consortium_id])
        ).content.decode()
    for document in (html, section):
        svgs = re.findall(r"<svg.*?</svg>", document, flags=re.S)
        assert svgs
        for svg in svgs:
            for _name, value in COORDINATE_ATTRIBUTES.findall(svg):
                assert re.fullmatch(NUMBER, value), value
            for points in re.findall(r'points="([^"]*)"', svg):
                for pair in points.split():
                    assert re.fullmatch(f"{NUMBER},{NUMBER}", pair), pair
            for path in re.findall(r' d="([^"]*)"', svg):
                assert re.fullmatch(rf"M {NUMBER} {NUMBER}( L {NUMBER} {NUMBER})*", path)
    if language == "en":
        assert "Estimated average effect of the label" in html
        assert "Evaluation: the ecosystem against its synthetic control" in section


def test_the_labelled_ecosystem_page_shows_its_synthetic_control(
    client, planted, labelled, django_assert_max_num_queries
):
    url = reverse("labels:consortium", args=[labelled["bordeaux"].consortium_id])
    with django_assert_max_num_queries(12):  # the labels pages' own budget
        html = client.get(url).content.decode()
    section = html.split('<section id="evaluation"')[1]
    assert f'id="synthetic-control-{BORDEAUX}"' in section
    assert 'class="ft-line-actual"' in section
    assert 'class="ft-line-synthetic"' in section
    assert section.count("<tr data-donor=") >= 1
    assert "p-valeur de permutation" in section
    # Lyon's label is after the panel: no synthetic control, said in one sentence.
    html = client.get(reverse("labels:consortium", args=[labelled["lyon"].consortium_id]))
    assert 'id="evaluation-unavailable"' in html.content.decode()


def test_a_new_label_changes_the_results(client, planted, labelled):
    before = client.get(page()).content.decode()
    assert re.findall(r'<tr data-group="(\d+)">', before) == ["2015"]
    make_label(consortium("French Tech Toulouse (test)", "toulouse"), dt.date(2017, 5, 1))
    after = client.get(page()).content.decode()
    assert re.findall(r'<tr data-group="(\d+)">', after) == ["2015", "2017"]
    assert "Toulouse" in after.split('<table id="labelled">')[1]
