"""Who may use each URL of the portal: the expected status for each role.

One dict per area; each row is  url name -> (method, path, {role: status}). Paths may use
{event}, {mandate}, {participant}, {document}, {uid} and {token}: tests/test_access.py builds
those records. Every URL the portal serves needs a row (test_every_url_has_a_row_in_the_matrix).
"""

ROLES = ["anonymous", "secretariat", "focal_point", "other_focal_point", "admin"]

SIGN_IN = 302  # a signed-out visitor is sent to the sign-in page


def everyone(status: int) -> dict:
    return dict.fromkeys(ROLES, status)


def readers(status: int = 200) -> dict:
    """Every role reads; signed-out visitors sign in first."""
    return {**everyone(status), "anonymous": SIGN_IN}


def editors(status: int = 200) -> dict:
    """The secretariat and admins; focal points are refused (403)."""
    return {
        "anonymous": SIGN_IN,
        "secretariat": status,
        "focal_point": 403,
        "other_focal_point": 403,
        "admin": status,
    }


PORTAL = {
    "home": ("get", "/", readers()),
    "healthz": ("get", "/healthz", everyone(200)),
}

ACCOUNTS = {
    "login": ("get", "/accounts/login/", everyone(200)),
    "logout": ("post", "/accounts/logout/", everyone(302)),
    "password_change": ("get", "/accounts/password_change/", readers()),
    "password_change_done": ("get", "/accounts/password_change/done/", readers()),
    "password_reset": ("get", "/accounts/password_reset/", everyone(200)),
    "password_reset_done": ("get", "/accounts/password_reset/done/", everyone(200)),
    "password_reset_confirm": ("get", "/accounts/reset/{uid}/{token}/", everyone(200)),
    "password_reset_complete": ("get", "/accounts/reset/done/", everyone(200)),
}

EVENTS = {}

CALENDAR = {}

PARTICIPANTS = {}

DOCUMENTS = {}

MANDATES = {}

MATRIX = {
    **PORTAL,
    **ACCOUNTS,
    **{f"workshops:{name}": row for name, row in EVENTS.items()},
    **{f"workshops:{name}": row for name, row in CALENDAR.items()},
    **{f"workshops:{name}": row for name, row in PARTICIPANTS.items()},
    **{f"workshops:{name}": row for name, row in DOCUMENTS.items()},
    **{f"mandates:{name}": row for name, row in MANDATES.items()},
}
