"""Yearly reports: figures pre-filled from the published observatory, declarations kept."""

import pytest
from django.core.exceptions import PermissionDenied

from frenchtech.accounts.enums import Role
from frenchtech.core.refusals import ActionRefused
from frenchtech.core.workflow import TransitionRefused
from frenchtech.labels import actions, reporting
from frenchtech.labels.enums import AuditOutcome, LabelStatus, MilestoneStatus, ReportState
from frenchtech.labels.prefill import REPORT_INDICATORS
from frenchtech.observatory import published
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db

MILESTONES = [
    {"title": "Ouvrir le bâtiment totem", "status": MilestoneStatus.REACHED, "comment": ""},
    {"title": "Fonds d'amorçage local", "status": MilestoneStatus.LATE, "comment": "Juin."},
    {"title": "", "status": "", "comment": ""},  # an empty line of the form is ignored
]


def write(report, by, **declarations):
    return reporting.save_report(
        report=report,
        by=by,
        strategy_summary="La feuille de route avance.",
        milestones=MILESTONES,
        declarations=declarations,
    )


def test_figures_are_prefilled_from_the_latest_snapshot_with_source_and_date(
    observatory, label, lead
):
    report = reporting.open_report(label=label, year=2025, by=lead)
    snapshot = published.latest()
    rows = observatory.read_indicators(
        level="epci", territory=label.epci_id, indicator="digital_company_creations",
        as_records=True,
    )  # fmt: skip
    points = {row["year"]: row["value"] for row in rows}
    figures = {figure.indicator: figure for figure in report.figures.all()}
    assert list(figures) == list(REPORT_INDICATORS)
    creations = figures["digital_company_creations"]
    # The programme year: the last complete year before the stock date.
    assert creations.observatory_year == snapshot.last_complete_year
    # A count absent that year is zero (a row exists only where a value exists).
    assert creations.observatory_value == points.get(snapshot.last_complete_year, 0.0)
    # Measured at the stock date: the stock's year.
    assert figures["digital_active_companies"].observatory_year == snapshot.stock_day.year
    assert snapshot.id in creations.source
    assert "synthétiques" in creations.source
    assert creations.source_date == snapshot.stock_date[:10]
    assert creations.declared_value is None
    # Opening again returns the same report, figures unchanged.
    assert reporting.open_report(label=label, year=2025, by=lead) == report
    assert report.figures.count() == len(REPORT_INDICATORS)


def test_without_a_snapshot_figures_are_empty_but_the_report_opens(settings, tmp_path, label, lead):
    settings.OBSERVATORY_DIR = tmp_path / "nothing"
    report = reporting.open_report(label=label, year=2025, by=lead)
    assert all(f.observatory_value is None and f.source == "" for f in report.figures.all())


def test_a_declared_value_keeps_the_observatory_s_and_needs_a_justification(
    observatory, label, editor
):
    report = reporting.open_report(label=label, year=2025, by=editor)
    with pytest.raises(ActionRefused, match="Justifiez"):
        write(report, editor, digital_scaleups=(14.0, "  "))
    report = write(report, editor, digital_scaleups=(14.0, "Registre des 50+ de la CCI."))
    figure = report.figures.get(indicator="digital_scaleups")
    assert figure.declared_value == 14.0
    assert figure.justification == "Registre des 50+ de la CCI."
    assert figure.observatory_value is not None
    assert figure.source
    assert [m.title for m in report.milestones.all()] == [
        "Ouvrir le bâtiment totem",
        "Fonds d'amorçage local",
    ]
    # Withdrawing a declaration clears its justification, the observatory value stays.
    report = write(report, editor, digital_scaleups=(None, "ignored"))
    figure = report.figures.get(indicator="digital_scaleups")
    assert (figure.declared_value, figure.justification) == (None, "")


def test_submission_review_and_the_audit_that_follows(observatory, label, lead, mission):
    report = reporting.open_report(label=label, year=2025, by=lead)
    with pytest.raises(ActionRefused, match="au moins un jalon"):
        reporting.submit_report(report=report, by=lead)
    write(report, lead)
    report = reporting.submit_report(report=report, by=lead)
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_at
    with pytest.raises(PermissionDenied):
        write(report, lead)  # a submitted report is frozen
    with pytest.raises(ActionRefused):
        reporting.review_report(report=report, by=mission, accept=False, comment="")
    report = reporting.review_report(
        report=report, by=mission, accept=False, comment="Chiffrez le jalon 2."
    )
    assert report.state == ReportState.RETURNED
    write(report, lead)
    report = reporting.submit_report(report=report, by=lead)
    report = reporting.review_report(report=report, by=mission, accept=True, comment="Merci.")
    assert report.state == ReportState.ACCEPTED
    with pytest.raises(
        TransitionRefused,
        match="« Valider l'examen » est impossible dans l'état « Examiné par la Mission »",
    ):
        reporting.review_report(report=report, by=mission, accept=True, comment="")
    label = actions.record_audit(
        label=label,
        by=mission,
        outcome=AuditOutcome.CONFIRM,
        reasons="Rapport 2025.",
        report=report,
    )
    assert label.status == LabelStatus.CONFIRMED
    assert label.audit.report == report


@pytest.mark.parametrize(
    "role", [Role.MISSION_OFFICER, Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF, Role.CONSORTIUM_LEAD]
)
def test_only_the_ecosystem_s_lead_and_editors_write_its_report(label, role):
    # A consortium lead of another consortium, the Mission, partners: none may open it.
    with pytest.raises(PermissionDenied):
        reporting.open_report(label=label, year=2025, by=UserWithRoleFactory(role))


def test_a_lead_cannot_review_and_an_ended_label_takes_no_report(label, lead, mission):
    report = reporting.open_report(label=label, year=2025, by=lead)
    write(report, lead)
    reporting.submit_report(report=report, by=lead)
    with pytest.raises(PermissionDenied):
        reporting.review_report(report=report, by=lead, accept=True, comment="")
    label = actions.withdraw_label(label=label, by=mission, reasons="x")
    with pytest.raises(PermissionDenied):
        reporting.open_report(label=label, year=2026, by=lead)
