"""The end of `load_demo`'s printout: every demo application's state read back from the
database, with the label the site shows (the state machine's, in the site's language), so
that what `make run` prints is what the pages say."""

from django.conf import settings
from django.utils import translation

from frenchtech.calls.models import Application
from frenchtech.core.workflow import machine_for


def application_states() -> list[str]:
    applications = (
        Application.objects.filter(consortium__is_demo=True)
        .select_related("consortium", "call")
        .order_by("call_id", "consortium__name")
    )
    with translation.override(settings.LANGUAGE_CODE):
        lines = ["Applications, as the site shows them:"]
        for application in applications:
            state = machine_for(application).state_label(application.state)
            lines.append(f"  {application.consortium.name} — « {application.call.title} »: {state}")
    return lines
