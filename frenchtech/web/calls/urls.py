from django.urls import path

from frenchtech.core import converters
from frenchtech.web.calls import applications, calls, dashboard, screening

converters.register()  # <id:…>: integer ids bounded to 2^31 - 1 (core/converters.py)

app_name = "calls"
application = "candidatures/<id:pk>/"
urlpatterns = [
    path("", calls.call_list, name="list"),
    path("nouveau/", calls.call_create, name="call_create"),
    path("<id:pk>/", calls.call_detail, name="call"),
    path("<id:pk>/modifier/", calls.call_edit, name="call_edit"),
    path("<id:pk>/publier/", calls.call_change_state, {"change": "publish"}, name="call_publish"),
    path("<id:pk>/clore/", calls.call_change_state, {"change": "close"}, name="call_close"),
    path("<id:pk>/copier/", calls.call_change_state, {"change": "copy"}, name="call_copy"),
    path("<id:pk>/candidater/", calls.apply, name="apply"),
    path("mission/", dashboard.dashboard, name="dashboard"),
    path("mission/export.<str:fmt>", dashboard.export, name="export"),
    path(application, applications.application_detail, name="application"),
    path(application + "sections/<str:key>/", applications.section_edit, name="section"),
    path(
        application + "sections/<str:key>/pieces/",
        applications.attachment_upload,
        name="attachment_upload",
    ),
    path(
        application + "pieces/<id:attachment_pk>/",
        applications.attachment_download,
        name="attachment",
    ),
    path(
        application + "pieces/<id:attachment_pk>/supprimer/",
        applications.attachment_delete,
        name="attachment_delete",
    ),
    path(application + "co-redacteurs/", applications.invite_editor, name="invite"),
    path(
        application + "co-redacteurs/<id:membership_pk>/retirer/",
        applications.remove_editor,
        name="remove_editor",
    ),
    path(application + "deposer/", applications.submit, name="submit"),
    path(application + "retirer/", applications.withdraw, name="withdraw"),
    path(application + "messages/", applications.post_message, name="message"),
    path(application + "versions/<id:number>/", applications.version_detail, name="version"),
    path(
        application + "versions/<id:number>/accuse-reception.pdf",
        applications.receipt,
        name="receipt",
    ),
    path(application + "mission/<str:action>/", screening.screening_action, name="screening"),
]
