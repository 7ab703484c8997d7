from django.urls import path

from frenchtech.web.labels import mission, public, reports

app_name = "labels"
urlpatterns = [
    path("", public.label_list, name="list"),
    path("export.<str:file_format>", public.export, name="export"),
    path("effet/", public.effect, name="effect"),
    path("ecosystemes/<int:pk>/", public.consortium, name="consortium"),
    path("<int:pk>/", public.label_detail, name="detail"),
    path("<int:pk>/gestion/", mission.manage, name="manage"),
    path("<int:pk>/rapports/ouvrir/", reports.open_view, name="report_open"),
    path("rapports/<int:pk>/", reports.report_view, name="report"),
    path("rapports/<int:pk>/examen/", reports.review_view, name="report_review"),
]
