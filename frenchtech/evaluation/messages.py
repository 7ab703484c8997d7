"""The engine's errors, said in the user's language (the engine says them in English)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def explain(code: str, details: dict, names: dict[str, str]) -> str:
    """One sentence for the engine's error `code`; EPCI are named, not numbered."""
    details = dict(details)
    if "unit" in details:
        details["unit"] = names.get(details["unit"], details["unit"])
    if code == "no_snapshot":
        return _(
            "Aucun jeu d'indicateurs de l'observatoire n'a encore été publié : l'évaluation "
            "n'est pas disponible."
        )
    if code == "unknown_indicator":
        return _("Cet indicateur n'existe pas.")
    if code == "too_few_groups":
        return (
            _(
                "Il faut au moins deux groupes d'EPCI (des labellisés et des EPCI de "
                "comparaison) ; le panel n'en compte que %(count)s."
            )
            % details
        )
    if code == "no_treated_group":
        return _(
            "Aucun EPCI labellisé dans les années du panel : il n'y a rien à évaluer. "
            "Un label attribué après la dernière année complète de l'instantané ne compte pas "
            "encore."
        )
    if code == "label_outside_panel":
        return (
            _(
                "%(unit)s a reçu son premier label en %(year)s, hors des années du panel "
                "(%(first)s–%(last)s) : il faut au moins une année observée avant le label."
            )
            % details
        )
    if code == "no_variation":
        return _("L'indicateur prend la même valeur partout : il n'y a rien à comparer.")
    if code == "missing_year":
        return (
            _(
                "L'instantané publié n'a aucune valeur pour l'année %(year)s (années %(first)s à "
                "%(last)s attendues) : le panel serait troué."
            )
            % details
        )
    if code == "too_few_years":
        return (
            ngettext(
                "L'indicateur n'est observé que sur %(count)s année : il en faut au moins deux. "
                "Les indicateurs de stock (entreprises actives, employeuses, de 50 salariés ou "
                "plus) ne sont mesurés qu'à la date du stock ; leur évolution demandera plusieurs "
                "instantanés successifs.",
                "L'indicateur n'est observé que sur %(count)s années : il en faut au moins deux.",
                details["count"],
            )
            % details
        )
    if code == "negative_values":
        return (
            _(
                "L'échelle relative demande des valeurs positives ou nulles ; %(unit)s vaut "
                "%(value)s en %(year)s."
            )
            % details
        )
    if code == "zero_base":
        return _(
            "Les EPCI labellisés n'ont aucune valeur une année à laquelle l'effet relatif les "
            "compare (l'année avant leur label) : l'effet en pourcentage n'est pas estimable."
        )
    return _(
        "Aucun EPCI de comparaison ne reste une fois les labellisés mis à part : l'effet "
        "n'est pas estimable."
    )
