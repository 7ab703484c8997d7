"""limit/offset pagination with a maximum page size; one COUNT and one page query."""

from ninja import Query

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def limit_parameter():
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")


def offset_parameter():
    return Query(0, ge=0, description="How many rows to skip.")


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
