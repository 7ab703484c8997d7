from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "frenchtech.committee"
    label = "committee"

    def ready(self):
        # The calls pages (dossier, files) must refuse a conflicted committee reader, but
        # calls may not import the committee: it offers hooks, which we fill here.
        from frenchtech.calls import perms as calls_perms
        from frenchtech.committee import perms

        barriers = getattr(calls_perms, "READ_BARRIERS", None)
        if barriers is not None and perms.bars_reading not in barriers:
            barriers.append(perms.bars_reading)
        list_barriers = getattr(calls_perms, "LIST_BARRIERS", None)
        if list_barriers is not None and perms.barred_application_ids not in list_barriers:
            list_barriers.append(perms.barred_application_ids)
