"""Public label pages: list and map, an ecosystem's page, open-data export, effect table."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.accounts.models import Organisation
from frenchtech.core.exports import csv_text
from frenchtech.labels import effect as label_effect
from frenchtech.labels import perms
from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.models import Label
from frenchtech.labels.public import history_rows, labelled_consortia, labels_with_history
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.territories.maps import france_map
from frenchtech.territories.models import Epci

STATUS_LEGEND = [
    LabelStatus.EXPERIMENTATION,
    LabelStatus.CONFIRMED,
    LabelStatus.SUSPENDED,
    LabelStatus.WITHDRAWN,
    LabelStatus.EXPIRED,
]


def _labels_map(entries):
    """Every EPCI of France, those with a label coloured by their current status."""
    current = {entry.epci.code: entry.current for entry in entries}
    territory_map = france_map("epci", Epci.objects.only("code", "name"))
    for shape in territory_map.shapes:
        label = current.get(shape.code)
        if label is not None:
            shape.css_class = f"ft-label-{label.status}"
            shape.value_label = label.get_status_display()
            shape.url = reverse("labels:consortium", args=[label.consortium_id])
    return territory_map


@require_GET
def label_list(request):
    entries = labelled_consortia()
    return render(
        request,
        "web/labels/list.html",
        {
            "title": _("Écosystèmes labellisés French Tech"),
            "consortia": entries,
            "map": _labels_map(entries),
            "legend": [(status, LabelStatus(status).label) for status in STATUS_LEGEND],
        },
    )


@require_GET
def consortium(request, pk):
    consortium = get_object_or_404(Organisation, pk=pk)
    entries = labelled_consortia(labels_with_history().filter(consortium=consortium))
    if not entries:
        raise Http404("no label for this consortium")
    entry = entries[0]
    current = entry.current
    can_report = perms.can_view_reports(request.user, current)
    reports = list(current.yearly_reports.order_by("-year")) if can_report else []
    return render(
        request,
        "web/labels/consortium.html",
        {
            "title": str(consortium),
            "entry": entry,
            "label": current,
            "can_report": can_report,
            "can_open_report": can_report and perms.can_open_report(request.user, current),
            "can_manage": perms.can_manage_labels(request.user),
            "reports": reports,
            "report_year": timezone.localdate().year,
        },
    )


@require_GET
def label_detail(request, pk):
    label = get_object_or_404(Label, pk=pk)
    return redirect(reverse("labels:consortium", args=[label.consortium_id]) + f"#label-{pk}")


EXPORT_FIELDS = [
    "epci_code",
    "epci_name",
    "consortium",
    "status",
    "granted_at",
    "confirmed_at",
    "ends_at",
    "ended_at",
    "history",
]


def _export_rows():
    for label in labels_with_history().order_by("epci__name", "granted_at", "id"):
        yield {
            "epci_code": label.epci.code,
            "epci_name": label.epci.name,
            "consortium": label.consortium.name,
            "status": label.status,
            "granted_at": label.granted_at.isoformat(),
            "confirmed_at": label.confirmed_at.isoformat() if label.confirmed_at else None,
            "ends_at": label.ends_at.isoformat(),
            "ended_at": label.ended_at.isoformat() if label.ended_at else None,
            "history": history_rows(label),
        }


@require_GET
def export(request, file_format):
    if file_format not in ("csv", "json"):
        raise Http404("unknown format")
    rows = list(_export_rows())
    if file_format == "json":
        body = json.dumps({"labels": rows}, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        for row in rows:
            # One cell for the history: "date event: reason" entries separated by " | ".
            row["history"] = " | ".join(
                f"{h['date']} {h['event']}"
                + (f": {h['public_reason']}" if h["public_reason"] else "")
                for h in row["history"]
            )
        body = csv_text(EXPORT_FIELDS, ([row[field] for field in EXPORT_FIELDS] for row in rows))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="labels-french-tech.{file_format}"'
    return response


@require_GET
def effect(request):
    snapshot = published.latest()
    context = {"title": _("Labellisés et non labellisés : avant, après"), "snapshot": snapshot}
    if snapshot is None:
        return render(request, "web/labels/effect.html", {**context, "comparisons": []})
    kinds = dict(
        Epci.objects.filter(kind__in=label_effect.COMPARED_KINDS).values_list("code", "kind")
    )
    grant_years = {}
    for code, granted_at in Label.objects.order_by("granted_at").values_list(
        "epci_id", "granted_at"
    ):
        grant_years.setdefault(code, granted_at.year)
    # A time series over every year, the stock's partial one included.
    records = published.indicator_rows(level="epci", indicator=label_effect.INDICATOR)
    rows = [(r["territory_code"], r["year"], r["value"]) for r in records]
    years = sorted({year for _code, year, _value in rows})
    return render(
        request,
        "web/labels/effect.html",
        {
            **context,
            "comparisons": label_effect.compare(rows, kinds, grant_years),
            "kind_labels": dict(Epci._meta.get_field("kind").choices),
            "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None,
            "indicator": CATALOGUE[label_effect.INDICATOR],
        },
    )
