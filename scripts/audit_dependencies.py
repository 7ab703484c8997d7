"""Check requirements.lock against a vulnerability database in OSV format, offline.

    python scripts/audit_dependencies.py OSV_DIRECTORY [--lock requirements.lock]

OSV_DIRECTORY holds OSV advisories as JSON files (one advisory per file, searched
recursively), for example the PyPI export of the OSV database, unpacked. Every exact pin
of the lock file is compared with each advisory's affected ranges (ECOSYSTEM ranges and
explicit version lists, PyPI ecosystem). Exit status: 0 when no pin is affected, 1 when
some are (each listed with its advisory and the first fixed version), 2 on bad input.

No vulnerability database is shipped with the project: CI downloads the current PyPI
export before running this script (see docs/security.md).
"""

import argparse
import json
import re
import sys
from pathlib import Path

from packaging.version import InvalidVersion, Version

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV ECOSYSTEM range semantics: introduced/fixed/last_affected events in order."""
    affected = False
    for event in sorted(events, key=lambda e: _event_version(e) or Version("0")):
        if "introduced" in event:
            start = _version(event["introduced"]) if event["introduced"] != "0" else Version("0")
            if start is not None and version >= start:
                affected = True
        elif "fixed" in event:
            fixed = _version(event["fixed"])
            if fixed is not None and version >= fixed:
                affected = False
        elif "last_affected" in event:
            last = _version(event["last_affected"])
            if last is not None and version > last:
                affected = False
    return affected


def _event_version(event: dict) -> Version | None:
    for key in ("introduced", "fixed", "last_affected"):
        if key in event:
            return Version("0") if event[key] == "0" else _version(event[key])
    return None


def _fixed_versions(affected: dict) -> list[str]:
    return [
        event["fixed"]
        for found in affected.get("ranges", [])
        for event in found.get("events", [])
        if "fixed" in event
    ]


def findings(pins: dict[str, str], advisories: list[dict]) -> list[tuple[str, str, str, str]]:
    """(package, pinned version, advisory id, fixed versions) for each affected pin."""
    found = []
    for advisory in advisories:
        for affected in advisory.get("affected", []):
            package = affected.get("package", {})
            if package.get("ecosystem") != "PyPI":
                continue
            name = normalise(package.get("name", ""))
            if name not in pins:
                continue
            pinned = pins[name]
            version = _version(pinned)
            hit = pinned in affected.get("versions", [])
            if not hit and version is not None:
                hit = any(
                    _in_range(version, found_range.get("events", []))
                    for found_range in affected.get("ranges", [])
                    if found_range.get("type") == "ECOSYSTEM"
                )
            if hit:
                fixed = ", ".join(_fixed_versions(affected)) or "no fixed version"
                found.append((name, pinned, advisory.get("id", "?"), fixed))
    return sorted(set(found))


def load_advisories(directory: Path) -> list[dict]:
    advisories = []
    for path in sorted(directory.rglob("*.json")):
        try:
            advisories.append(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError) as error:
            raise SystemExit(f"{path}: not an OSV JSON advisory ({error})") from None
    return advisories


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("osv_directory", type=Path, help="directory of OSV JSON advisories")
    parser.add_argument("--lock", type=Path, default=Path("requirements.lock"))
    args = parser.parse_args(argv)
    if not args.osv_directory.is_dir():
        print(f"{args.osv_directory}: no such directory of OSV advisories", file=sys.stderr)
        return 2
    if not args.lock.is_file():
        print(f"{args.lock}: no such lock file", file=sys.stderr)
        return 2
    pins = read_pins(args.lock)
    advisories = load_advisories(args.osv_directory)
    if not advisories:
        print(f"{args.osv_directory}: no advisory found; refusing to say 'clean'", file=sys.stderr)
        return 2
    found = findings(pins, advisories)
    for name, pinned, advisory_id, fixed in found:
        print(f"{name}=={pinned}: {advisory_id} (fixed in {fixed})")
    print(
        f"{len(pins)} pinned packages checked against {len(advisories)} advisories: "
        f"{len(found)} vulnerable pin(s)"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
