"""The committee page in the reader's language: criteria and engine errors translated,
each observatory figure shown once with its source and year, the sum of averages called a
sum, « Ce qui l'a porté » only for a result that labels, the what-if landing on its result;
the letter marked as demo and free of literal markup."""

import re

import pytest
import weasyprint
from django.urls import reverse
from django.utils import translation

from frenchtech.committee.engine_messages import criterion_label, engine_message
from frenchtech.committee.evaluation import preset_definition
from frenchtech.committee.letters import decision_letter_pdf
from frenchtech.labels.decisions import record_state_decision
from frenchtech.scoring.errors import ModelError, ScoringError
from frenchtech.scoring.model import parse_model
from tests.committee.builders import committee_round, sign_in_with_otp
from tests.committee.scenario import build

pytestmark = pytest.mark.django_db

ENGLISH_LEFTOVERS = ["Committee score", "must not", "must be", "Funds raised by",
                     "running in the year", "Moyenne totale"]  # fmt: skip


def main_of(html: str) -> str:
    return html.split('role="main"', 1)[1]


def test_engine_errors_have_a_code_and_read_in_french_and_english():
    definition = preset_definition("programme-2013-electre-tri-b")
    definition["criteria"][0]["weight"] = -1
    with pytest.raises(ModelError) as caught:
        parse_model(definition)
    error = caught.value
    assert error.code == "negative_weight"
    identifier = definition["criteria"][0]["id"]
    assert error.params == {"criterion": identifier}
    with translation.override("fr"):
        french = engine_message(error)
    with translation.override("en"):
        english = engine_message(error)
    assert "ne peut pas être négatif" in french
    assert criterion_label(identifier) in french or identifier in french
    assert "cannot be negative" in english
    for definition_change in ({"weight": 0},):
        zero = preset_definition("programme-2013-electre-tri-b")
        for criterion in zero["criteria"]:
            criterion.update(definition_change)
        with pytest.raises(ScoringError) as caught:
            parse_model(zero)
        assert caught.value.code == "no_positive_weight"
    # An error without a code of its own still reads in the page's language.
    with translation.override("fr"):
        assert engine_message(ModelError("lambda must be a number")).startswith("Le modèle")


def test_committee_criteria_have_french_and_english_names():
    with translation.override("fr"):
        assert (
            criterion_label("committee_international")
            == "Note du comité\u00a0: ambition internationale"
        )
        assert criterion_label("funds_raised_eur") == "Fonds levés"
    with translation.override("en"):
        assert (
            criterion_label("committee_international") == "Committee score: international ambition"
        )
    assert criterion_label("unknown_id", "From the model") == "From the model"


def test_the_committee_page_reads_french(client, mission, observatory):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:application", args=[s.round.pk, s.application.pk])
    page = main_of(client.get(url).content.decode())
    for leftover in ENGLISH_LEFTOVERS:
        assert leftover not in page, leftover
    assert "Note du comité" in page
    # The sum of the criteria's averages is called a sum, with its threshold.
    assert "Somme des moyennes par critère" in page
    # The engine's table gives each observatory value its source and year, once.
    engine_rows = re.findall(r'<tr data-criterion="([^"]+)">(.*?)</tr>', page, flags=re.S)
    observatory_rows = [(key, row) for key, row in engine_rows if "observatoire" in row]
    assert observatory_rows
    for _key, row in observatory_rows:
        assert re.search(r"observatoire, \d{4}", row) or "—" in row
    funds = dict(engine_rows).get("funds_raised_eur", "")
    assert "€" in funds or "—" in funds
    for key, row in re.findall(r'<tr data-figure="([^"]+)">(.*?)</tr>', page, flags=re.S):
        if key in dict(engine_rows):
            assert "voir l'analyse quantitative" in row.replace("&#x27;", "'")
    # « Ce qui l'a porté » only for a result that labels.
    category = re.search(r'id="scoring-category".*?data-category="([^"]+)"', page, flags=re.S)
    if category is not None:
        carried = "Ce qui l&#x27;a porté" in page
        assert carried == (category.group(1) == "labelled")
    # « Recalculer » lands on its result.
    assert 'action="#what-if-outcome"' in page
    assert page.index('id="what-if-outcome"') < page.index('id="what-if"')


def test_a_negative_what_if_weight_is_refused_in_french_and_english(client, mission, observatory):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:application", args=[s.round.pk, s.application.pk])
    page = main_of(client.get(url, {"w_professional_events": "-1"}).content.decode())
    alert = page.split("fr-alert--error", 1)[1].split("</div>", 1)[0]
    assert "Le poids de « Événements professionnels » ne peut pas être négatif." in alert
    with translation.override("en"):  # the request activates English: restored after
        url = reverse("committee:application", args=[s.round.pk, s.application.pk])
        page = main_of(client.get(url, {"w_professional_events": "-1"}).content.decode())
    assert "cannot be negative" in page
    assert "ne peut pas" not in page


def test_the_decision_letter_is_marked_demo_and_shows_no_markup(mission, monkeypatch, settings):
    rendered = []
    original = weasyprint.HTML

    def capture(*args, string=None, **kwargs):
        rendered.append(string)
        return original(*args, string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", capture)
    round_, (application,), _ = committee_round(applications_count=1, members_count=0)
    reasons = "Les <i>motifs</i> de la décision."
    decision = record_state_decision(by=mission, application=application, outcome="labelled",
                                     reasons=reasons, round_=round_)  # fmt: skip
    settings.FRENCHTECH_DEMO = False
    assert decision_letter_pdf(decision).startswith(b"%PDF")
    assert "DÉMONSTRATION" not in rendered[-1]
    assert "<i>" not in rendered[-1]
    assert "&lt;i&gt;" not in rendered[-1]
    assert "Les motifs de la décision." in rendered[-1]
    settings.FRENCHTECH_DEMO = True
    decision_letter_pdf(decision)
    assert 'id="demo-marking"' in rendered[-1]
    assert "DÉMONSTRATION — données synthétiques" in rendered[-1]
