"""Mounted by the project's urls as `path("api/v1/", include("frenchtech.api.urls"))`."""

from frenchtech.api.api import api

# NinjaAPI names its urls "api:…" (its urls_namespace), so the include must be named "api".
app_name = "api"
urlpatterns = list(api.urls[0])
