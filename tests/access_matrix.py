"""Who may use each URL of the portal: the expected status for each role.

One dict per area; each row is  url name -> (method, path, {role: status}). Paths may use
{event}, {mandate}, {participant}, {document}, {notice}, {uid}, {token}, {answer_token},
{organisation} and {person}:
tests/test_access.py builds those records. Every URL the portal serves needs a row
(test_every_url_has_a_row_in_the_matrix).
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
    # The e-mailed link redirects to a token-free address that shows the form.
    "password_reset_confirm": ("get", "/accounts/reset/{uid}/{token}/", everyone(302)),
    "password_reset_complete": ("get", "/accounts/reset/done/", everyone(200)),
}

EVENTS = {
    "list": ("get", "/workshops/", readers()),
    "export": ("get", "/workshops/export/?format=csv", readers()),
    "detail": ("get", "/workshops/{event}/", readers()),
    "history": ("get", "/workshops/{event}/history/", readers()),
    "create": ("get", "/workshops/new/", editors()),
    "edit": ("get", "/workshops/{event}/edit/", editors()),
    "duplicate": ("post", "/workshops/{event}/duplicate/", editors(302)),
    "event_search": ("get", "/workshops/search/?q=workshop", readers()),
    "person_search": ("get", "/workshops/people/search/?q=ali", editors()),
    "mandate_search": ("get", "/workshops/mandates/search/?q=mission", readers()),
    "time_zone_search": ("get", "/workshops/time-zones/search/?q=bamako", editors()),
}

CALENDAR = {
    "calendar": ("get", "/workshops/calendar/", readers()),
    "ics": ("get", "/workshops/{event}/event.ics", readers()),
    "feed_link": ("get", "/workshops/calendar/subscribe/", readers()),
    # The token is the credential (calendar apps send no cookie): a bad one is 404 for all.
    # tests/workshops/test_calendar.py uses valid and revoked tokens.
    "feed": ("get", "/workshops/feed/not-a-valid-token.ics", everyone(404)),
}

PARTICIPANTS = {
    "participants": ("get", "/workshops/{event}/participants/", editors()),
    # An empty form: the page again, with the errors next to the fields.
    "participant_add": ("post", "/workshops/{event}/participants/add/", editors(200)),
    # Nothing selected: back to the page with a message.
    "participants_bulk": ("post", "/workshops/{event}/participants/bulk/", editors(302)),
    "participants_import": ("get", "/workshops/{event}/participants/import/", editors()),
    "participants_export": ("get", "/workshops/{event}/participants/export/?format=csv", editors()),
    "attendance_sheet": ("get", "/workshops/{event}/participants/sheet/", editors()),
    "person_autocomplete": ("get", "/workshops/people/autocomplete/?q=Diop", editors()),
}

DOCUMENTS = {
    "document_upload": ("get", "/workshops/{event}/documents/upload/", editors()),
    # Focal points read events and their documents.
    "document_download": ("get", "/workshops/documents/{document}/", readers()),
}

# {event} is over (7 December 2020): invitations are refused; {notice} was sent.
NOTICES = {
    "notices": ("get", "/workshops/{event}/notices/", editors()),
    # The event is over: the page again with a message (400), nothing recorded.
    "notices_invite": ("post", "/workshops/{event}/notices/invite/", editors(400)),
    "notice_preview": (
        "get",
        "/workshops/{event}/notices/preview/?kind=thank_you&participant={participant}",
        editors(),
    ),
    "notice_preview_html": (
        "get",
        "/workshops/{event}/notices/preview.html?kind=thank_you&participant={participant}",
        editors(),
    ),
    # The preview's participant picker: this event's participants as JSON.
    "notice_participant_search": (
        "get",
        "/workshops/{event}/notices/participants/search/?q=ab",
        editors(),
    ),
    # Sent again: a new row, and back to the ledger.
    "notice_resend": ("post", "/workshops/notices/{notice}/resend/", editors(302)),
    "wordings": ("get", "/workshops/notices/wordings/", editors()),
    "wording_edit": ("get", "/workshops/notices/wordings/invitation/fr/", editors()),
}

# The participant's link to answer: the signed token is the credential, whoever opens it.
# tests/workshops/test_answer.py covers altered (400) and expired (410) tokens.
ANSWER = {
    "answer": ("get", "/workshops/answer/{answer_token}/", everyone(200)),
}

MANDATES = {
    "list": ("get", "/mandates/", readers()),
    "detail": ("get", "/mandates/{mandate}/", readers()),
    "create": ("get", "/mandates/new/", editors()),
    "edit": ("get", "/mandates/{mandate}/edit/", editors()),
}

# {lesson} is a draft of ECOWAS, the focal point's organisation: the other organisation's focal
# point and signed-out visitors may not know it exists (404, not 403). {public_lesson} is a
# validated public lesson, which anyone reads. tests/lessons/ covers the other stages.
OWNER_ONLY = {
    "anonymous": 404,
    "secretariat": 200,
    "focal_point": 200,
    "other_focal_point": 404,
    "admin": 200,
}

LESSONS = {
    "list": ("get", "/lessons/", everyone(200)),
    "export": ("get", "/lessons/export/?format=csv", everyone(200)),
    "detail": ("get", "/lessons/{lesson}/", OWNER_ONLY),
    "public_detail": ("get", "/lessons/{public_lesson}/", everyone(200)),
    "attachment": ("get", "/lessons/{lesson}/attachments/{attachment}/", OWNER_ONLY),
    "create": ("get", "/lessons/new/", readers()),
    # The secretariat reads the author's draft but never edits its text (403).
    "edit": (
        "get",
        "/lessons/{lesson}/edit/",
        {**OWNER_ONLY, "anonymous": SIGN_IN, "secretariat": 403},
    ),
    # No stage named: the page again with a message (400); the other focal point, 404.
    "move": (
        "post",
        "/lessons/{lesson}/move/",
        {**OWNER_ONLY, "anonymous": SIGN_IN}
        | dict.fromkeys(("secretariat", "focal_point", "admin"), 400),
    ),
    # An empty comment: the page again with the error next to the field.
    "comment": ("post", "/lessons/{lesson}/comment/", {**OWNER_ONLY, "anonymous": SIGN_IN}),
    "follow_up": ("get", "/lessons/follow-up/", editors()),
    "consider": ("get", "/lessons/consider/?event={event}", readers()),
}

# The directory's pages. {organisation} is ECOWAS; {person} is one of its people with an e-mail
# and no account (the secretariat's POST creates it and goes back to the page).
# tests/partners/ covers the refusals and the modal.
PARTNERS = {
    "organisation_list": ("get", "/partners/organisations/", readers()),
    "organisation_detail": ("get", "/partners/organisations/{organisation}/", readers()),
    "organisation_search": ("get", "/partners/organisations/search/?q=cedeao", readers()),
    "country_search": ("get", "/partners/countries/search/?q=mali", readers()),
    "organisation_add": ("get", "/partners/organisations/new/?name=Cedeao", editors()),
    "person_create_account": ("post", "/partners/people/{person}/account/", editors(302)),
}

MATRIX = {
    **PORTAL,
    **ACCOUNTS,
    **{f"workshops:{name}": row for name, row in EVENTS.items()},
    **{f"workshops:{name}": row for name, row in CALENDAR.items()},
    **{f"workshops:{name}": row for name, row in PARTICIPANTS.items()},
    **{f"workshops:{name}": row for name, row in DOCUMENTS.items()},
    **{f"workshops:{name}": row for name, row in NOTICES.items()},
    **{f"workshops:{name}": row for name, row in ANSWER.items()},
    **{f"mandates:{name}": row for name, row in MANDATES.items()},
    **{f"lessons:{name}": row for name, row in LESSONS.items() if name != "public_detail"},
    **{f"partners:{name}": row for name, row in PARTNERS.items()},
}
# Rows that test one URL again with another record.
EXTRA_ROWS = {"lessons:public_detail": LESSONS["public_detail"]}
