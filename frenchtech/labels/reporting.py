"""Write actions on yearly reports: opened (figures pre-filled from the observatory),
written by the consortium's lead and editors, submitted, reviewed by the Mission."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.core.actor import acting
from frenchtech.core.workflow import apply_transition
from frenchtech.labels import perms
from frenchtech.labels.enums import MilestoneStatus
from frenchtech.labels.models import Milestone, ReportFigure, YearlyReport
from frenchtech.labels.prefill import indicator_label, observatory_figures
from frenchtech.labels.workflow import REPORT_WORKFLOW


def _require(allowed: bool, what: str):
    if not allowed:
        raise PermissionDenied(what)


@transaction.atomic
def open_report(*, label, year: int, by) -> YearlyReport:
    """The label's report for `year`, created once with the observatory's figures."""
    _require(perms.can_open_report(by, label), "not a reporter of this label")
    existing = YearlyReport.objects.filter(label=label, year=year).first()
    if existing is not None:
        return existing
    with acting(by, "labels.open_report"):
        report = YearlyReport.objects.create(label=label, year=year, created_by=by)
        for figure in observatory_figures(label.epci_id):
            ReportFigure.objects.create(
                report=report,
                indicator=figure.indicator,
                observatory_value=figure.value,
                observatory_year=figure.year,
                source=figure.source,
                source_date=figure.source_date,
            )
    return report


def _clean_milestones(milestones) -> list[dict]:
    cleaned = []
    for item in milestones:
        title = (item.get("title") or "").strip()
        if not title:
            continue
        if item.get("status") not in MilestoneStatus.values:
            raise ValidationError(_("Indiquez l'avancement du jalon « %s ».") % title)
        cleaned.append(
            {"title": title, "status": item["status"], "comment": item.get("comment", "")}
        )
    return cleaned


@transaction.atomic
def save_report(*, report, by, strategy_summary: str, milestones, declarations) -> YearlyReport:
    """Replace the report's text, milestones and declared figures.

    `declarations` maps an indicator to (declared value or None, justification); a
    declared value without a justification is refused, the observatory's value is kept.
    """
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    _require(perms.can_edit_report(by, report), "report not editable by this user")
    cleaned = _clean_milestones(milestones)
    figures = {figure.indicator: figure for figure in report.figures.all()}
    for indicator, (value, justification) in declarations.items():
        if indicator not in figures:
            raise ValidationError(f"unknown indicator {indicator!r}")
        if value is not None and not (justification or "").strip():
            raise ValidationError(
                _("Justifiez la valeur déclarée pour « %s ».") % indicator_label(indicator)
            )
    with acting(by, "labels.save_report"):
        report.strategy_summary = strategy_summary
        report.save()
        report.milestones.all().delete()
        for position, item in enumerate(cleaned):
            Milestone.objects.create(report=report, position=position, **item)
        for indicator, (value, justification) in declarations.items():
            figure = figures[indicator]
            if (figure.declared_value, figure.justification) != (value, justification or ""):
                figure.declared_value = value
                figure.justification = (justification or "").strip() if value is not None else ""
                figure.save()
    return report


@transaction.atomic
def submit_report(*, report, by) -> YearlyReport:
    # Read afresh: the caller's copy may predate the last save.
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    _require(perms.can_edit_report(by, report), "report not editable by this user")
    if not report.strategy_summary.strip() or not report.milestones.exists():
        raise ValidationError(
            _("Le rapport doit comporter un bilan de la stratégie et au moins un jalon.")
        )
    report = apply_transition(report, REPORT_WORKFLOW, "submit", by=by, field="state")
    with acting(by, "labels.submit_report"):
        report.submitted_at = timezone.now()
        report.save()
    return report


@transaction.atomic
def review_report(*, report, by, accept: bool, comment: str) -> YearlyReport:
    """The Mission accepts the report, or returns it with what to complete."""
    _require(perms.can_review_report(by, report), "only the Mission reviews reports")
    if not accept and not comment.strip():
        raise ValidationError(_("Indiquez ce que l'écosystème doit compléter."))
    report = apply_transition(
        report,
        REPORT_WORKFLOW,
        "accept" if accept else "return",
        by=by,
        reason=comment,
        field="state",
    )
    with acting(by, "labels.review_report"):
        report.reviewed_by = by
        report.reviewed_at = timezone.now()
        report.review_comment = comment
        report.save()
    return report
