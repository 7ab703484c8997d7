"""The sections of an application, matching the three criteria of the 2013 call.

Each section stores its answers as a JSON object (`Section.data`): one entry per text or
number field, plus, for quantitative sections, one entry per observatory indicator with
the observatory's figure, the value the consortium declares and its justification.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    """A figure pre-filled from the observatory; `maximum` rejects absurd declarations."""

    key: str
    label: str
    unit: str
    maximum: int


@dataclass(frozen=True)
class TextField:
    key: str
    label: str
    help_text: str = ""
    required: bool = True


@dataclass(frozen=True)
class NumberField:
    key: str
    label: str
    maximum: int
    required: bool = True


@dataclass(frozen=True)
class SectionDefinition:
    key: str
    title: str
    criterion: int
    texts: tuple[TextField, ...] = ()
    numbers: tuple[NumberField, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    has_actors: bool = False
    # Letters of support are attachments; the section is complete with at least this many.
    minimum_attachments: int = 0

    def field_keys(self) -> list[str]:
        return [f.key for f in self.texts] + [f.key for f in self.numbers]


# Ceilings far above any French metropolis, so only typing mistakes are refused.
INDICATORS = {
    indicator.key: indicator
    for indicator in (
        Indicator(
            "digital_company_creations", _("Créations d'entreprises numériques"), "", 100_000
        ),
        Indicator(
            "digital_scaleups", _("Entreprises numériques de 50 salariés et plus"), "", 50_000
        ),
        Indicator("professional_events", _("Événements professionnels"), "", 50_000),
        Indicator("international_events", _("Événements internationaux"), "", 10_000),
        Indicator("funds_raised_eur", _("Fonds levés"), "€", 100_000_000_000),
        Indicator("funding_rounds", _("Levées de fonds"), "", 100_000),
        Indicator("acceleration_programmes", _("Programmes d'accélération"), "", 10_000),
        Indicator("accelerated_startups", _("Start-up accélérées"), "", 100_000),
    )
}


def _indicators(*keys):
    return tuple(INDICATORS[key] for key in keys)


SECTIONS = (
    SectionDefinition(
        "ecosystem",
        _("Chiffres de l'écosystème"),
        1,
        texts=(TextField("commentary", _("Présentation de l'écosystème numérique")),),
        indicators=_indicators("digital_company_creations", "digital_scaleups"),
    ),
    SectionDefinition(
        "events",
        _("Événements"),
        1,
        texts=(TextField("commentary", _("Principaux événements professionnels")),),
        indicators=_indicators("professional_events", "international_events"),
    ),
    SectionDefinition(
        "funds",
        _("Fonds levés"),
        1,
        texts=(TextField("commentary", _("Levées de fonds marquantes")),),
        indicators=_indicators("funds_raised_eur", "funding_rounds"),
    ),
    SectionDefinition(
        "success_stories",
        _("Réussites entrepreneuriales"),
        2,
        texts=(TextField("stories", _("Réussites (success stories) du territoire")),),
    ),
    SectionDefinition(
        "acceleration",
        _("Programmes d'accélération"),
        2,
        texts=(TextField("programmes", _("Programmes d'accélération publics et privés")),),
        indicators=_indicators("acceleration_programmes", "accelerated_startups"),
    ),
    SectionDefinition(
        "strategy",
        _("Stratégie à dix ans"),
        3,
        texts=(
            TextField("vision", _("Stratégie de développement à dix ans")),
            TextField("international", _("Volet international")),
            TextField("milestones", _("Jalons"), _("Un jalon par ligne : année — objectif.")),
        ),
        numbers=(NumberField("budget_eur", _("Budget sur dix ans (€)"), 100_000_000_000),),
    ),
    SectionDefinition(
        "actors",
        _("Acteurs mobilisés"),
        3,
        texts=(
            TextField(
                "actors",
                _("Acteurs mobilisés"),
                _("Un acteur par ligne : nom ; SIREN (s'il en a un) ; rôle."),
            ),
        ),
        has_actors=True,
    ),
    SectionDefinition(
        "letters",
        _("Lettres de soutien"),
        3,
        texts=(TextField("summary", _("Soutiens obtenus"), required=False),),
        minimum_attachments=1,
    ),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
