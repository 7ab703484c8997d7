"""Labels granted to ecosystems, their public history, yearly reports and audits."""

from frenchtech.labels.models.labels import Label, LabelEvent
from frenchtech.labels.models.reports import LabelAudit, Milestone, ReportFigure, YearlyReport

__all__ = ["Label", "LabelAudit", "LabelEvent", "Milestone", "ReportFigure", "YearlyReport"]
