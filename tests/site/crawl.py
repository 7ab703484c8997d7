"""Walk the site as each demo role would: from the entry pages, follow every same-site link
(GET only), one or two pages per URL shape, and hand back what was rendered.

Shared by the word scan (Django's test client) and the accessibility test (the list of
pages to open in Chromium)."""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

# One account per demo role (None: anonymous); staff sign in with their second factor.
DEMO_ROLES = {
    "anonymous": None,
    "mission_head": "mission.head@demo.frenchtech.invalid",
    "mission_officer": "mission.officer@demo.frenchtech.invalid",
    "partner": "cdc@demo.frenchtech.invalid",
    "committee": "committee@demo.frenchtech.invalid",
    "consortium_lead": "lyon.lead@demo.frenchtech.invalid",
    "consortium_editor": "lyon.editor@demo.frenchtech.invalid",
    "relabelling_lead": "bordeaux.lead@demo.frenchtech.invalid",
    "accelerator": "accelerator.ceo@demo.frenchtech.invalid",
}
ENTRY_PAGES = ["/", "/mon-espace/", "/mission/", "/appels/", "/comite/", "/labels/",
               "/financements/", "/observatoire/", "/evaluation/", "/territoires/"]  # fmt: skip
# Not pages: files, sign-out, language switch, the API, the admin of static files.
SKIPPED = re.compile(
    r"(deconnexion|/i18n/|/api/|/static/|/media/|\.(csv|parquet|pdf|json|xlsx|zip)$|"
    r"/telecharger|/export|/lettre|/pdf|/piece|/pieces-jointes/\d+/$|/fichiers/)"
)
PER_SHAPE = 2  # pages per URL shape (digits replaced): enough to see each template


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(href)
    return found


def shape(url: str) -> str:
    path = urlsplit(url).path
    return re.sub(r"\d+", "N", path) + ("?" if urlsplit(url).query else "")


def signed_in_client(email: str | None) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frenchtech.accounts.models import User

    client = Client()
    if email is None:
        return client
    user = User.objects.get(email=email)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def crawl(client: Client, *, language: str = "fr", limit: int = 120):
    """Yield (url, response) for every HTML page reached, in the given language."""
    prefix = "" if language == "fr" else f"/{language}"
    queue = [prefix + page for page in ENTRY_PAGES]
    seen, shapes = set(), Counter()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or SKIPPED.search(url) or shapes[shape(url)] >= PER_SHAPE:
            continue
        if language != "fr" and not url.startswith(prefix + "/"):
            continue
        if language == "fr" and re.match(r"^/[a-z]{2}/", url):
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        yield url, response
        queue.extend(link for link in links_of(html) if link not in seen)
