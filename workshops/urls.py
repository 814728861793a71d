"""URLs of the secretariat workspace: events at /workshops/, mandates at /mandates/.

Each area keeps its lines under its comment; every URL has a row in tests/access_matrix.py.
"""

from django.urls import path  # noqa: F401

app_name = "workshops"

urlpatterns = [
    # Events: list, page, form, duplicate, history, export
    # Calendar and iCalendar
    # Participants
    # Documents
]

mandate_patterns = (
    [
        # Mandates
    ],
    "mandates",
)
