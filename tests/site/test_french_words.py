"""Every page a demo role reaches, in French, reads French: no raw state slug (« draft »,
« ready_for_committee », « draft → submitted »), no section key (« (funds) »), none of the
scoring engine's English criteria names or messages.

The text checked is what people read: the page's text outside scripts, styles and the
JSON shown for editing (`<textarea>`, `<pre>`, `<code>`)."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps

from frenchtech.calls.sections import SECTIONS
from frenchtech.core.workflow import MACHINES
from frenchtech.scoring.presets import preset_names, preset_path
from tests.site.crawl import DEMO_ROLES, crawl, signed_in_client

pytestmark = pytest.mark.django_db

# English sentences the scoring engine or its models could leak into a page.
ENGLISH_LEFTOVERS = ["must not", "must be", "Committee score", "at least one criterion",
                     "is listed twice", "not ordered on criterion", "weight bounds",
                     "Funds raised by", "running in the year"]  # fmt: skip
NOT_TEXT = re.compile(r"<(script|style|textarea|pre|code|head)\b.*?</\1>", re.S | re.I)


def state_slugs() -> set[str]:
    for app in apps.get_app_configs():
        try:
            importlib.import_module(f"{app.name}.workflow")
        except ModuleNotFoundError:
            continue
    return {value for machine in MACHINES.values() for value in machine.states.values}


def model_labels() -> set[str]:
    import json

    labels = set()
    for name in preset_names():
        for criterion in json.loads(preset_path(name).read_text())["criteria"]:
            if criterion.get("label"):
                labels.add(criterion["label"])
    return labels


def readable_text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", NOT_TEXT.sub(" ", html))
    return " ".join(unescape(text).split())


def leftovers(text: str, slugs: set[str], labels: set[str]) -> list[str]:
    found = []
    slug_pattern = re.compile(
        r"(?<![\w\-/.@])(" + "|".join(sorted(map(re.escape, slugs))) + r")(?![\w\-/.@])"
    )
    found += [f"state {m.group(0)!r}" for m in slug_pattern.finditer(text)]
    keys = "|".join(re.escape(section.key) for section in SECTIONS)
    found += [f"section key {m.group(0)!r}" for m in re.finditer(rf"\(({keys})\)", text)]
    found += [f"English {phrase!r}" for phrase in ENGLISH_LEFTOVERS if phrase in text]
    found += [f"model label {label!r}" for label in labels if label in text]
    return found


def test_the_check_itself_finds_slugs_keys_and_english():
    slugs = {"draft", "submitted", "ready_for_committee"}
    text = "Historique : draft → submitted ; Demande (funds) ; Committee score 0-5: x"
    found = leftovers(text, slugs, {"Committee score 0-5: x"})
    assert "state 'draft'" in found
    assert "state 'submitted'" in found
    assert "section key '(funds)'" in found
    assert "English 'Committee score'" in found
    assert leftovers("Brouillon → Déposé, brouillon-2, /draft/", slugs, set()) == []


def test_french_pages_of_every_role_contain_no_slug_or_english(observatory, settings, tmp_path):
    from frenchtech.demo import calls, committee, funding, labels
    from frenchtech.demo.accounts import load_demo_accounts

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    for step in (calls, committee, labels, funding):
        step.load()
    slugs, labels_en = state_slugs(), model_labels()
    assert {"draft", "ready_for_committee", "experimentation"} <= slugs
    problems, covered = {}, 0
    for role, email in DEMO_ROLES.items():
        client = signed_in_client(email)
        for url, response in crawl(client, language="fr", limit=80):
            if response.status_code != 200:
                continue
            covered += 1
            found = leftovers(readable_text(response.content.decode()), slugs, labels_en)
            if found:
                problems[f"{role} {url}"] = sorted(set(found))
    assert covered > 150
    assert problems == {}
