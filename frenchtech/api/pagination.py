"""limit/offset pagination with a maximum page size; one COUNT and one page query."""

from ninja import Path, Query

from frenchtech.core.converters import MAX_ID

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def limit_parameter():
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")


def offset_parameter():
    return Query(0, ge=0, le=MAX_ID, description="How many rows to skip.")


def id_parameter(description: str):
    """An integer id in the path: 1 to 2^31 - 1, else a 400 naming it (never a 500)."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def page(rows, limit: int, offset: int, **extra) -> dict:
    """`rows` is a queryset or a list; the page keeps its order."""
    count = rows.count() if hasattr(rows, "model") else len(rows)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        **extra,
        "results": list(rows[offset : offset + limit]),
    }
