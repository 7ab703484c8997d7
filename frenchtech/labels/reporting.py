"""Write actions on yearly reports: opened (figures pre-filled from the observatory),
written by the consortium's lead and editors, submitted, reviewed by the Mission."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused
from frenchtech.labels import perms
from frenchtech.labels.enums import MilestoneStatus
from frenchtech.labels.models import Milestone, ReportFigure, YearlyReport
from frenchtech.labels.prefill import indicator_label, observatory_figures
from frenchtech.labels.workflow import REPORT_WORKFLOW


@write_action(allowed=perms.can_open_report)
def open_report(*, label, year: int, by) -> YearlyReport:
    """The label's report for `year`, created once with the observatory's figures."""
    existing = YearlyReport.objects.filter(label=label, year=year).first()
    if existing is not None:
        return existing
    report = YearlyReport.objects.create(label=label, year=year, created_by=person(by))
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
            raise ActionRefused(_("Indiquez l'avancement du jalon « %s ».") % title)
        cleaned.append(
            {"title": title, "status": item["status"], "comment": item.get("comment", "")}
        )
    return cleaned


@write_action(allowed=perms.can_edit_report)
def save_report(*, report, by, strategy_summary: str, milestones, declarations) -> YearlyReport:
    """Replace the report's text, milestones and declared figures.

    `declarations` maps an indicator to (declared value or None, justification); a
    declared value without a justification is refused, the observatory's value is kept.
    """
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ActionRefused(_("Ce rapport n'est plus modifiable."))
    cleaned = _clean_milestones(milestones)
    figures = {figure.indicator: figure for figure in report.figures.all()}
    for indicator, (value, justification) in declarations.items():
        if indicator not in figures:
            raise ActionRefused(_("Indicateur inconnu : %s.") % indicator)
        if value is not None and not (justification or "").strip():
            raise ActionRefused(
                _("Justifiez la valeur déclarée pour « %s ».") % indicator_label(indicator)
            )
    report.strategy_summary = strategy_summary
    report.save()
    # Replaced as a whole; each deleted milestone is audited (core/audited.py).
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


def _reports_on(user, report) -> bool:
    return perms.is_reporter(user, report.label)


@write_action(allowed=_reports_on)
def submit_report(*, report, by) -> YearlyReport:
    # Read afresh: the caller's copy may predate the last save.
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if not report.strategy_summary.strip() or not report.milestones.exists():
        raise ActionRefused(
            _("Le rapport doit comporter un bilan de la stratégie et au moins un jalon.")
        )
    return REPORT_WORKFLOW.fire(report, "submit", by=by, submitted_at=timezone.now())


@write_action(allowed=perms.can_review_report)
def review_report(*, report, by, accept: bool, comment: str) -> YearlyReport:
    """The Mission accepts the report, or returns it with what to complete."""
    if not accept and not comment.strip():
        raise ActionRefused(_("Indiquez ce que l'écosystème doit compléter."), field="comment")
    return REPORT_WORKFLOW.fire(
        report,
        "accept" if accept else "return",
        by=by,
        reason=comment,
        reviewed_by=person(by),
        reviewed_at=timezone.now(),
        review_comment=comment,
    )
