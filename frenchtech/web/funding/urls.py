from django.urls import path, re_path

from frenchtech.core import converters
from frenchtech.web.funding import envelopes, files, promotion, public, reports

converters.register()  # <id:…>: integer ids bounded to 2^31 - 1 (core/converters.py)

app_name = "funding"
urlpatterns = [
    path("", public.summary, name="summary"),
    path("dossiers/", files.file_list, name="files"),
    path("dossiers/nouveau/", files.file_new, name="file_new"),
    path("dossiers/<id:pk>/", files.file_detail, name="file"),
    path("dossiers/<id:pk>/etape/<str:transition>/", files.file_transition, name="file_transition"),
    path("dossiers/<id:pk>/audit/<id:item_pk>/", files.file_check_item, name="file_check_item"),
    path(
        "dossiers/<id:pk>/audit/<id:item_pk>/piece/",
        files.file_item_document,
        name="file_item_document",
    ),
    path("dossiers/<id:pk>/co-investisseurs/", files.file_co_investor, name="file_co_investor"),
    path("dossiers/<id:pk>/decision/", files.file_decision, name="file_decision"),
    path("dossiers/<id:pk>/engagement/", files.file_commit, name="file_commit"),
    path("dossiers/<id:pk>/tranches/", files.file_tranche, name="file_tranche"),
    path(
        "dossiers/<id:pk>/tranches/<id:tranche_pk>/jalon/",
        files.tranche_milestone,
        name="tranche_milestone",
    ),
    path(
        "dossiers/<id:pk>/tranches/<id:tranche_pk>/versement/",
        files.tranche_disburse,
        name="tranche_disburse",
    ),
    path("dossiers/<id:pk>/suivi/", files.file_report, name="file_report"),
    path("dossiers/<id:pk>/sortie/", files.file_exit, name="file_exit"),
    path("enveloppes/", envelopes.envelope_list, name="envelopes"),
    path("enveloppes/<id:pk>/", envelopes.envelope_detail, name="envelope"),
    path("accelerateurs/", envelopes.accelerator_list, name="accelerators"),
    path("tableau-de-bord/", reports.dashboard, name="dashboard"),
    re_path(r"^tableau-de-bord/export\.(?P<fmt>csv|xlsx)$", reports.export, name="export"),
    path("simulateur/", reports.simulator_page, name="simulator"),
    path("promotion/", promotion.action_list, name="promotion"),
    path("promotion/nouvelle/", promotion.action_new, name="promotion_new"),
    path("promotion/<id:pk>/", promotion.action_detail, name="promotion_action"),
    path("promotion/<id:pk>/engagement/", promotion.action_commit, name="promotion_commit"),
    path("promotion/<id:pk>/candidatures/", promotion.action_candidate, name="promotion_candidate"),
    path("promotion/<id:pk>/selection/", promotion.action_select, name="promotion_select"),
    path("promotion/<id:pk>/depenses/", promotion.action_cost, name="promotion_cost"),
    path("promotion/<id:pk>/resultats/", promotion.action_outcomes, name="promotion_outcomes"),
    path("promotion/<id:pk>/annulation/", promotion.action_cancel, name="promotion_cancel"),
]
