"""Who hears about an application: the consortium's active members.

E-mails are sent after commit by `core.actions.send_mail_after_commit`.
"""


def consortium_addresses(application) -> list[str]:
    return list(
        application.consortium.memberships.filter(is_active=True).values_list(
            "user__email", flat=True
        )
    )
