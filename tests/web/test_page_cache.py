"""Public pages cached per published snapshot, for anonymous visitors only."""

import gzip
import io
import os
import pickle
import re
import shutil

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.observatory.engine.snapshots import LATEST_POINTER, SnapshotStore
from frenchtech.observatory.versions import NOTHING_PUBLISHED, published_version
from frenchtech.territories.models import Epci
from frenchtech.web.page_cache import HEADER, PLACEHOLDER

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def store(settings, published_store, tmp_path):
    """A copy of the session's store, so that a test may publish into it."""
    directory = tmp_path / "store"
    shutil.copytree(published_store.directory, directory)
    settings.OBSERVATORY_DIR = directory
    return SnapshotStore(directory)


@pytest.fixture
def page_cache(settings, store):
    settings.FRENCHTECH_PAGE_CACHE = True
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def republish(store: SnapshotStore) -> str:
    """Publish a new snapshot the way the engine does: a new directory, then LATEST."""
    current = store.latest()
    new_id = current.id + "-next"
    shutil.copytree(current.path, store.snapshots_directory / new_id)
    staged = store.directory / "LATEST.staged"
    staged.write_text(new_id, encoding="utf-8")
    os.replace(staged, store.directory / LATEST_POINTER)
    return new_id


def lyon_profile() -> str:
    lyon = Epci.objects.get(source_type="MET69")
    return reverse("observatory:profile", args=["epci", lyon.code])


def test_the_second_anonymous_visit_is_served_from_the_cache(page_cache):
    for url in (reverse("observatory:ranking"), lyon_profile(), reverse("web:home")):
        first = Client().get(url)
        second = Client().get(url)
        assert first[HEADER] == "miss"
        assert second[HEADER] == "hit"
        assert second.status_code == 200
        assert second["Content-Type"] == first["Content-Type"]
        # The same page but for each visitor's own CSRF token.
        assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())


def test_each_visitor_gets_their_own_working_csrf_token(page_cache):
    url = reverse("observatory:ranking")
    Client().get(url)
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    assert response[HEADER] == "hit"
    token = TOKEN.search(response.content.decode()).group(1)
    other = TOKEN.search(Client().get(url).content.decode()).group(1)
    assert token != other
    assert "Cookie" in response["Vary"]  # no shared cache keeps a page with a token
    # The token the cached page carries is accepted with this visitor's cookie.
    switched = visitor.post(
        reverse("set_language"), {"language": "en", "next": url}, HTTP_X_CSRFTOKEN=token
    )
    assert switched.status_code == 302
    # What is stored holds no token at all.
    (stored,) = [pickle.loads(value) for value in page_cache._cache.values()]  # noqa: S301
    assert PLACEHOLDER in stored[2]
    assert token.encode() not in stored[2]


def test_publishing_a_snapshot_makes_every_page_new(page_cache, store):
    url = reverse("observatory:ranking")
    Client().get(url)
    assert Client().get(url)[HEADER] == "hit"
    new_id = republish(store)
    assert published_version() == new_id
    after = Client().get(url)
    assert after[HEADER] == "miss"
    assert new_id in after.content.decode()
    assert Client().get(url)[HEADER] == "hit"


def test_nothing_published_is_a_version_too(settings, tmp_path):
    settings.OBSERVATORY_DIR = tmp_path
    assert published_version() == NOTHING_PUBLISHED


def test_languages_and_queries_are_pages_of_their_own(page_cache):
    url = reverse("observatory:ranking")
    Client().get(url)
    assert Client().get(url, {"level": "region"})[HEADER] == "miss"
    english = Client().get("/en" + url)
    assert english[HEADER] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_signed_in_people_never_get_or_leave_a_cached_page(page_cache, client_for):
    url = reverse("observatory:ranking")
    Client().get(url)
    member = client_for(Role.CONSORTIUM_LEAD)
    response = member.get(url)
    assert HEADER not in response
    assert reverse("accounts:logout") in response.content.decode()
    caches["pages"].clear()
    assert HEADER not in member.get(url)
    assert Client().get(url)[HEADER] == "miss"  # the member's visit stored nothing


def test_a_visitor_with_a_waiting_message_gets_the_page_rendered(page_cache):
    url = reverse("observatory:ranking")
    Client().get(url)
    storage = CookieStorage(RequestFactory().get(url))
    storage.add(constants.INFO, "Un message pour ce visiteur seulement.")
    carrier = HttpResponse()
    storage.update(carrier)
    visitor = Client()
    visitor.cookies["messages"] = carrier.cookies["messages"].value
    response = visitor.get(url)
    assert HEADER not in response
    assert "Un message pour ce visiteur seulement." in response.content.decode()
    # Shown once, to that visitor only; the next visitor still gets the cached page.
    assert Client().get(url)[HEADER] == "hit"


def test_turned_off_nothing_is_cached(page_cache, settings):
    settings.FRENCHTECH_PAGE_CACHE = False
    url = reverse("observatory:ranking")
    Client().get(url)
    assert HEADER not in Client().get(url)


def test_the_map_is_its_own_cached_image_and_the_page_is_small(page_cache):
    page = Client().get(reverse("observatory:ranking"))
    html = page.content.decode()
    assert len(page.content) < 100_000
    assert 'data-testid="ranking-map-image"' in html
    assert html.count("<path") < 10  # no inline map: 1.4 MB before
    map_url = re.search(r'<img src="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "v=" in map_url  # the snapshot's id: browsers may keep it
    image = Client().get(map_url, HTTP_ACCEPT_ENCODING="gzip")
    assert image["Content-Type"].startswith("image/svg+xml")
    assert image["Content-Encoding"] == "gzip"
    assert "max-age" in image["Cache-Control"]
    svg = gzip.decompress(image.content)
    assert svg.count(b"<path") == Epci.objects.count()
    plain = Client().get(map_url)
    assert plain[HEADER] == "hit"
    assert "Content-Encoding" not in plain
    assert plain.content == svg
    compressed = Client().get(map_url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed[HEADER] == "hit"
    assert compressed.content == image.content
    assert len(compressed.content) < len(svg) / 2


def test_warming_renders_the_most_visited_pages_ahead(page_cache):
    output = io.StringIO()
    call_command("warm_page_cache", epci=2, languages=["fr"], stdout=output)
    assert "pages rendered" in output.getvalue()
    biggest = Epci.objects.order_by("-population").first()
    for url in (
        reverse("web:home"),
        reverse("observatory:profile", args=["epci", biggest.code]),
        # The query's order does not matter.
        reverse("observatory:ranking") + "?level=region&indicator=funding_rounds",
    ):
        assert Client().get(url)[HEADER] == "hit", url
    page = Client().get(reverse("observatory:ranking")).content.decode()
    map_url = re.search(r'<img src="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert Client().get(map_url)[HEADER] == "hit"
