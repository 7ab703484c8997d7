from django.urls import path

from frenchtech.web.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:name>/", views.indicator, name="indicator"),
    path("<str:name>/export.csv", views.export_csv, name="export"),
]
