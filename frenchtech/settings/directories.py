"""Where the platform keeps its files, read from the environment by one rule.

The settings and the `frenchtech` command line (which may run without Django) both call
these functions, so the pages, the pre-fill and `frenchtech observatory run` always use
the same snapshot store. This module imports no Django: the command line imports it.
"""

import os
from collections.abc import Mapping
from pathlib import Path

# The repository (or installed project) root: `var/` sits beside `frenchtech/`.
PROJECT_DIR = Path(__file__).resolve().parents[2]


def var_directory(environ: Mapping[str, str] = os.environ) -> Path:
    """`FRENCHTECH_VAR_DIR`, else `var/` beside the `frenchtech` package."""
    configured = environ.get("FRENCHTECH_VAR_DIR")
    return Path(configured) if configured else PROJECT_DIR / "var"


def observatory_directory(environ: Mapping[str, str] = os.environ) -> Path:
    """`FRENCHTECH_OBSERVATORY_DIR`, else `observatory/` under the var directory."""
    configured = environ.get("FRENCHTECH_OBSERVATORY_DIR")
    return Path(configured) if configured else var_directory(environ) / "observatory"
