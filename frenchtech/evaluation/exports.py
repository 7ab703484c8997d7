"""An evaluation as open data: the JSON document (API, command line) and CSV rows.

Every document names the snapshot, whether its registry was synthetic, the definitions'
and the method's versions, and the pool. CSV text cells that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) get a leading apostrophe;
numbers are written as numbers.
"""

from frenchtech.core import exports as spreadsheet
from frenchtech.evaluation.engine import METHOD_VERSION, report
from frenchtech.evaluation.pools import POOLS
from frenchtech.evaluation.results import Outcome
from frenchtech.observatory.catalogue import CATALOGUE

CONTEXT_FIELDS = (
    "indicator",
    "snapshot",
    "synthetic",
    "definitions_version",
    "method_version",
    "pool",
    "scale",
    "effect_unit",
)
CSV_FIELDS = (*CONTEXT_FIELDS, *report.ROW_FIELDS, "unit_name", "donor_name")


def document(outcome: Outcome) -> dict:
    """The JSON document of one outcome (an evaluation or the reason there is none)."""
    info = CATALOGUE[outcome.indicator]
    pool = POOLS[outcome.pool]
    snapshot = outcome.snapshot
    result = {
        "indicator": info.name,
        "label": str(info.label),
        "unit": str(info.unit),
        "pool": {
            "name": pool.name,
            "label": str(pool.label),
            "description": str(pool.description),
            "kinds": [str(kind) for kind in pool.kinds],
            "population_floor": pool.floor,
        },
        "snapshot": None
        if snapshot is None
        else {
            "id": snapshot.id,
            "stock_date": snapshot.stock_date,
            "synthetic": snapshot.synthetic,
            "definitions_version": snapshot.manifest.get("definitions_version"),
        },
        "synthetic": bool(snapshot and snapshot.synthetic),
        "method_version": METHOD_VERSION,
        "error": {"code": outcome.error_code, "detail": outcome.error}
        if outcome.error_code
        else None,
        "labelled": [
            {
                "epci": code,
                "name": outcome.name(code),
                "group": entry.group,
                "first_granted": entry.first_granted.isoformat(),
                "labels": entry.labels,
                "withdrawn": entry.withdrawn,
                "renewed": entry.renewed,
            }
            for code, entry in sorted(outcome.history.items())
        ],
        "labelled_after_panel": outcome.labelled_after,
        "labelled_outside_pool": outcome.outside_pool,
        "evaluation": None,
    }
    if outcome.evaluation is not None:
        evaluation = report.to_dict(outcome.evaluation)
        for group in evaluation["groups"]:
            group["names"] = [outcome.name(code) for code in group["units"]]
        for control in evaluation["synthetic_controls"]:
            control["name"] = outcome.name(control["unit"])
            for donor in control["donors"]:
                donor["name"] = outcome.name(donor["unit"])
        result["evaluation"] = evaluation
    return result


def csv_text(outcome: Outcome) -> str:
    """The CSV of one outcome: one row per published figure (none when there is none)."""
    snapshot = outcome.snapshot
    context = {
        "indicator": outcome.indicator,
        "snapshot": snapshot.id if snapshot else "",
        "synthetic": bool(snapshot and snapshot.synthetic),
        "definitions_version": snapshot.manifest.get("definitions_version") if snapshot else "",
        "method_version": METHOD_VERSION,
        "pool": outcome.pool,
        "scale": "",
        "effect_unit": "",
    }
    rows = []
    if outcome.evaluation is not None:
        evaluation = outcome.evaluation
        context["scale"] = evaluation.scale
        context["effect_unit"] = "percent" if evaluation.scale == "relative" else "indicator"
        for row in report.rows(evaluation):
            row = {**context, **row}
            row["unit_name"] = outcome.name(row["unit"]) if row["unit"] else None
            row["donor_name"] = outcome.name(row["donor"]) if row["donor"] else None
            rows.append([row.get(field) for field in CSV_FIELDS])
    return spreadsheet.csv_text(CSV_FIELDS, rows, lineterminator="\n")
