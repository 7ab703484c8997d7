"""Absolute links for what leaves the site without a request (e-mails): the site's own
address comes from the `FRENCHTECH_SITE_URL` setting."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the site's public address."""
    return settings.FRENCHTECH_SITE_URL.rstrip("/") + path


def absolute_reverse(viewname: str, *args) -> str:
    """The absolute address of a named URL (`reverse` with positional arguments)."""
    return absolute_url(reverse(viewname, args=args))
