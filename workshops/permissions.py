"""Who may do what with mandates, events, participants and documents."""

from ssrportal.access import requires
from ssrportal.roles import ADMIN, FOCAL_POINT, SECRETARIAT, roles_of


def can_read_workshops(user) -> bool:
    """Every role reads events and mandates: secretariat, focal points, admins."""
    return bool(roles_of(user) & {SECRETARIAT, FOCAL_POINT, ADMIN})


def can_edit_workshops(user) -> bool:
    """The secretariat (and admins) create and change events, mandates, participants, documents."""
    return bool(roles_of(user) & {SECRETARIAT, ADMIN})


ReaderRequired = requires(can_read_workshops)
EditorRequired = requires(can_edit_workshops)
