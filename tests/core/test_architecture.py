"""The one-way architecture (docs/architecture.md), enforced by tools.

Static imports: import-linter's contracts in pyproject.toml (`make quality`). Relative
imports: ruff's TID252. What import-linter cannot see (model relations, migration
dependencies, dynamic imports): tests/core/architecture.py, from the same layer order.
Each kind of wrong dependency is injected into a scratch copy of the package and shown
to fail its check.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from tests.core.architecture import (
    allowed_targets,
    dynamic_import_violations,
    dynamic_targets,
    layers,
    migration_violations,
    relation_violations,
)

REPOSITORY = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_every_app_is_in_a_layer_of_the_contract_core_at_the_bottom():
    order = layers()
    assert order[-1] == {"core"}
    assert {"web", "api", "cli", "demo"} == order[0]
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("frenchtech."):
            app = app_config.name.removeprefix("frenchtech.")
            assert allowed_targets(app, order) is not None, f"{app} is in no layer"


def test_model_relations_point_to_the_app_itself_or_to_its_left():
    assert relation_violations() == []


def test_migrations_depend_only_on_apps_to_their_left():
    assert migration_violations() == []


def test_dynamic_imports_and_model_lookups_obey_the_layers():
    assert dynamic_import_violations() == []


def test_each_form_of_dynamic_import_is_recognised(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(
        "import importlib\n"
        "from django.apps import apps\n"
        'importlib.import_module("frenchtech.funding.ledger")\n'
        'importlib.util.find_spec(f"frenchtech.web.{name}")\n'
        '__import__("frenchtech.observatory.engine.compute")\n'
        'apps.get_model("labels", "Label")\n'
        'apps.get_model("committee.Review")\n'
        'importlib.import_module("json")\n'
    )
    assert dynamic_targets(source) == [
        (3, "import_module", "funding"),
        (4, "find_spec", "web"),
        (5, "__import__", "observatory.engine"),
        (6, "get_model", "labels"),
        (7, "get_model", "committee"),
    ]


# --- each kind of wrong dependency fails its check, on a scratch copy --------------------
@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the package and of pyproject.toml (the contracts and ruff's rules)."""
    shutil.copytree(
        REPOSITORY / "frenchtech",
        tmp_path / "frenchtech",
        ignore=shutil.ignore_patterns("__pycache__", "static", "locale"),
    )
    shutil.copy(REPOSITORY / "pyproject.toml", tmp_path)
    return tmp_path


def run(scratch: Path, *command) -> subprocess.CompletedProcess:
    # The copy first on the path, before the installed package; the repository after it,
    # for tests.core.architecture.
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(scratch), str(REPOSITORY)]),
        "DJANGO_SETTINGS_MODULE": "frenchtech.settings.test",
        "FRENCHTECH_ALLOW_DEV_SECRET": "1",
        "FRENCHTECH_VAR_DIR": str(scratch / "var"),
    }
    return subprocess.run(
        command, cwd=scratch, env=environment, capture_output=True, text=True, check=False
    )


CHECKS = {
    "import-linter": lambda scratch: run(scratch, BIN / "lint-imports", "--no-cache", "--no-logo"),
    "ruff": lambda scratch: run(
        scratch, BIN / "ruff", "check", "--no-cache", "--output-format", "concise", "frenchtech"
    ),
    "architecture": lambda scratch: run(scratch, sys.executable, "-m", "tests.core.architecture"),
}


def test_the_untouched_copy_passes_every_check(scratch):
    for name, check in CHECKS.items():
        result = check(scratch)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
    assert f"checking {scratch / 'frenchtech'}" in CHECKS["architecture"](scratch).stdout


FK_TO_THE_RIGHT = """

class WrongWay(models.Model):
    label = models.ForeignKey("labels.Label", on_delete=models.PROTECT)
"""
MIGRATION_TO_THE_RIGHT = """from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_initial"), ("labels", "0001_initial")]
    operations = []
"""
WRONG = {
    "an app imports an app to its right": (
        "import-linter", "frenchtech/calls/limits.py", "import frenchtech.funding.money\n",
        "frenchtech.calls.limits -> frenchtech.funding.money",
    ),
    "an app imports a screen": (
        "import-linter", "frenchtech/labels/dates.py", "import frenchtech.web.urls\n",
        "frenchtech.labels.dates -> frenchtech.web.urls",
    ),
    "an engine imports Django": (
        "import-linter", "frenchtech/scoring/ranks.py", "import django.conf\n",
        "frenchtech.scoring.ranks -> django (l.",
    ),
    "an engine imports a Django app": (
        "import-linter", "frenchtech/observatory/engine/snapshots.py",
        "import frenchtech.territories.models\n", "frenchtech.observatory.engine.snapshots ->",
    ),
    "a relative import": (
        "ruff", "frenchtech/calls/prefill.py", "from .sections import SECTIONS\n",
        "frenchtech/calls/prefill.py:",
    ),
    "a foreign key to the right": (
        "architecture", "frenchtech/calls/models/reminders.py", FK_TO_THE_RIGHT,
        "WrongWay.label: calls -> labels",
    ),
    "a migration dependency to the right": (
        "architecture", "frenchtech/calls/migrations/0002_wrong_way.py", MIGRATION_TO_THE_RIGHT,
        "migration calls.0002_wrong_way: calls -> labels",
    ),
    "a dynamic import to the right": (
        "architecture", "frenchtech/calls/limits.py",
        'import importlib\nimportlib.import_module("frenchtech.committee.performance")\n',
        "frenchtech/calls/limits.py:",
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", WRONG)
def test_a_wrong_dependency_fails_its_check(scratch, kind):
    check, relative_path, injected, expected = WRONG[kind]
    path = scratch / relative_path
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(existing + injected, encoding="utf-8")
    result = CHECKS[check](scratch)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected in output, output
