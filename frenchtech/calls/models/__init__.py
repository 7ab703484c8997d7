"""Calls for projects, applications and what happens to them until the committee."""

from frenchtech.calls.models.applications import Application, ApplicationVersion, Section
from frenchtech.calls.models.attachments import Attachment
from frenchtech.calls.models.calls import Call
from frenchtech.calls.models.reminders import DigestSent, ReminderSent
from frenchtech.calls.models.screening import (
    CoConstructionMessage,
    CoConstructionRound,
    CorrectionRequest,
    EligibilityCheck,
    SiteVisit,
)

__all__ = [
    "Application",
    "ApplicationVersion",
    "Attachment",
    "Call",
    "CoConstructionMessage",
    "CoConstructionRound",
    "CorrectionRequest",
    "DigestSent",
    "EligibilityCheck",
    "ReminderSent",
    "Section",
    "SiteVisit",
]
