"""Calendar arithmetic of the label's periods (one year, then three)."""

import datetime as dt

from django.utils import timezone


def as_date(value=None) -> dt.date:
    """A decision's moment as a local date; None means today."""
    if value is None:
        return timezone.localdate()
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)
