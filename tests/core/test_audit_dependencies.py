"""scripts/audit_dependencies.py: the lock file against an OSV export, offline."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit_dependencies.py"


def _advisory(directory: Path, name: str, package: str, events: list, versions=()):
    document = {
        "id": name,
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": package},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
                "versions": list(versions),
            }
        ],
    }
    (directory / f"{name}.json").write_text(json.dumps(document))


def _run(*arguments):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def _lock(tmp_path) -> Path:
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "django==5.2.19\n    # via -r requirements.in\nDjango-OTP==1.7.5\nnumpy==2.2.0\n"
    )
    return lock


def test_an_affected_pin_fails_the_audit(tmp_path):
    osv = tmp_path / "osv"
    osv.mkdir()
    _advisory(osv, "PYSEC-TEST-1", "Django", [{"introduced": "5.2"}, {"fixed": "5.2.20"}])
    _advisory(osv, "PYSEC-TEST-2", "django_otp", [{"introduced": "0"}, {"fixed": "1.0"}])
    _advisory(osv, "PYSEC-TEST-3", "numpy", [{"introduced": "0"}], versions=["2.2.0"])
    result = _run(osv, "--lock", _lock(tmp_path))
    assert result.returncode == 1
    assert "django==5.2.19: PYSEC-TEST-1 (fixed in 5.2.20)" in result.stdout
    assert "numpy==2.2.0: PYSEC-TEST-3" in result.stdout
    assert "django-otp" not in result.stdout  # fixed long before the pinned version


def test_a_clean_lock_passes_and_an_empty_database_is_no_proof(tmp_path):
    osv = tmp_path / "osv"
    osv.mkdir()
    assert _run(osv, "--lock", _lock(tmp_path)).returncode == 2
    _advisory(osv, "PYSEC-TEST-4", "django", [{"introduced": "4.0"}, {"last_affected": "5.2.18"}])
    result = _run(osv, "--lock", _lock(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "0 vulnerable pin(s)" in result.stdout


def test_the_project_lock_file_is_readable():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import audit_dependencies
    finally:
        sys.path.pop(0)
    pins = audit_dependencies.read_pins(ROOT / "requirements.lock")
    assert pins["django"].startswith("5.2.")
    assert "django-axes" in pins
