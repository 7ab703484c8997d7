"""Error pages in the DSFR style (rendered without touching the database)."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "web/errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    return render(request, "web/errors/500.html", status=500)
