from django.urls import path

from frenchtech.web.observatory import views

app_name = "observatory"
urlpatterns = [
    path("", views.ranking_view, name="ranking"),
    path("classement.<str:file_format>", views.ranking_download, name="ranking_download"),
    path("carte.svg", views.ranking_map, name="ranking_map"),
    path("methode/", views.methodology_view, name="methodology"),
    path("<str:level>/<str:code>/", views.profile_view, name="profile"),
]
