"""The observatory adapter, with a fake store passed in (dependency injection)."""

import re

import pytest

from frenchtech.calls import actions
from frenchtech.calls.prefill import observatory_figures
from frenchtech.observatory.engine.snapshots import SnapshotError
from tests.calls.factories import FakeStore, observatory_rows


def test_the_programme_year_is_taken_with_its_source_and_date():
    # Stock date 2024-01-01: 2023 is the last complete year; 2024 is only partly observed.
    rows = (
        observatory_rows("200046977", {"funding_rounds": 10}, year=2022)
        + observatory_rows(
            "200046977", {"funding_rounds": 14, "funds_raised_eur": 2.5e7}, year=2023
        )
        + observatory_rows("200046977", {"funding_rounds": 1}, year=2024)
    )
    store = FakeStore(rows)
    figures = observatory_figures("200046977", store=store)
    assert {"level": "epci", "territory": "200046977"} in store.queries
    assert figures["funding_rounds"]["value"] == 14
    assert figures["funding_rounds"]["year"] == 2023
    assert figures["funds_raised_eur"]["value"] == 25_000_000
    assert figures["funding_rounds"]["date"] == "2024-01-01"
    assert "Observatoire" in figures["funding_rounds"]["source"]
    assert figures["professional_events"] is None


def test_a_count_absent_for_the_territory_in_the_programme_year_is_zero():
    rows = observatory_rows("200046977", {"funding_rounds": 3}, year=2022) + [
        {**row, "territory_code": "200054781"}  # another EPCI has 2023's rounds
        for row in observatory_rows("200054781", {"funding_rounds": 5}, year=2023)
    ]
    figures = observatory_figures("200046977", store=FakeStore(rows))
    assert (figures["funding_rounds"]["value"], figures["funding_rounds"]["year"]) == (0, 2023)


def test_no_snapshot_yet_gives_empty_figures():
    assert set(observatory_figures("200046977", store=FakeStore(published=False)).values()) == {
        None
    }


def test_a_broken_store_is_logged_as_an_error_and_gives_empty_figures(caplog):
    class BrokenStore(FakeStore):
        def read_indicators(self, **kwargs):
            raise SnapshotError("indicators.parquet: file missing")

    figures = observatory_figures("200046977", store=BrokenStore())
    assert set(figures.values()) == {None}
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "indicators.parquet: file missing" in record.getMessage()


def test_an_error_that_is_not_the_stores_is_not_hidden():
    class FaultyStore(FakeStore):
        def read_indicators(self, **kwargs):
            raise TypeError("a bug")

    with pytest.raises(TypeError, match="a bug"):
        observatory_figures("200046977", store=FaultyStore())


@pytest.mark.django_db
def test_a_new_application_is_prefilled_for_the_consortium_epci(
    call, lyon_consortium, lead, client
):
    store = FakeStore(
        observatory_rows(lyon_consortium.territory_id, {"digital_company_creations": 1234})
    )
    application = actions.start_application(
        call=call, consortium=lyon_consortium, by=lead, store=store
    )
    figure = application.sections.get(key="ecosystem").data["figures"]["digital_company_creations"]
    assert figure["observatory"]["value"] == 1234
    assert figure["declared"] is None
    client.force_login(lead)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "1234" in re.sub(r"&nbsp;|\s|\u202f|\u00a0", "", page)
    assert (
        "pas encore de chiffre de l&#x27;observatoire" in page
        or "pas encore de chiffre de l'observatoire" in page
    )
