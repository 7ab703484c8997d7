"""The accelerator (and the consortium it works with, if any) hears of the fund's decision
on its file by e-mail, with a link to the file (sent after commit)."""

from django.utils.translation import gettext as _

from frenchtech.accounts.models import Membership
from frenchtech.core.actions import send_mail_after_commit
from frenchtech.core.links import absolute_reverse


def file_addresses(investment_file) -> list[str]:
    organisations = [investment_file.accelerator_id]
    if investment_file.consortium_id:
        organisations.append(investment_file.consortium_id)
    return list(
        Membership.objects.filter(organisation_id__in=organisations, is_active=True).values_list(
            "user__email", flat=True
        )
    )


def notify_file_decision(investment_file, outcome: str, detail: str = "") -> None:
    """`outcome`: a translated sentence (« investissement décidé », « dossier refusé »)."""
    body = _(
        "Décision du fonds sur le dossier « %(programme)s » de %(accelerator)s : %(outcome)s."
    ) % {
        "programme": investment_file.programme_name,
        "accelerator": investment_file.accelerator.name,
        "outcome": outcome,
    }
    if detail:
        body += "\n\n" + detail
    body += "\n\n" + _("Le dossier :\n%(link)s") % {
        "link": absolute_reverse("funding:file", investment_file.pk)
    }
    send_mail_after_commit(
        _("Décision sur le dossier de financement « %(programme)s »")
        % {"programme": investment_file.programme_name},
        body,
        file_addresses(investment_file),
    )
