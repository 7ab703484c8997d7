from django.urls import path, re_path

from frenchtech.web.funding import files, promotion, public, reports

app_name = "funding"
urlpatterns = [
    path("", public.summary, name="summary"),
    path("dossiers/", files.file_list, name="files"),
    path("dossiers/nouveau/", files.file_new, name="file_new"),
    path("dossiers/<int:pk>/", files.file_detail, name="file"),
    path(
        "dossiers/<int:pk>/etape/<str:transition>/", files.file_transition, name="file_transition"
    ),
    path("dossiers/<int:pk>/audit/<int:item_pk>/", files.file_check_item, name="file_check_item"),
    path("dossiers/<int:pk>/co-investisseurs/", files.file_co_investor, name="file_co_investor"),
    path("dossiers/<int:pk>/decision/", files.file_decision, name="file_decision"),
    path("dossiers/<int:pk>/engagement/", files.file_commit, name="file_commit"),
    path("dossiers/<int:pk>/tranches/", files.file_tranche, name="file_tranche"),
    path(
        "dossiers/<int:pk>/tranches/<int:tranche_pk>/jalon/",
        files.tranche_milestone,
        name="tranche_milestone",
    ),
    path(
        "dossiers/<int:pk>/tranches/<int:tranche_pk>/versement/",
        files.tranche_disburse,
        name="tranche_disburse",
    ),
    path("tableau-de-bord/", reports.dashboard, name="dashboard"),
    re_path(r"^tableau-de-bord/export\.(?P<fmt>csv|xlsx)$", reports.export, name="export"),
    path("simulateur/", reports.simulator_page, name="simulator"),
    path("promotion/", promotion.action_list, name="promotion"),
    path("promotion/<int:pk>/", promotion.action_detail, name="promotion_action"),
]
