"""What an application still lacks before it can be submitted, with a link to each field."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from frenchtech.calls.sections import SECTIONS


@dataclass(frozen=True)
class MissingItem:
    section_title: str
    label: str
    url: str  # the section's edit page, anchored on the field


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_items(application, sections, attachments) -> list[MissingItem]:
    by_key = {section.key: section for section in sections}
    files_by_section = {}
    for attachment in attachments:
        files_by_section[attachment.section_key] = (
            files_by_section.get(attachment.section_key, 0) + 1
        )
    missing = []
    for definition in SECTIONS:
        data = by_key[definition.key].data if definition.key in by_key else {}
        page = reverse("calls:section", args=[application.pk, definition.key])

        def add(label, anchor, definition=definition, page=page):
            missing.append(MissingItem(str(definition.title), str(label), f"{page}#{anchor}"))

        for field in (*definition.texts, *definition.numbers):
            if field.required and _blank(data.get(field.key)):
                add(field.label, f"id_{field.key}")
        for indicator in definition.indicators:
            figure = data.get("figures", {}).get(indicator.key, {})
            if figure.get("observatory") is None and figure.get("declared") is None:
                add(indicator.label, f"id_declared_{indicator.key}")
        if files_by_section.get(definition.key, 0) < definition.minimum_attachments:
            add(_("Au moins une pièce jointe"), "attachments")
    return missing
