from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "frenchtech.committee"
    label = "committee"

    def ready(self):
        # The calls pages (dossier, files) must refuse a conflicted committee reader, but
        # calls may not import the committee: it offers hooks, which we fill here.
        from frenchtech.calls import perms as calls_perms
        from frenchtech.committee import perms

        if perms.bars_reading not in calls_perms.READ_BARRIERS:
            calls_perms.READ_BARRIERS.append(perms.bars_reading)
        if perms.barred_application_ids not in calls_perms.LIST_BARRIERS:
            calls_perms.LIST_BARRIERS.append(perms.barred_application_ids)
