"""Shipped evaluation models for the French Tech programme (see docs/methodology/scoring.md)."""

from pathlib import Path

from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.model import Model, load_model

PRESETS_DIRECTORY = Path(__file__).parent / "presets"


def preset_names() -> list[str]:
    """Names of the shipped presets (file names without `.json`), sorted."""
    return sorted(path.stem for path in PRESETS_DIRECTORY.glob("*.json"))


def preset_path(name: str) -> Path:
    """Path of a shipped preset; `ModelError` listing the known names if it does not exist."""
    if name not in preset_names():
        raise ModelError(f"unknown preset {name!r} (known: {', '.join(preset_names())})")
    return PRESETS_DIRECTORY / f"{name}.json"


def load_preset(name: str) -> Model:
    """Parse and validate a shipped preset."""
    return load_model(preset_path(name))
