"""Who may do what with the directory outside the admin (organisations, people, accounts)."""

from ssrportal.access import requires
from ssrportal.roles import ADMIN, FOCAL_POINT, SECRETARIAT, roles_of


def can_read_directory(user) -> bool:
    """Every role reads the directory's pages: secretariat, focal points, admins."""
    return bool(roles_of(user) & {SECRETARIAT, FOCAL_POINT, ADMIN})


def can_edit_directory(user) -> bool:
    """The secretariat (and admins) add missing organisations and create focal points'
    accounts from the portal; admins manage everything else in the admin."""
    return bool(roles_of(user) & {SECRETARIAT, ADMIN})


ReaderRequired = requires(can_read_directory)
EditorRequired = requires(can_edit_directory)
