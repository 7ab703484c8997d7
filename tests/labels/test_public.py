"""Public pages: current status and full history, map, open data, effect table."""

import csv
import io
import json

import pytest
from django.urls import reverse

from frenchtech.labels.enums import LabelStatus
from tests.labels.builders import labels_at_every_stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages(mission):
    return labels_at_every_stage(mission)


def test_the_list_shows_each_ecosystem_s_current_status_and_history(client, stages):
    lyon, bordeaux, nantes = stages
    html = client.get(reverse("labels:list")).content.decode()
    assert html.count('<tr data-epci="') == 3
    for label, status in (
        (lyon, "suspended"),
        (bordeaux, "confirmed"),
        (nantes, "expired"),
    ):
        row = html.split(f'<tr data-epci="{label.epci_id}">')[1].split("</tr>")[0]
        assert f'data-status="{status}"' in row
        assert str(LabelStatus(status).label) in row
    assert "Gouvernance en cours de clarification." in html
    assert "Gouvernance contestée." not in html  # internal reasons stay internal
    assert "Audit favorable." in html
    assert 'data-event="expired"' in html
    assert "Échéance du label atteinte." in html


def test_the_map_colours_labelled_epci_by_status(client, stages):
    lyon, bordeaux, _nantes = stages
    html = client.get(reverse("labels:list")).content.decode()
    assert f'ft-label-suspended" data-code="{lyon.epci_id}"' in html
    assert f'ft-label-confirmed" data-code="{bordeaux.epci_id}"' in html
    assert html.count("<path ") > 1000  # every EPCI of France is drawn


def test_the_ecosystem_page_links_to_its_territory_and_observatory_profile(client, stages):
    lyon = stages[0]
    response = client.get(reverse("labels:consortium", args=[lyon.consortium_id]))
    html = response.content.decode()
    assert reverse("web:territory", args=["epci", lyon.epci_id]) in html
    assert reverse("observatory:profile", args=["epci", lyon.epci_id]) in html
    assert "Gérer le label" not in html
    assert "Rapports annuels" not in html
    detail = client.get(reverse("labels:detail", args=[lyon.pk]))
    assert detail["Location"].endswith(f"#label-{lyon.pk}")


def test_open_data_exports(client, stages):
    lyon, bordeaux, nantes = stages
    data = json.loads(client.get(reverse("labels:export", args=["json"])).content)["labels"]
    by_code = {row["epci_code"]: row for row in data}
    assert by_code[bordeaux.epci_id]["status"] == "confirmed"
    assert by_code[bordeaux.epci_id]["confirmed_at"] == "2016-06-10"
    assert by_code[bordeaux.epci_id]["ends_at"] == "2019-06-01"
    assert [h["event"] for h in by_code[lyon.epci_id]["history"]] == ["granted", "suspended"]
    assert by_code[nantes.epci_id]["epci_name"] == nantes.epci.name
    response = client.get(reverse("labels:export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["status"] for row in rows} == {"suspended", "confirmed", "expired"}
    assert "2024-09-01 suspended: Gouvernance en cours de clarification." in {
        row["history"].split(" | ")[1] for row in rows if row["status"] == "suspended"
    }
    assert client.get(reverse("labels:export", args=["xml"])).status_code == 404


def test_the_empty_list_says_so(client, settings, tmp_path):
    assert (
        "Aucun écosystème n'est encore labellisé"
        in client.get(reverse("labels:list")).content.decode()
    )


def test_the_effect_table_without_snapshot_is_an_empty_state(client, settings, tmp_path, stages):
    settings.OBSERVATORY_DIR = tmp_path / "none"
    html = client.get(reverse("labels:effect")).content.decode()
    assert 'id="no-snapshot"' in html
    assert "pas une mesure causale" in html


def test_the_effect_table_compares_labelled_and_non_labelled(client, observatory, stages):
    html = client.get(reverse("labels:effect")).content.decode()
    assert 'id="effect"' in html
    assert "pas une mesure causale" in html
    assert "<td>Métropole</td>" in html
    assert "2015" in html


def test_the_csv_export_neutralises_formulas(client, stages):
    from frenchtech.accounts.models import Organisation

    lyon = stages[0]
    Organisation.objects.filter(pk=lyon.consortium_id).update(name='=HYPERLINK("x")')
    response = client.get(reverse("labels:export", args=["csv"]))
    consortia = {
        row["consortium"] for row in csv.DictReader(io.StringIO(response.content.decode()))
    }
    assert '\'=HYPERLINK("x")' in consortia
