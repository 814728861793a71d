"""The dates a record of SSR coordination can have: ssrportal.dates, where every app finds them."""

from ssrportal.dates import DATE_WINDOW_MESSAGE, FIRST_DAY, LAST_DAY, in_window

__all__ = ["DATE_WINDOW_MESSAGE", "FIRST_DAY", "LAST_DAY", "in_window"]
