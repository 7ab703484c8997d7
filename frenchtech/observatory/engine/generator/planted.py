"""A known effect planted in a synthetic registry, to check the programme evaluation.

`PlantedEffect` raises the digital company creations of given EPCI by a chosen share from
their label year on (one year earlier with `anticipation`), per wave if the share is given
by label year. A share of 0 changes nothing. It works on each generated chunk: in a treated
(EPCI, year) cell with D digital creations, round(share × D) companies of other activities
created there that year become digital (company and siège establishment, NAF rév. 2), so
the cell's expected count is (1 + share) times what it would have been; other cells and
other rows are untouched.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frenchtech.observatory.engine.generator import naf

_DIGITAL = frozenset(code.replace(".", "") for code in naf.DIGITAL_CODES)
PLANTED_CODE = "62.01Z"  # computer programming: the commonest digital activity


@dataclass(frozen=True)
class PlantedEffect:
    """EPCI code → label year, and the share added to their digital creations."""

    label_years: Mapping[str, int]
    share: float | Mapping[int, float] = 0.15  # or label year → share (effects by wave)
    anticipation: bool = False  # the effect starts one year before the label

    def share_for(self, label_year: int) -> float:
        if isinstance(self.share, Mapping):
            return float(self.share.get(label_year, 0.0))
        return float(self.share)

    def describe(self) -> str:
        """One line for the registry's sidecar and metadata (it says what was planted)."""
        shares = (
            ", ".join(f"{year}: {share:+.0%}" for year, share in sorted(self.share.items()))
            if isinstance(self.share, Mapping)
            else f"{self.share:+.0%}"
        )
        labelled = ", ".join(f"{code}:{year}" for code, year in sorted(self.label_years.items()))
        early = "; from one year before the label" if self.anticipation else ""
        return f"digital creations {shares} from the label year{early} for EPCI {labelled}"


def epci_of_codes(reference) -> dict[str, str]:
    """Commune code (any kind) → EPCI code, from the territory reference."""
    rows = reference.communes()
    epci = {row["code"]: row["epci_code"] for row in rows if row["kind"] == "commune"}
    for row in rows:
        if row["kind"] != "commune" and row["parent_code"] in epci:
            epci.setdefault(row["code"], epci[row["parent_code"]])
    return {code: value for code, value in epci.items() if value}


def plant(
    companies: pa.Table,
    establishments: pa.Table,
    plan: PlantedEffect,
    epci_of: Mapping[str, str],
    rng: np.random.Generator,
) -> tuple[pa.Table, pa.Table]:
    """The chunk's tables with the planted effect (see the module's docstring)."""
    siege = np.asarray(establishments["etablissementSiege"].to_numpy(zero_copy_only=False))
    siege_rows = np.flatnonzero(siege)  # establishments are grouped by company, in order
    communes = establishments["codeCommuneEtablissement"].to_pylist()
    company_epci = np.array([epci_of.get(communes[row] or "", "") for row in siege_rows])
    created = companies["dateCreationUniteLegale"]
    if pa.types.is_date(created.type):
        years = pc.year(created).to_numpy(zero_copy_only=False)
    else:  # a CSV chunk with malformed dates carries them as text
        years = np.array([int(d[:4]) if d and d[:4].isdigit() else -1 for d in created.to_pylist()])
    years = np.nan_to_num(np.asarray(years, dtype=float), nan=-1).astype(int)
    codes = companies["activitePrincipaleUniteLegale"].to_pylist()
    nomenclatures = companies["nomenclatureActivitePrincipaleUniteLegale"].to_pylist()
    revision_2 = np.array([n == "NAFRev2" for n in nomenclatures])
    known = np.array([c is not None for c in codes])
    digital = revision_2 & np.array([(c or "").replace(".", "") in _DIGITAL for c in codes])
    flipped = np.zeros(len(codes), dtype=bool)
    for epci, label_year in plan.label_years.items():
        share = plan.share_for(label_year)
        if share <= 0:
            continue
        start = label_year - 1 if plan.anticipation else label_year
        in_epci = company_epci == epci
        for year in np.unique(years[in_epci & (years >= start)]):
            cell = in_epci & (years == year)
            candidates = np.flatnonzero(cell & revision_2 & known & ~digital)
            wanted = share * int((cell & digital).sum())
            count = min(int(wanted) + int(rng.random() < wanted % 1), len(candidates))
            if count:
                flipped[rng.choice(candidates, size=count, replace=False)] = True
    if not flipped.any():
        return companies, establishments
    companies = _set(companies, "activitePrincipaleUniteLegale", flipped, PLANTED_CODE)
    rows = np.zeros(establishments.num_rows, dtype=bool)
    rows[siege_rows[flipped]] = True
    establishments = _set(establishments, "activitePrincipaleEtablissement", rows, PLANTED_CODE)
    establishments = _set(
        establishments, "nomenclatureActivitePrincipaleEtablissement", rows, "NAFRev2"
    )
    return companies, establishments


def _set(table: pa.Table, column: str, mask: np.ndarray, value: str) -> pa.Table:
    replaced = pc.if_else(pa.array(mask), pa.scalar(value), table[column].combine_chunks())
    return table.set_column(table.schema.get_field_index(column), column, replaced)
