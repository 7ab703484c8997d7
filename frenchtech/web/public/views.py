"""Public pages: home, territory search and territory pages."""

from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.territories.enums import CommuneKind, EpciKind, Level
from frenchtech.territories.maps import territory_map
from frenchtech.territories.models import Commune, Departement, Epci, Region, search_key
from frenchtech.territories.resolve import get_territory_or_404
from frenchtech.web.page_cache import cached_page

SEARCH_LIMIT = 20


@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@cached_page
def home(request):
    return render(request, "web/public/home.html", {"title": _("Accueil")})


@require_GET
def territory_search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = {}
    if query:
        key = search_key(query)
        by_name_or_code = Q(search_name__contains=key) | Q(code=query)
        results = {
            "regions": list(Region.objects.filter(by_name_or_code)[:SEARCH_LIMIT]),
            "departements": list(Departement.objects.filter(by_name_or_code)[:SEARCH_LIMIT]),
            "epcis": list(Epci.objects.filter(by_name_or_code)[:SEARCH_LIMIT]),
            "communes": list(
                Commune.objects.filter(by_name_or_code, kind=CommuneKind.COMMUNE)
                .select_related("departement")
                .order_by("-population")[:SEARCH_LIMIT]
            ),
        }
    metropoles = Epci.objects.filter(kind=EpciKind.METROPOLE).order_by("-population")
    return render(
        request,
        "web/public/territory_search.html",
        {
            "title": _("Territoires"),
            "query": query,
            "results": results,
            "has_results": any(results.values()),
            "metropoles": metropoles,
        },
    )


@require_GET
@cached_page
def territory_detail(request, level, code):
    territory = get_territory_or_404(level, code)
    context = {"title": str(territory), "territory": territory, "level": level}
    if level == Level.REGION:
        context["departements"] = territory.departements.annotate(
            commune_count=Count("communes", filter=Q(communes__kind=CommuneKind.COMMUNE))
        )
    elif level == Level.DEPARTEMENT:
        context["region"] = territory.region
        context["communes"] = territory.communes.filter(kind=CommuneKind.COMMUNE).select_related(
            "epci"
        )
    elif level == Level.EPCI:
        communes = list(
            territory.communes.filter(kind=CommuneKind.COMMUNE).select_related("departement")
        )
        context["communes"] = communes
        context["departements"] = sorted(
            {c.departement for c in communes if c.departement}, key=str
        )
    else:
        context["parts"] = territory.parts.order_by("code")
        context["epci"] = territory.epci
        context["departement"] = territory.departement
    context["map"] = territory_map(territory)
    return render(request, f"web/public/territory_{level}.html", context)
