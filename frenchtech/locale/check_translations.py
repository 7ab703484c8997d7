#!/usr/bin/env python3
"""Check that the catalogues under this folder are complete: no untranslated or fuzzy entry.

Standard library only. Usage, from the repository root:

    python3 frenchtech/locale/check_translations.py            # every locale/*/LC_MESSAGES/*.po
    python3 frenchtech/locale/check_translations.py path/to/django.po

Prints one line per problem (file:line, kind, msgid) and exits with status 1 if there is any,
0 otherwise. Obsolete entries (#~) are ignored; the header entry (empty msgid) is not checked.
"""

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _string(token: str) -> str:
    """The value of one quoted PO string, C escapes included."""
    return ast.literal_eval(token)


def entries(path: Path):
    """Yield dicts: line, flags, msgid, msgid_plural, msgstr (list of forms)."""
    current, field = None, None

    def done(entry):
        return entry is not None and "msgid" in entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            if done(current):
                yield current
            current, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = {"line": number, "flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(field, int):
                current["msgstr"][field] += _string(line)
            elif field:
                current[field] += _string(line)
        else:
            keyword, _, value = line.partition(" ")
            if keyword.startswith("msgstr"):
                field = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                current["msgstr"][field] = _string(value)
            else:
                field = keyword
                current[field] = _string(value)
                if keyword == "msgid":
                    current["line"] = number
    if done(current):
        yield current


def problems(path: Path):
    for entry in entries(path):
        if entry["msgid"] == "":
            continue
        label = entry["msgid"].replace("\n", "\\n")
        if len(label) > 80:
            label = label[:77] + "..."
        forms = entry["msgstr"]
        expected = 2 if "msgid_plural" in entry else 1
        if len(forms) < expected or not all(value.strip() for value in forms.values()):
            yield f"{path}:{entry['line']}: untranslated: {label}"
        elif "fuzzy" in entry["flags"]:
            yield f"{path}:{entry['line']}: fuzzy: {label}"


def main(argv):
    paths = [Path(arg) for arg in argv] or sorted(HERE.glob("*/LC_MESSAGES/*.po"))
    if not paths:
        print("no .po file found", file=sys.stderr)
        return 2
    found, total = [], 0
    for path in paths:
        total += sum(1 for entry in entries(path) if entry["msgid"] != "")
        found.extend(problems(path))
    for line in found:
        print(line)
    print(
        f"{len(found)} problem(s) in {total} entries ({', '.join(str(p) for p in paths)})",
        file=sys.stderr,
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
