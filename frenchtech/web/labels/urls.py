from django.urls import path

from frenchtech.core import converters
from frenchtech.web.labels import mission, public, reports

converters.register()  # <id:…>: integer ids bounded to 2^31 - 1 (core/converters.py)

app_name = "labels"
urlpatterns = [
    path("", public.label_list, name="list"),
    path("export.<str:file_format>", public.export, name="export"),
    path("effet/", public.effect, name="effect"),
    path("ecosystemes/<id:pk>/", public.consortium, name="consortium"),
    path("<id:pk>/", public.label_detail, name="detail"),
    path("<id:pk>/gestion/", mission.manage, name="manage"),
    path("<id:pk>/rapports/ouvrir/", reports.open_view, name="report_open"),
    path("rapports/<id:pk>/", reports.report_view, name="report"),
    path("rapports/<id:pk>/examen/", reports.review_view, name="report_review"),
]
