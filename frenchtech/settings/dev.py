"""Settings for `make run`: the embedded database, the demo notice on, a local secret.

Debug stays off (DJANGO_DEBUG=1 to turn it on) so that error pages are the real ones.
"""

import os

os.environ.setdefault("FRENCHTECH_ALLOW_DEV_SECRET", "1")
os.environ.setdefault("FRENCHTECH_DEMO", "1")

from frenchtech.settings.base import *  # noqa: F403
