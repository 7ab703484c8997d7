"""Yearly reports: opened and written by the consortium, reviewed by the Mission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frenchtech.core.permissions import require
from frenchtech.labels import perms, reporting
from frenchtech.labels.enums import ReportState
from frenchtech.labels.models import Label, YearlyReport
from frenchtech.labels.prefill import indicator_label
from frenchtech.web.labels.forms import FigureForm, MilestoneFormSet, ReviewForm, StrategyForm
from frenchtech.web.refusals import refusals_shown


@require_POST
@login_required
def open_view(request, pk):
    label = get_object_or_404(Label.objects.select_related("consortium"), pk=pk)
    require(perms.can_open_report(request.user, label), "open report")
    report = reporting.open_report(label=label, year=timezone.localdate().year, by=request.user)
    return redirect(report)


def _report_for(request, pk) -> YearlyReport:
    report = get_object_or_404(
        YearlyReport.objects.select_related("label", "label__consortium", "label__epci"), pk=pk
    )
    require(perms.can_view_reports(request.user, report.label), "report")
    return report


def _forms(report, figures, data=None):
    strategy = StrategyForm(data, initial={"strategy_summary": report.strategy_summary})
    milestones = MilestoneFormSet(
        data,
        prefix="milestones",
        initial=[
            {"title": m.title, "status": m.status, "comment": m.comment}
            for m in report.milestones.all()
        ],
    )
    figure_forms = [
        (
            figure,
            indicator_label(figure.indicator),
            FigureForm(
                data,
                prefix=f"figure-{figure.indicator}",
                initial={
                    "declared_value": figure.declared_value,
                    "justification": figure.justification,
                },
            ),
        )
        for figure in figures
    ]
    return strategy, milestones, figure_forms


def _save(request, report, strategy, milestones, figure_forms) -> bool:
    valid = strategy.is_valid() & milestones.is_valid()
    valid &= all([form.is_valid() for _figure, _label, form in figure_forms])
    if not valid:
        return False
    with refusals_shown(request, strategy) as attempt:
        reporting.save_report(
            report=report,
            by=request.user,
            strategy_summary=strategy.cleaned_data["strategy_summary"],
            milestones=[form.cleaned_data for form in milestones.forms if form.cleaned_data],
            declarations={
                figure.indicator: (
                    form.cleaned_data["declared_value"],
                    form.cleaned_data["justification"],
                )
                for figure, _label, form in figure_forms
            },
        )
        if "submit" in request.POST:
            reporting.submit_report(report=report, by=request.user)
    return not attempt.refused


@login_required
def report_view(request, pk):
    report = _report_for(request, pk)
    can_edit = perms.can_edit_report(request.user, report)
    figures = list(report.figures.all())
    strategy, milestones, figure_forms = _forms(report, figures)
    status = 200
    if request.method == "POST":
        require(can_edit, "edit report")
        strategy, milestones, figure_forms = _forms(report, figures, request.POST)
        if _save(request, report, strategy, milestones, figure_forms):
            submitted = "submit" in request.POST
            messages.success(
                request, _("Rapport déposé.") if submitted else _("Rapport enregistré.")
            )
            return redirect(report)
        status = 400
    can_review = report.state == ReportState.SUBMITTED and perms.can_review_report(
        request.user, report
    )
    return render(
        request,
        "web/labels/report.html",
        {
            "title": _("Rapport annuel %(year)s — %(name)s")
            % {"year": report.year, "name": report.label.consortium},
            "report": report,
            "can_edit": can_edit,
            "strategy_form": strategy,
            "milestone_formset": milestones,
            "figure_forms": figure_forms,
            "milestones": list(report.milestones.all()),
            "review_form": ReviewForm() if can_review else None,
        },
        status=status,
    )


@require_POST
@login_required
def review_view(request, pk):
    report = _report_for(request, pk)
    require(perms.can_review_report(request.user, report), "review report")
    form = ReviewForm(request.POST)
    if form.is_valid():
        with refusals_shown(request):
            reporting.review_report(
                report=report,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Examen enregistré."))
    else:
        messages.error(request, _("Choisissez de valider ou de renvoyer le rapport."))
    return redirect(report)
