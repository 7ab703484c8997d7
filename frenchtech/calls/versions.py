"""Frozen versions of an application: the JSON snapshot, its fingerprint, and diffs."""

import difflib
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from frenchtech.calls.sections import SECTIONS, SECTIONS_BY_KEY


def build_snapshot(application, sections, attachments, number: int) -> dict:
    """Everything the consortium submitted, as plain JSON (the receipt's fingerprint covers it)."""
    by_key = {section.key: section for section in sections}
    return {
        "format": 1,
        "version": number,
        "call": {"id": application.call_id, "title": application.call.title},
        "consortium": {
            "id": application.consortium_id,
            "name": application.consortium.name,
            "epci": application.consortium.territory_id,
        },
        "sections": {
            definition.key: by_key[definition.key].data if definition.key in by_key else {}
            for definition in SECTIONS
        },
        "attachments": [
            {
                "section": attachment.section_key,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
            }
            for attachment in attachments
        ],
    }


def fingerprint(snapshot: dict) -> str:
    canonical = json.dumps(
        snapshot, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _section_lines(section_key: str, data: dict) -> list[str]:
    """A section as readable lines, so that the diff shows fields people recognise."""
    definition = SECTIONS_BY_KEY[section_key]
    lines = []
    for text in definition.texts:
        lines.append(f"## {text.label}")
        lines.extend(str(data.get(text.key, "")).splitlines() or [""])
    for number in definition.numbers:
        lines.append(f"## {number.label} : {data.get(number.key, '')}")
    for indicator in definition.indicators:
        figure = data.get("figures", {}).get(indicator.key, {})
        declared = figure.get("declared")
        line = f"## {indicator.label} : {declared if declared is not None else '—'}"
        if figure.get("justification"):
            line += f" ({figure['justification']})"
        lines.append(line)
    return lines


def diff_snapshots(old: dict, new: dict) -> list[dict]:
    """Per section that changed: its title and (kind, line) pairs, kind in '+', '-', ' '."""
    changes = []
    for definition in SECTIONS:
        before = _section_lines(definition.key, old["sections"].get(definition.key, {}))
        after = _section_lines(definition.key, new["sections"].get(definition.key, {}))
        if before == after:
            continue
        lines = []
        for line in difflib.unified_diff(before, after, lineterm="", n=1):
            if line.startswith(("---", "+++", "@@")):
                continue
            lines.append({"kind": line[0], "text": line[1:]})
        changes.append({"key": definition.key, "title": str(definition.title), "lines": lines})
    old_files = {(a["name"], a["sha256"]) for a in old["attachments"]}
    new_files = {(a["name"], a["sha256"]) for a in new["attachments"]}
    if old_files != new_files:
        lines = [{"kind": "-", "text": name} for name, _ in sorted(old_files - new_files)]
        lines += [{"kind": "+", "text": name} for name, _ in sorted(new_files - old_files)]
        changes.append({"key": "attachments", "title": "Pièces jointes", "lines": lines})
    return changes
