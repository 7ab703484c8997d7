"""Where synthetic establishments are: communes drawn by population from the territory
reference, Paris/Lyon/Marseille refined to their arrondissements, a few old codes of
communes déléguées, foreign addresses and unknown codes (so diagnostics have something to
report)."""

from dataclasses import dataclass

import numpy as np

from frenchtech.observatory.engine.territories import FIXED_ARRONDISSEMENTS, TerritoryReference

# Weight of a commune ~ population^exponent: companies concentrate in cities more than
# people do, digital companies even more.
COMPANY_CONCENTRATION = 1.1
DIGITAL_CONCENTRATION = 1.45
SHARE_DELEGUEE_CODES = 0.003
SHARE_FOREIGN = 0.002
SHARE_UNKNOWN_CODES = 0.0003
UNKNOWN_CODES = ("98735", "97501", "99999")


@dataclass
class Places:
    """A vocabulary of codes (communes, arrondissements, déléguées, unknown codes) with
    their names and postal codes, and the sampling weights of current communes."""

    codes: np.ndarray  # str
    names: np.ndarray  # str
    postal_codes: np.ndarray  # str
    commune_indices: np.ndarray  # indices of current communes in `codes`
    company_weights: np.ndarray
    digital_weights: np.ndarray
    # For each current commune index: the indices (and cumulative weights) of its
    # arrondissements, for the three cities that have some.
    arrondissements: dict[int, tuple[np.ndarray, np.ndarray]]
    deleguee_indices: np.ndarray
    unknown_indices: np.ndarray

    def draw_communes(
        self, rng: np.random.Generator, count: int, digital: np.ndarray
    ) -> np.ndarray:
        """Indices into `codes` for `count` establishments (digital ones more urban)."""
        picks = np.empty(count, dtype=np.int64)
        for mask, weights in ((digital, self.digital_weights), (~digital, self.company_weights)):
            n = int(mask.sum())
            picks[mask] = self.commune_indices[
                np.searchsorted(weights, rng.random(n), side="right").clip(0, len(weights) - 1)
            ]
        return self.refine(rng, picks)

    def refine(self, rng: np.random.Generator, picks: np.ndarray) -> np.ndarray:
        """Arrondissements for the three cities, then a few déléguée and unknown codes."""
        for city, (indices, cumulative) in self.arrondissements.items():
            in_city = picks == city
            n = int(in_city.sum())
            if n:
                chosen = np.searchsorted(cumulative, rng.random(n), side="right")
                picks[in_city] = indices[chosen.clip(0, len(indices) - 1)]
        if len(self.deleguee_indices):
            old = rng.random(len(picks)) < SHARE_DELEGUEE_CODES
            picks[old] = self.deleguee_indices[
                rng.integers(0, len(self.deleguee_indices), old.sum())
            ]
        unknown = rng.random(len(picks)) < SHARE_UNKNOWN_CODES
        picks[unknown] = self.unknown_indices[
            rng.integers(0, len(self.unknown_indices), unknown.sum())
        ]
        return picks


def build_places(reference: TerritoryReference) -> Places:
    """The places vocabulary of a territory reference."""
    rows = reference.communes()
    codes, names, kinds, parents, populations = [], [], [], [], []
    for row in rows:
        codes.append(row["code"])
        names.append(row["name"] or "")
        kinds.append(row["kind"])
        parents.append(row["parent_code"])
        populations.append(row["population"] or 0)
    known = set(codes)
    # The fixed arrondissements the reference lacks still appear in the registry.
    for code, parent in FIXED_ARRONDISSEMENTS:
        if code not in known and parent in known:
            codes.append(code)
            names.append(f"{parent} arrondissement {code[-2:]}")
            kinds.append("arrondissement_municipal")
            parents.append(parent)
            populations.append(0)
    for code in UNKNOWN_CODES:
        codes.append(code)
        names.append("")
        kinds.append("unknown")
        parents.append(None)
        populations.append(0)
    codes_array = np.array(codes, dtype=object)
    kinds_array = np.array(kinds, dtype=object)
    population = np.array(populations, dtype=float)
    communes = np.flatnonzero(kinds_array == "commune")
    commune_population = np.maximum(population[communes], 1.0)
    index_of_commune = {codes[i]: int(i) for i in communes}
    arrondissements = {}
    for city in ("75056", "69123", "13055"):
        if city not in index_of_commune:
            continue
        members = np.array(
            [
                i
                for i, (k, p) in enumerate(zip(kinds, parents, strict=True))
                if k == "arrondissement_municipal" and p == city
            ]
        )
        if len(members):
            weights = np.maximum(population[members], population[members].mean() or 1.0)
            arrondissements[index_of_commune[city]] = (members, np.cumsum(weights / weights.sum()))
    own_code = set(codes_array[communes])
    deleguees = np.array(
        [
            i
            for i, k in enumerate(kinds)
            if k in ("commune_deleguee", "commune_associee") and codes[i] not in own_code
        ],
        dtype=np.int64,
    )
    return Places(
        codes=codes_array,
        names=np.array([name.upper() for name in names], dtype=object),
        postal_codes=np.array([_postal_code(code) for code in codes], dtype=object),
        commune_indices=communes,
        company_weights=_cumulative(commune_population**COMPANY_CONCENTRATION),
        digital_weights=_cumulative(commune_population**DIGITAL_CONCENTRATION),
        arrondissements=arrondissements,
        deleguee_indices=deleguees,
        unknown_indices=np.flatnonzero(kinds_array == "unknown"),
    )


def _cumulative(weights: np.ndarray) -> np.ndarray:
    return np.cumsum(weights / weights.sum())


def _postal_code(code: str) -> str:
    # Postal codes are not COG codes; this is only plausible: Paris 75115 -> 75015.
    if code.startswith(("751", "132", "6938")) and len(code) == 5:
        return code[:2] + "0" + code[3:]
    department = code[:2].replace("2A", "20").replace("2B", "20")
    return f"{department}{code[2:5] if code[:2] in ('97', '98') else '000'}"[:5]
