"""The dates a record of SSR coordination can have.

Anything outside is a typing slip (year 9999 or 0001) that would break the calendar files and
notices made from the record: forms refuse it and database constraints keep it out. Every app
shares the window (partners, the lowest, included): it lives here, with no models.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DATE_WINDOW_MESSAGE = _("Give a date between 1900 and 2100.")


def in_window(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def dates_in_window_q(*names: str) -> Q:
    """The condition of a CheckConstraint: each of the date fields ``names`` empty or in the
    window."""
    condition = Q()
    for name in names:
        condition &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (FIRST_DAY, LAST_DAY)})
    return condition


def check_dates_in_window(instance, *names: str) -> None:
    """A model's clean(): the window message next to each of the fields ``names`` whose date
    is outside (the admin's forms show it there; the constraint alone would name no field)."""
    errors = {
        name: DATE_WINDOW_MESSAGE
        for name in names
        if getattr(instance, name) is not None and not in_window(getattr(instance, name))
    }
    if errors:
        raise ValidationError(errors)
