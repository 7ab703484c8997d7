"""The layer order of the import-linter contract (pyproject.toml), applied to what
import-linter cannot see: model relations, migration dependencies and dynamic imports.

One source of truth: the layers are read from the contract. Run as a module
(`python -m tests.core.architecture`) it checks the `frenchtech` package found first on
the path and exits non-zero on a violation; tests/core/test_architecture.py runs it on a
scratch copy with a wrong dependency injected.
"""

import ast
import sys
import tomllib
from pathlib import Path

import frenchtech

PACKAGE_DIR = Path(frenchtech.__file__).resolve().parent
PYPROJECT = PACKAGE_DIR.parent / "pyproject.toml"
# Every app may point to these: core's audit rows name a user (accounts), and users,
# organisations and territories are what every part of the programme is about.
FOUNDATION = frozenset({"core", "territories", "accounts"})
DJANGO_APPS = frozenset({"auth", "contenttypes"})
# Django-free engines: usable by any app, they themselves reach no app (import-linter's
# "engines" contract for static imports).
ENGINES = frozenset({"scoring", "observatory.engine"})
# Entry points and configuration, outside the layers.
UNCHECKED = frozenset({"settings", "__init__.py", "wsgi.py"})


def layers(pyproject: Path = PYPROJECT) -> list[frozenset[str]]:
    """The apps of each layer of the contract "layers", highest first (optional ones too)."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    return [
        frozenset(name.strip().strip("()").removeprefix("frenchtech.") for name in layer.split("|"))
        for layer in contract["layers"]
    ]


def allowed_targets(app: str, order: list[frozenset[str]]) -> frozenset[str] | None:
    """`app`, the apps of the layers below it, and the foundation; None: in no layer."""
    for index, layer in enumerate(order):
        if app in layer:
            return frozenset({app}).union(*order[index + 1 :]) | FOUNDATION
    return None


def _app_of(app_config) -> str:
    return app_config.name.removeprefix("frenchtech.")


def _check(app: str, target: str, what: str, order, violations: list[str]) -> None:
    allowed = allowed_targets(app, order)
    if allowed is None:
        violations.append(f"{app} is in no layer of the import-linter contract ({what})")
    elif target not in allowed:
        violations.append(f"{what}: {app} -> {target}, an app to its right or a screen")


def relation_violations(order=None) -> list[str]:
    """Every foreign key, one-to-one and many-to-many of each app's models points to its own
    app, an app below it, the foundation, or Django's auth and contenttypes."""
    from django.apps import apps

    order = order or layers()
    violations = []
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("frenchtech."):
            continue
        app = _app_of(model._meta.app_config)
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue  # reverse relations, parent links, generic relations
            target_config = field.related_model._meta.app_config
            what = f"{model.__name__}.{field.name}"
            if target_config.name.startswith("frenchtech."):
                _check(app, _app_of(target_config), what, order, violations)
            elif target_config.label not in DJANGO_APPS:
                violations.append(f"{what}: {app} -> {target_config.label}")
    return violations


def migration_violations(order=None) -> list[str]:
    """Each app's migrations depend (and run before) only apps below it or the foundation."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    order = order or layers()
    violations = []
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (label, name), migration in sorted(loader.disk_migrations.items()):
        app_config = apps.get_app_config(label)
        if not app_config.name.startswith("frenchtech."):
            continue
        for target_label, _target in [*migration.dependencies, *migration.run_before]:
            target_config = apps.get_app_config(target_label)
            what = f"migration {label}.{name}"
            if target_config.name.startswith("frenchtech."):
                _check(_app_of(app_config), _app_of(target_config), what, order, violations)
            elif target_label not in DJANGO_APPS:
                violations.append(f"{what}: depends on {target_label}")
    return violations


# --- dynamic imports: a dotted path or an app label in a string -------------------------
IMPORTING_CALLS = frozenset({"import_module", "find_spec", "__import__"})


def _called_name(node: ast.Call) -> str | None:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else None


def _leading_text(node: ast.expr) -> str | None:
    """The string, or an f-string's constant beginning."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _leading_text(node.values[0])
    return None


def _target_of_path(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "frenchtech" or len(parts) < 2 or not parts[1]:
        return None
    if parts[1:3] == ["observatory", "engine"]:
        return "observatory.engine"
    return parts[1]


def dynamic_targets(path: Path) -> list[tuple[int, str, str]]:
    """(line, call, target app) of each dynamic import or model lookup naming a frenchtech
    module or app in a string."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name, text = _called_name(node), _leading_text(node.args[0])
        if text is None:
            continue
        if name in IMPORTING_CALLS and (target := _target_of_path(text)):
            found.append((node.lineno, name, target))
        elif name == "get_model":
            found.append((node.lineno, name, text.split(".")[0]))
    return found


def _importer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).parts
    if parts[:2] == ("observatory", "engine"):
        return "observatory.engine"
    return parts[0]


def dynamic_import_violations(order=None) -> list[str]:
    """Dynamic imports and `apps.get_model` obey the layers as static imports do; the
    engines reach nothing but engines."""
    order = order or layers()
    violations = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        importer = _importer_of(path)
        if importer in UNCHECKED:
            continue
        for line, call, target in dynamic_targets(path):
            what = f"{path.relative_to(PACKAGE_DIR.parent)}:{line} {call}"
            if importer in ENGINES:
                if target not in ENGINES:
                    violations.append(f"{what}: the engine {importer} reaches {target}")
            elif target == "scoring" or target in DJANGO_APPS:
                continue  # the scoring engine is in no layer: any app may use it
            else:  # the observatory's engine is part of the observatory's layer
                _check(importer, target.removesuffix(".engine"), what, order, violations)
    return violations


def main() -> int:
    import django

    django.setup()
    print(f"checking {PACKAGE_DIR}")
    violations = relation_violations() + migration_violations() + dynamic_import_violations()
    for violation in violations:
        print(violation)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
