"""The consortium hears of the State's decision by e-mail, with links to its dossier and
the decision letter (sent after commit, never for a rolled-back decision)."""

from django.utils.translation import gettext as _

from frenchtech.calls.notifications import consortium_addresses
from frenchtech.core.actions import send_mail_after_commit
from frenchtech.core.links import absolute_reverse, absolute_url


def notify_state_decision(decision) -> None:
    application = decision.application
    body = _(
        "L'État a pris sa décision sur la candidature de %(name)s à l'appel « %(call)s » : "
        "%(outcome)s.\n\nMotifs :\n%(reasons)s\n\n"
        "Le dossier :\n%(application_link)s\n"
        "La lettre de décision (PDF) :\n%(letter_link)s"
    ) % {
        "name": application.consortium.name,
        "call": application.call.title,
        "outcome": decision.get_outcome_display(),
        "reasons": decision.reasons,
        "application_link": absolute_url(application.get_absolute_url()),
        "letter_link": absolute_reverse("committee:letter", decision.pk),
    }
    if decision.recommendations:
        body += "\n\n" + _("Recommandations :\n%(text)s") % {"text": decision.recommendations}
    send_mail_after_commit(
        _("Décision de l'État sur la candidature de %(name)s")
        % {"name": application.consortium.name},
        body,
        consortium_addresses(application),
    )
