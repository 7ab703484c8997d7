"""One snapshot store for everyone: with only FRENCHTECH_VAR_DIR set, the command line,
the calls' pre-fill and the pages read the same snapshot. A broken store is logged as an
error and the pages still answer."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from frenchtech.calls.prefill import observatory_figures

pytestmark = pytest.mark.django_db

COMMAND = Path(sys.executable).parent / "frenchtech"
INDICATOR = "digital_company_creations"


def only_var_dir(var_directory: Path) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FRENCHTECH_", "DJANGO_"))
    }
    return {**environment, "FRENCHTECH_VAR_DIR": str(var_directory)}


def run(arguments, environment, cwd) -> str:
    completed = subprocess.run(
        arguments, env=environment, cwd=cwd, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def published_by_the_command_line(tmp_path_factory):
    """A snapshot published by `frenchtech observatory run`, run from another directory
    than the project's, with FRENCHTECH_VAR_DIR as its only setting."""
    root = tmp_path_factory.mktemp("one-store")
    var_directory, elsewhere = root / "var", root / "elsewhere"
    elsewhere.mkdir()
    environment = only_var_dir(var_directory)
    generated = run(
        [COMMAND, "observatory", "generate", "--companies", "3000", "--seed", "11",
         "--format", "parquet", "--out", root / "registry"],
        environment, elsewhere,
    )  # fmt: skip
    published = run(
        [COMMAND, "observatory", "run", *generated.split()], environment, elsewhere
    ).splitlines()
    snapshot_id = published[0].split()[2].rstrip(":")
    return var_directory, elsewhere, environment, snapshot_id


def test_the_command_line_the_prefill_and_the_pages_read_the_same_snapshot(
    published_by_the_command_line, settings, client
):
    var_directory, elsewhere, environment, snapshot_id = published_by_the_command_line
    assert not (elsewhere / "var").exists()  # not the working directory's var/
    # The settings resolve the same directory from the same environment.
    configured = run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.OBSERVATORY_DIR)"],
        {**environment, "DJANGO_SETTINGS_MODULE": "frenchtech.settings.test"},
        Path(__file__).resolve().parents[2],
    ).strip()
    assert Path(configured) == var_directory / "observatory"
    assert (var_directory / "observatory" / "LATEST").read_text().strip() == snapshot_id

    settings.OBSERVATORY_DIR = Path(configured)
    shown = client.get(reverse("observatory:ranking"), {"indicator": INDICATOR})
    assert shown.context["snapshot"].id == snapshot_id
    year = shown.context["year"]
    printed = json.loads(
        run(
            [COMMAND, "observatory", "indicators", "--level", "epci", "--indicator", INDICATOR,
             "--year", str(year), "--format", "json"],
            environment, elsewhere,
        )
    )  # fmt: skip
    from_the_command_line = {row["territory_code"]: row["value"] for row in printed}
    code, value = max(from_the_command_line.items(), key=lambda item: item[1])
    assert value > 0
    on_the_page = {row.code: row.value for row in shown.context["page"].paginator.object_list}
    assert on_the_page[code] == value

    prefilled = observatory_figures(code)[INDICATOR]
    assert snapshot_id in prefilled["source"]
    assert (prefilled["value"], prefilled["year"]) == (value, year)


@pytest.fixture
def broken_copy(published_store, tmp_path, settings):
    """A copy of a published store that the test then breaks, served by the settings."""
    directory = tmp_path / "store"
    shutil.copytree(published_store.directory, directory)
    settings.OBSERVATORY_DIR = directory
    return directory / "snapshots" / published_store.latest().id


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def test_a_corrupt_indicators_file_is_an_error_and_the_pages_still_answer(
    broken_copy, client, caplog
):
    (broken_copy / "indicators.parquet").write_bytes(b"not parquet")
    ranking = client.get(reverse("observatory:ranking"), {"indicator": INDICATOR})
    assert ranking.status_code == 200
    assert ranking.context["ranked_count"] == 0
    profile = client.get(reverse("observatory:profile", args=["epci", "200046977"]))
    assert profile.status_code == 200
    assert any("indicators.parquet" in message for message in errors(caplog))
    assert client.get("/api/v1/observatory/values").status_code == 200


def test_a_missing_manifest_is_an_error_and_the_pages_say_there_is_no_snapshot(
    broken_copy, client, caplog
):
    (broken_copy / "manifest.json").unlink()
    response = client.get(reverse("observatory:ranking"))
    assert response.status_code == 200
    assert "Aucun jeu d'indicateurs" in response.content.decode().replace("&#x27;", "'")
    assert any("manifest.json" in message for message in errors(caplog))
    assert observatory_figures("200046977") == dict.fromkeys(observatory_figures("200046977"))


@pytest.mark.parametrize("manifest", ["[]", '{"stock_date": "someday"}'])
def test_a_manifest_without_a_stock_date_is_an_error(broken_copy, client, caplog, manifest):
    (broken_copy / "manifest.json").write_text(manifest)
    response = client.get(reverse("observatory:ranking"))
    assert response.status_code == 200
    assert "Aucun jeu d'indicateurs" in response.content.decode().replace("&#x27;", "'")
    assert any("no valid stock_date" in message for message in errors(caplog))
