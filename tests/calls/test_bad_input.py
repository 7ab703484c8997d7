"""Hostile or mistaken input: refused with a message naming the field, nothing else lost."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frenchtech.calls import actions
from frenchtech.calls.attachments import PDF, check_upload
from frenchtech.core.siren import is_valid_siren
from tests.calls.factories import MINIMAL_PDF, PNG_HEADER, minimal_docx, minimal_odt, office_zip

pytestmark = pytest.mark.django_db

ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 200


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("content", [ELF_EXECUTABLE, WINDOWS_EXECUTABLE, b"#!/bin/sh\nrm -rf /\n"])
def test_a_renamed_executable_posing_as_a_pdf_is_refused(content):
    with pytest.raises(ValidationError, match="son contenu n'est pas d'un type accepté"):
        check_upload(upload("budget.pdf", content))


def test_real_documents_are_recognised_by_their_content_whatever_their_name():
    assert check_upload(upload("lettre.docx", MINIMAL_PDF)).content_type == PDF
    assert check_upload(upload("x", PNG_HEADER)).content_type == "image/png"
    assert check_upload(upload("x.bin", minimal_docx())).content_type.endswith(
        "wordprocessingml.document"
    )
    assert (
        check_upload(upload("x.odt", minimal_odt())).content_type
        == "application/vnd.oasis.opendocument.text"
    )


def test_a_plain_zip_posing_as_a_docx_is_refused():
    with pytest.raises(ValidationError, match="pas un document ODT, DOCX, ODS ou XLSX valide"):
        check_upload(upload("lettre.docx", office_zip({"evil.exe": ELF_EXECUTABLE})))


def test_an_oversized_file_is_refused(settings):
    settings.CALLS_MAX_FILE_BYTES = 1000
    with pytest.raises(ValidationError, match="dépasse la taille maximale"):
        check_upload(upload("gros.pdf", MINIMAL_PDF + b"0" * 1000))


def test_the_total_per_application_is_limited(settings):
    settings.CALLS_MAX_APPLICATION_BYTES = 1000
    with pytest.raises(ValidationError, match="dépasseraient"):
        check_upload(upload("a.pdf", MINIMAL_PDF), already_stored_bytes=900)


def test_a_zip_bomb_posing_as_a_docx_is_refused():
    bomb = office_zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<document/>",
            "word/media/padding.bin": b"\x00" * (20 * 1024 * 1024),  # 20 MB of zeros → ~20 kB
        },
        compression=zipfile.ZIP_DEFLATED,
    )
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="anormalement volumineux"):
        check_upload(upload("lettre.docx", bomb))


def test_a_zip_with_too_many_entries_is_refused(settings):
    settings.CALLS_MAX_ZIP_ENTRIES = 10
    entries = {f"word/part{n}.xml": "<x/>" for n in range(20)}
    entries.update({"[Content_Types].xml": "<Types/>", "word/document.xml": "<d/>"})
    with pytest.raises(ValidationError, match="trop d'éléments"):
        check_upload(upload("lettre.docx", office_zip(entries)))


def test_a_refused_upload_through_the_page_keeps_the_rest_of_the_application(
    client, application, lead
):
    client.force_login(lead)
    section = application.sections.get(key="letters")
    actions.save_section(
        section=section, by=lead, patch={"summary": "Soutiens"}, expected_version=1
    )
    response = client.post(
        reverse("calls:attachment_upload", args=[application.pk, "letters"]),
        {"file": upload("soutien.pdf", ELF_EXECUTABLE)},
        follow=True,
    )
    assert "soutien.pdf" in response.content.decode()
    assert "est refusé" in response.content.decode()
    assert application.attachments.count() == 0
    assert application.sections.get(key="letters").data["summary"] == "Soutiens"


def test_html_and_javascript_in_text_fields_are_escaped(client, application, lead):
    client.force_login(lead)
    url = reverse("calls:section", args=[application.pk, "success_stories"])
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(url, {"version": 1, "stories": payload})
    page = client.get(reverse("calls:application", args=[application.pk])).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "« Budget sur dix ans (€) » : une valeur négative n'est pas possible."),
        (
            "999999999999999",
            "« Budget sur dix ans (€) » : "
            "999\u202f999\u202f999\u202f999\u202f999 dépasse le plafond plausible",
        ),
        ("douze", "« Budget sur dix ans (€) » : saisissez un nombre entier."),
    ],
)
def test_a_negative_or_absurd_figure_is_refused_and_the_other_fields_are_saved(
    client, application, lead, value, message
):
    client.force_login(lead)
    url = reverse("calls:section", args=[application.pk, "strategy"])
    response = client.post(
        url, {"version": 1, "vision": "Ma vision", "international": "Export", "budget_eur": value}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert message.replace("«", "&laquo;") in page or message in page.replace("&#x27;", "'")
    assert "Ma vision" in page  # the form keeps what was typed
    section = application.sections.get(key="strategy")
    assert section.data["vision"] == "Ma vision"
    assert section.data["international"] == "Export"
    assert section.data.get("budget_eur") is None
    assert section.version == 2


def test_a_declared_figure_differing_from_the_observatory_needs_a_justification(
    client, lyon_consortium, lead, call
):
    from tests.calls.factories import FakeStore, observatory_rows

    store = FakeStore(
        observatory_rows(lyon_consortium.territory_id, {"funds_raised_eur": 5_000_000})
    )
    application = actions.start_application(
        call=call, consortium=lyon_consortium, by=lead, store=store
    )
    client.force_login(lead)
    url = reverse("calls:section", args=[application.pk, "funds"])
    response = client.post(
        url, {"version": 1, "commentary": "Levées", "declared_funds_raised_eur": "7 000 000"}
    )
    assert response.status_code == 422
    assert "doit être justifiée" in response.content.decode()
    figures = application.sections.get(key="funds").data["figures"]
    assert figures["funds_raised_eur"]["declared"] is None
    response = client.post(
        url,
        {
            "version": 2,
            "commentary": "Levées",
            "declared_funds_raised_eur": "7 000 000",
            "justification_funds_raised_eur": "Deux levées de décembre absentes du registre.",
        },
    )
    assert response.status_code == 302
    figure = application.sections.get(key="funds").data["figures"]["funds_raised_eur"]
    assert figure["declared"] == 7_000_000
    assert figure["observatory"]["value"] == 5_000_000


def test_an_invalid_siren_in_the_actors_is_refused_naming_the_line(client, application, lead):
    client.force_login(lead)
    url = reverse("calls:section", args=[application.pk, "actors"])
    response = client.post(
        url,
        {"version": 1, "actors": "Ville ; 213690123 ; collectivité\nStart-up ; 123456789 ; membre"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "ligne 2" in page
    assert "123456789" in page


def test_siren_luhn_key():
    assert is_valid_siren("732829320")  # valid Luhn
    assert is_valid_siren("356000000")  # La Poste, the documented exception
    assert not is_valid_siren("732829321")
    assert not is_valid_siren("12345678")


def _lie_about_sizes(content: bytes, member: str, declared: int) -> bytes:
    """Rewrite the uncompressed size the zip declares for `member` (local and central)."""
    import io
    import struct

    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(member)
    real = struct.pack("<I", info.file_size)
    # The size is stored after the compressed size in both headers: patch each occurrence
    # that follows this member's CRC and compressed size.
    needle = struct.pack("<II", info.CRC, info.compress_size) + real
    assert data.count(needle) == 2
    patched = bytes(data).replace(
        needle, struct.pack("<II", info.CRC, info.compress_size) + struct.pack("<I", declared)
    )
    return patched


def test_a_zip_whose_declared_sizes_lie_is_refused():
    honest = office_zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<document/>",
            "word/media/padding.bin": b"\x00" * (20 * 1024 * 1024),
        },
        compression=zipfile.ZIP_DEFLATED,
    )
    forged = _lie_about_sizes(honest, "word/media/padding.bin", 1000)
    with zipfile.ZipFile(__import__("io").BytesIO(forged)) as archive:
        # What a check trusting the declarations would add up: about 1 kB.
        assert sum(entry.file_size for entry in archive.infolist()) < 2000
    with pytest.raises(ValidationError, match="refusé"):
        check_upload(upload("lettre.docx", forged))


def test_the_real_size_is_counted_while_streaming(settings):
    settings.CALLS_MAX_ZIP_UNCOMPRESSED_BYTES = 50_000
    settings.CALLS_MAX_ZIP_RATIO = 10**6
    document = office_zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<document/>",
            "word/media/padding.bin": b"\x00" * 200_000,
        },
        compression=zipfile.ZIP_DEFLATED,
    )
    forged = _lie_about_sizes(document, "word/media/padding.bin", 100)
    with pytest.raises(ValidationError, match="refusé"):
        check_upload(upload("lettre.docx", forged))
