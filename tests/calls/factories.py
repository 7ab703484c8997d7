"""Factories and builders for the calls tests."""

import datetime as dt
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.calls import actions
from frenchtech.calls.enums import CallMode, CallState
from frenchtech.calls.models import Call
from frenchtech.calls.sections import SECTIONS
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Epci
from tests.factories import OrganisationFactory, UserWithRoleFactory

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Appel French Tech {n}")
    text = "<p>Appel à candidatures des métropoles.</p>"
    eligibility_rules = "Un EPCI à fiscalité propre porteur."
    mode = CallMode.ROLLING
    state = CallState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def deadline_call(days_from_now: float, **fields) -> Call:
    return CallFactory(
        mode=CallMode.DEADLINE,
        deadline=timezone.now() + dt.timedelta(days=days_from_now),
        closing_message="L'appel 2019 est clos.",
        **fields,
    )


def metropole(code_part: str) -> Epci:
    return Epci.objects.filter(kind=EpciKind.METROPOLE, search_name__contains=code_part).first()


def consortium(name="French Tech Test", city="lyon"):
    return OrganisationFactory(
        name=name, kind=OrganisationKind.CONSORTIUM, territory=metropole(city)
    )


def lead_of(organisation):
    return UserWithRoleFactory(Role.CONSORTIUM_LEAD, organisation=organisation)


def editor_of(organisation):
    return UserWithRoleFactory(Role.CONSORTIUM_EDITOR, organisation=organisation)


class FakeStore:
    """Stands for the observatory's SnapshotStore: same two methods, canned rows."""

    class Snapshot:
        id = "20240101T000000Z-test"

        def manifest(self):
            return {"stock_date": "2024-01-01", "synthetic": True, "created_at": "2024-01-02"}

    def __init__(self, rows=(), published=True):
        self.rows = list(rows)
        self.published = published
        self.queries = []

    def latest(self):
        return self.Snapshot() if self.published else None

    def read_indicators(
        self, *, level=None, year=None, indicator=None, territory=None, as_records=False
    ):
        self.queries.append({"level": level, "territory": territory})
        wanted = {"territory_level": level, "year": year, "indicator": indicator,
                  "territory_code": territory}  # fmt: skip
        return [
            row
            for row in self.rows
            if all(value is None or row[key] == value for key, value in wanted.items())
        ]


def observatory_rows(epci_code, values: dict, year=2023):
    """The EPCI's rows, and France's (which has a row wherever any territory has one)."""
    return [
        {
            "territory_level": level,
            "territory_code": code,
            "year": year,
            "indicator": key,
            "value": value,
        }
        for key, value in values.items()
        for level, code in (("epci", epci_code), ("france", "FR"))
    ]


NO_OBSERVATORY = FakeStore(published=False)


def complete_answers(definition) -> dict:
    """A patch answering every field of a section (figures declared where no observatory)."""
    patch = {text.key: f"Réponse « {text.label} »." for text in definition.texts}
    patch.update({number.key: 1_000_000 for number in definition.numbers})
    if definition.has_actors:
        patch["actors"] = "Université de Lyon ; ; recherche"
        patch["actor_list"] = [{"name": "Université de Lyon", "siren": "", "role": "recherche"}]
    if definition.indicators:
        patch["figures"] = {
            i.key: {"declared": 12, "justification": "Recensement local."}
            for i in definition.indicators
        }
    return patch


def fill_completely(application, by):
    """Answer every section and attach a letter of support, through the actions."""
    for definition in SECTIONS:
        section = application.sections.get(key=definition.key)
        actions.save_section(
            section=section,
            by=by,
            patch=complete_answers(definition),
            expected_version=section.version,
        )
    actions.add_attachment(
        application=application,
        section_key="letters",
        upload=SimpleUploadedFile("soutien.pdf", MINIMAL_PDF),
        by=by,
    )


def office_zip(entries: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def minimal_docx() -> bytes:
    return office_zip(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<document/>",
        }
    )


def minimal_odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()
