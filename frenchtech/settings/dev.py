"""Settings for `make run`: debug on unless told otherwise, demo banner on."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("FRENCHTECH_DEMO", "1")

from frenchtech.settings.base import *  # noqa: F403
