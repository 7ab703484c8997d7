"""The CSV tables of the reference, derived from the decoupage-administratif JSON files."""

import csv
import io

# Source ``type`` -> our ``kind`` (slugs are part of the CSV contract).
COMMUNE_KINDS = {
    "commune-actuelle": "commune",
    "arrondissement-municipal": "arrondissement_municipal",
    "commune-deleguee": "commune_deleguee",
    "commune-associee": "commune_associee",
}
EPCI_KINDS = {
    "METRO": "metropole",
    "MET69": "metropole",
    "CU": "communaute_urbaine",
    "CA": "communaute_agglomeration",
    "CC": "communaute_communes",
}
HEADERS = {
    "regions": ["code", "name"],
    "departements": ["code", "name", "region_code"],
    "epci": ["code", "name", "kind", "source_type", "financing", "population"],
    "communes": [
        "code",
        "name",
        "kind",
        "parent_code",
        "departement_code",
        "region_code",
        "epci_code",
        "population",
        "siren",
    ],
}


def _text(value):
    return "" if value is None else str(value)


def regions(src):
    """Rows of regions.csv."""
    return sorted([r["code"], r["nom"]] for r in src["regions"])


def departements(src):
    """Rows of departements.csv."""
    return sorted([d["code"], d["nom"], d["region"]] for d in src["departements"])


def epci(src):
    """Rows of epci.csv; population is the DGCL's population municipale."""
    return sorted(
        [
            e["code"],
            e["nom"],
            EPCI_KINDS[e["type"]],
            e["type"],
            e["modeFinancement"],
            str(e["populationMunicipale"]),
        ]
        for e in src["epci"]
    )


def epci_of_commune(src):
    """Map a commune (actuelle) code to the SIREN of its EPCI."""
    owner = {}
    for e in src["epci"]:
        for member in e["membres"]:
            if member["code"] in owner:
                raise ValueError(f"commune {member['code']} is in two EPCI")
            owner[member["code"]] = e["code"]
    return owner


def parent_of(entry):
    """Commune (actuelle) an entry belongs to, or "" for a commune actuelle itself."""
    kind = COMMUNE_KINDS[entry["type"]]
    if kind == "commune":
        return ""
    if kind == "arrondissement_municipal":
        return entry["commune"]
    return entry["chefLieu"]


def communes(src):
    """Rows of communes.csv, keyed by (code, kind).

    A commune déléguée often bears the code of its commune nouvelle (the former
    chef-lieu), so ``code`` alone is not unique.
    """
    actuelles = {c["code"]: c for c in src["communes"] if c["type"] == "commune-actuelle"}
    owner = epci_of_commune(src)
    rows = []
    for c in src["communes"]:
        kind = COMMUNE_KINDS[c["type"]]
        parent = parent_of(c)
        # Other kinds inherit what they lack from the commune they belong to.
        ref = actuelles[parent] if parent else c
        rows.append(
            [
                c["code"],
                c["nom"],
                kind,
                parent,
                c.get("departement") or ref["departement"],
                c.get("region") or ref["region"],
                owner.get(parent or c["code"], ""),
                _text(c.get("population")) if kind == "commune" else "",
                _text(c.get("siren")) if kind == "commune" else "",
            ]
        )
    rows.sort(key=lambda r: (r[0], r[2]))
    keys = {(r[0], r[2]) for r in rows}
    if len(keys) != len(rows):
        raise ValueError("duplicate (code, kind) in communes.json")
    return rows


def to_csv(name, rows):
    """Serialise rows with the contract header, UTF-8 and \\n line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS[name])
    writer.writerows(rows)
    return out.getvalue()
