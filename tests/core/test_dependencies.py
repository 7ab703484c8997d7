"""The one-way dependency rule of docs/architecture.md, checked on every import statement."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "frenchtech"
# Each app may import the apps listed before it (and itself), never those after it.
ORDER = [
    "core",
    "accounts",
    "territories",
    "observatory",
    "calls",
    "committee",
    "labels",
    "funding",
    "evaluation",  # reads observatory and labels; right of labels, nothing imports it
]
# Django-free: import no app at all
ENGINES = {"scoring", "observatory.engine", "evaluation.engine"}
SCREENS = {"web", "api", "cli", "demo", "settings"}


def imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.split(".")[1] for name in names if name.startswith("frenchtech.")}


def imports_of(app: str):
    for path in sorted((PACKAGE / app).rglob("*.py")):
        yield path, imported_apps(path)


@pytest.mark.parametrize("app", ORDER)
def test_apps_import_only_apps_to_their_left_and_no_screen(app):
    allowed = set(ORDER[: ORDER.index(app) + 1]) | {"scoring"}
    for path, apps in imports_of(app):
        if "engine" in path.relative_to(PACKAGE).parts:
            continue  # checked below
        assert apps <= allowed, f"{path.relative_to(PACKAGE)} imports {sorted(apps - allowed)}"


def test_engines_import_no_app_and_no_django():
    for engine in ENGINES:
        for path in sorted((PACKAGE / engine.replace(".", "/")).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
            modules = {
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module
            } | {
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
            }
            offending = {
                m
                for m in modules
                if m.split(".")[0] == "django"
                or (m.startswith("frenchtech.") and not m.startswith(f"frenchtech.{engine}"))
            }
            assert not offending, f"{path.relative_to(PACKAGE)} imports {sorted(offending)}"
