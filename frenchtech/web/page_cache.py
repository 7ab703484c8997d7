"""Rendered public pages, cached per published observatory snapshot, for anonymous visitors.

A public page (home, territory and observatory pages, the observatory's map) is a
function of the published snapshot, the territory reference, the language and its URL.
`@cached_page` keeps its rendered bytes in the `pages` cache under that snapshot's id
(`observatory/versions.py`): publishing a new snapshot makes every key new, so nothing
stale is ever served and nothing needs to be told. Loading a new territory reference
clears the cache (`territories/reference.py`).

Only what is the same for every visitor is cached:

* only GET, only anonymous visitors, only when no message waits to be shown (a message
  belongs to one visitor), only a 200 that sets no cookie;
* every page holds the language switch, a form with a CSRF token: the token is
  personal, so it is replaced by a placeholder before storing and each visitor gets
  their own on a hit (`get_token`, which also sets their CSRF cookie). A page holding
  any other trace of a token is not stored.

`FRENCHTECH_PAGE_CACHE=0` turns it off; the response says `X-Page-Cache: hit` or `miss`.
`manage.py warm_page_cache` renders the most visited pages ahead of the visitors (after
publishing a snapshot).
"""

import gzip
import hashlib
import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from frenchtech.observatory.versions import published_version

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"__frenchtech_personal_token__"
HEADER = "X-Page-Cache"
# The view's own headers that are kept with the page.
KEPT_HEADERS = ("Cache-Control",)


def page_cache():
    return caches["pages"]


def _has_messages(request) -> bool:
    # len() reads the waiting messages without marking them shown.
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _may_use_cache(request) -> bool:
    return (
        settings.FRENCHTECH_PAGE_CACHE
        and request.method == "GET"
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def page_key(request) -> str:
    """The cache key of this request's page: snapshot, language and URL (the pages hold
    no absolute URL: the host and scheme do not change them); the query's order is not kept."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    identity = "|".join([published_version(), get_language() or "", request.path, urlencode(query)])
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def _storable(request, response) -> bytes | None:
    """The response's body with the CSRF token taken out, or None when it must not be kept."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or request.user.is_authenticated
        or _has_messages(request)
    ):
        return None
    body, replaced = CSRF_INPUT.subn(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    if body.count(b"csrfmiddlewaretoken") != replaced or b"csrf_token" in body:
        return None
    return body


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _respond(request, content_type, headers, body, compressed, state):
    if compressed is not None:
        headers = {**headers, "Vary": "Accept-Encoding"}
        if _accepts_gzip(request):
            body, headers = compressed, {**headers, "Content-Encoding": "gzip"}
    response = HttpResponse(body, content_type=content_type, headers=headers)
    response[HEADER] = state
    return response


def cached_page(view=None, *, compress=False):
    """Serve `view`'s page from the `pages` cache when it is the same for everyone.

    `compress`: also keep it gzip-compressed, served to clients that accept it (only for
    pages without a token, such as the map: no secret beside reflected input, no BREACH)."""
    if view is None:
        return lambda view: cached_page(view, compress=compress)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = page_cache().get(key)
        if stored is not None:
            content_type, headers, body, compressed = stored
            if PLACEHOLDER in body:
                body = body.replace(PLACEHOLDER, get_token(request).encode())
                # Personal now (its token): as a rendered page, it varies by cookie.
                headers = {**headers, "Vary": "Cookie"}
            return _respond(request, content_type, headers, body, compressed, "hit")
        response = view(request, *args, **kwargs)
        body = _storable(request, response)
        if body is None:
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        compressed = None
        if compress and PLACEHOLDER not in body:
            compressed = gzip.compress(body, compresslevel=6)
        content_type = response["Content-Type"]
        page_cache().set(key, (content_type, headers, body, compressed))
        if PLACEHOLDER in body:  # this visitor's own token stays in their page
            response[HEADER] = "miss"
            return response
        return _respond(request, content_type, headers, body, compressed, "miss")

    return wrapper
