"""The personal link in a participant's notices to confirm or decline, with no account.

The token is signed with SECRET_KEY and carries the participant's id and when the link expires:
making or reading one needs no query, so the notice sender can make thousands. The link is the
credential; anyone holding it may answer for that participant until it expires.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "workshops.answer"


class AnswerLinkInvalid(Exception):
    """The token was not made by the portal: altered, cut short, or garbage."""


class AnswerLinkExpired(Exception):
    """A genuine token whose expiry has passed; ``participant_id`` says whose it was."""

    def __init__(self, participant_id: int):
        super().__init__(participant_id)
        self.participant_id = participant_id


def answer_token(participant, *, expires: dt.datetime | None = None) -> str:
    """ "<participant id>.<expiry>:<signature>", the expiry (aware) in base 62 seconds.

    By default the link lasts NOTICE_ANSWER_LINK_DAYS days.
    """
    if expires is None:
        expires = timezone.now() + dt.timedelta(days=settings.NOTICE_ANSWER_LINK_DAYS)
    expiry = signing.b62_encode(int(expires.timestamp()))
    return signing.Signer(salt=SALT).sign(f"{participant.pk}.{expiry}")


def answer_url(participant, *, expires: dt.datetime | None = None) -> str:
    """The answer link as the participant reaches it: PORTAL_URL and the answer page's path."""
    token = answer_token(participant, expires=expires)
    return settings.PORTAL_URL + reverse("workshops:answer", args=[token])


def read_answer_token(token: str) -> int:
    """The id of the participant ``token`` was made for.

    Raises AnswerLinkInvalid for a token the portal did not sign, AnswerLinkExpired for one it
    signed whose expiry has passed.
    """
    try:
        participant_id, expiry = signing.Signer(salt=SALT).unsign(token).split(".")
        participant_id, expires_at = int(participant_id), signing.b62_decode(expiry)
    except (signing.BadSignature, ValueError):
        raise AnswerLinkInvalid from None
    if expires_at <= timezone.now().timestamp():
        raise AnswerLinkExpired(participant_id)
    return participant_id
