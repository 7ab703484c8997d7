"""Shapes sections for templates (which cannot look up a dict by a variable key)."""

from django.utils.translation import gettext as _

from frenchtech.calls.sections import SECTIONS_BY_KEY
from frenchtech.core.numbers import figure as figure_text


def figure_rows(definition, data: dict) -> list[dict]:
    rows = []
    for indicator in definition.indicators:
        figure = data.get("figures", {}).get(indicator.key, {})
        rows.append(
            {
                "key": indicator.key,
                "label": indicator.label,
                "unit": indicator.unit,
                "observatory": figure.get("observatory"),
                "declared": figure.get("declared"),
                "justification": figure.get("justification", ""),
            }
        )
    return rows


def section_display(key: str, data: dict, section=None) -> dict:
    definition = SECTIONS_BY_KEY[key]
    return {
        "key": key,
        "title": definition.title,
        "criterion": definition.criterion,
        "section": section,
        "texts": [(text.label, data.get(text.key, "")) for text in definition.texts],
        "numbers": [(number.label, data.get(number.key)) for number in definition.numbers],
        "figures": figure_rows(definition, data),
        "actors": data.get("actor_list", []) if definition.has_actors else [],
        "takes_attachments": definition.minimum_attachments > 0,
    }


def observatory_help(row: dict) -> str:
    figure = row["observatory"]
    if figure is None:
        return _(
            "Pas encore de chiffre de l'observatoire pour ce territoire : déclarez une valeur."
        )
    return _(
        "Observatoire : %(value)s %(unit)s (année %(year)s ; %(source)s ; données au %(date)s). "
        "Laissez vide pour retenir ce chiffre ; toute autre valeur doit être justifiée."
    ) % {
        "value": figure_text(figure["value"]),
        "unit": row["unit"],
        "year": figure["year"],
        "source": figure["source"],
        "date": figure["date"],
    }
