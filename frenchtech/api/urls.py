"""Mounted by the project's urls as `path("api/", include("frenchtech.api.urls"))`: the API's
index (at `/api/` and `/api/v1/`), its token page, and the versioned JSON API under `v1/`."""

from django.urls import include, path

from frenchtech.api import pages
from frenchtech.api.api import api

# NinjaAPI names its urls "api:…" (its urls_namespace), so the include must be named "api".
app_name = "api"
urlpatterns = [
    path("", pages.index, name="home"),
    path("jetons/", pages.token_page, name="tokens"),
    path("v1/", pages.index, name="index"),
    path("v1/", include(api.urls[0])),
]
