import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user reads the portal in their account's language.

    The language switcher's cookie wins over it (the user chose), and the browser's
    Accept-Language applies only to signed-out visitors. Placed after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language in settings.UI_LANGUAGES
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


@receiver(user_logged_in)
def start_idle_clock(sender, request, user, **kwargs):
    """A new session counts as renewed: its first pages need no write."""
    request.session[IdleSessionMiddleware.KEY] = int(time.time())


class IdleSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request; activity renews them.

    Renewing means saving the session, a database write: it is done at most once every
    RENEW_SECONDS, not on every page (SESSION_SAVE_EVERY_REQUEST would cost each page a write).
    """

    RENEW_SECONDS = 300
    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.RENEW_SECONDS:
                session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)
