"""Which version of the published figures the pages show: the key of everything cached.

A snapshot is immutable once published (`engine/snapshots.py`), so its id names its
figures for good: whatever was rendered from snapshot A stays right for A, and
publishing B (the scheduled `frenchtech observatory run` replaces the LATEST pointer)
makes every reader ask for B's pages at once, without telling any server.
"""

from frenchtech.observatory import published

NOTHING_PUBLISHED = "none"


def published_version() -> str:
    """The published snapshot's id (one small file read), or "none" when nothing is
    published or the store is broken (pages then say so, and that page is cached too)."""
    snapshot = published.latest()
    return NOTHING_PUBLISHED if snapshot is None else snapshot.id
