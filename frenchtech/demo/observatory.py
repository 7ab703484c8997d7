"""The demo's observatory: a synthetic registry, generated once, run and published.

The registry carries a planted effect (demo/planted.py), so that the demo's evaluation
pages have a known truth to find. The registry's sidecar files and Parquet metadata say
so, as every page says the figures are synthetic.
"""

from pathlib import Path

from django.conf import settings

from frenchtech.demo.planted import DEMO_PLANTED
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.published import store

DEMO_COMPANIES = 1_000_000
DEMO_SEED = 2013


def load() -> list[str]:
    snapshots = store()
    if snapshots.latest() is not None:
        snapshot = snapshots.latest()
        return [f"Observatory: snapshot {snapshot.id} already published (synthetic demo registry)."]
    directory = Path(settings.VAR_DIR) / "demo-registry"
    registry = generate_registry(
        directory,
        companies=DEMO_COMPANIES,
        seed=DEMO_SEED,
        file_format="parquet",
        reference_directory=settings.TERRITORY_REFERENCE_DIR,
        planted=DEMO_PLANTED,
    )
    result = run_engine(
        registry.paths(),
        reference_directory=settings.TERRITORY_REFERENCE_DIR,
        work_directory=snapshots.work_directory(),
    )
    snapshot = snapshots.publish(result)
    return [
        f"Observatory: published snapshot {snapshot.id} from a SYNTHETIC registry of "
        f"{DEMO_COMPANIES:,} companies ({result.indicators.num_rows:,} values), with a "
        f"planted effect for the evaluation: {DEMO_PLANTED.describe()}."
    ]
