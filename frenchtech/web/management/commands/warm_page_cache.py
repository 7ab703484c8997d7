"""Render the most visited public pages into the page cache, ahead of the visitors.

Run after publishing a snapshot (every page's key is new then): the home page, the
observatory's methodology, its national ranking for every indicator and level (first
page, and its map) and the profiles of the most populous EPCI (all by default), in each
language. Rendered in this process as an anonymous visitor would get them, through the
same views and the same `pages` cache the server reads.
"""

import re
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse
from django.utils import translation

from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.observatory.published import RANKABLE_LEVELS
from frenchtech.territories.models import Epci

MAP_SOURCE = re.compile(r'<img src="([^"]*carte\.svg[^"]*)"')


class Command(BaseCommand):
    help = "Render the most visited public pages into the page cache (after publishing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--epci", type=int, default=None, help="only the N most populous EPCI's profiles"
        )
        parser.add_argument(
            "--languages", nargs="+", default=[code for code, _name in settings.LANGUAGES]
        )

    def handle(self, *args, epci, languages, **options):
        host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
        client = Client(HTTP_HOST=host.lstrip("."), secure=True)
        codes = Epci.objects.order_by("-population").values_list("code", flat=True)
        paths = []
        for language in languages:
            with translation.override(language):
                paths += [reverse("web:home"), reverse("observatory:methodology")]
                ranking = reverse("observatory:ranking")
                paths.append(ranking)
                for level in RANKABLE_LEVELS:
                    for indicator in CATALOGUE:
                        paths.append(f"{ranking}?indicator={indicator}&level={level}")
                paths += [
                    reverse("observatory:profile", args=["epci", code])
                    for code in (codes[:epci] if epci is not None else codes)
                ]
        started, rendered, count = time.perf_counter(), 0, 0
        for path in paths:
            responses = [client.get(path)]
            # The ranking's map, by the URL the page gives (it names the snapshot).
            found = MAP_SOURCE.search(responses[0].content.decode())
            if found:
                responses.append(client.get(found.group(1).replace("&amp;", "&")))
            count += len(responses)
            rendered += sum(r.get("X-Page-Cache") == "miss" for r in responses)
        self.stdout.write(
            f"Page cache: {rendered} pages rendered, {count - rendered} already there, "
            f"in {time.perf_counter() - started:.1f} s"
        )
