"""Django's caches from the environment: files by default, Redis by URL, nothing else."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from frenchtech.settings.base import caches_from_url


def test_by_default_both_caches_are_files_under_the_var_directory():
    caches = caches_from_url("", Path("/srv/var"))
    assert set(caches) == {"default", "pages"}
    for name, cache in caches.items():
        assert cache["BACKEND"].endswith("FileBasedCache")
        assert cache["LOCATION"] == f"/srv/var/cache/{name}"
    assert caches["default"]["TIMEOUT"] is None  # keys name their version: nothing expires


def test_a_redis_url_puts_both_in_redis_with_their_own_prefix():
    caches = caches_from_url("redis://cache.internal:6379/2", Path("/srv/var"))
    assert {cache["BACKEND"] for cache in caches.values()} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert {cache["LOCATION"] for cache in caches.values()} == {"redis://cache.internal:6379/2"}
    assert caches["default"]["KEY_PREFIX"] != caches["pages"]["KEY_PREFIX"]


def test_any_other_url_stops_with_one_line():
    with pytest.raises(ImproperlyConfigured, match="FRENCHTECH_CACHE_URL"):
        caches_from_url("memcached://localhost", Path("/srv/var"))
