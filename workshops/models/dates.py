"""The dates a record of SSR coordination can have.

Anything outside is a typing slip (year 9999 or 0001) that would break the calendar files and
notices made from the record: forms refuse it and database constraints keep it out.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DATE_WINDOW_MESSAGE = _("Give a date between 1900 and 2100.")


def in_window(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY
