import re
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_cache_control


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
    RENEW_SECONDS, not on every page (SESSION_SAVE_EVERY_REQUEST would cost each page a write),
    and at least twice within a session's idle time, so that a short SESSION_IDLE_MINUTES (2,
    say) never signs out someone who keeps working.
    """

    RENEW_SECONDS = 300
    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response
        self.renew_every = min(self.RENEW_SECONDS, settings.SESSION_COOKIE_AGE // 2)

    def __call__(self, request):
        session = request.session
        if request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.renew_every:
                session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)


# Date parts the admin filters by (?created_at__year=2026): past these, no record has them.
# 9998, not 9999: the admin's date drill-down computes the year after the one asked.
ADMIN_DATE_PART = re.compile(r"__(year|month|day|week|week_day|iso_year|quarter|hour)$")
LARGEST_DATE_PART = 9998


class CleanQueryMiddleware:
    """What a query string can hold that no page can use, cleaned before any view sees it.

    - NUL bytes: PostgreSQL refuses them in a text value ("A string literal cannot contain NUL
      characters"), so ``?q=a%00b`` would be a 500 on every search. No one types one: they are
      dropped, from names and values alike. (Posted forms refuse them next to the field:
      Django's form fields validate against NUL characters.)
    - An admin date filter with a number no date has (``?created_at__year=9223372036854775808``)
      overflows the database's integer: the admin is sent to its own "incorrect lookup" page
      (``?e=1``), as for any other filter it cannot apply.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                values = [value.replace("\x00", "") for value in cleaned.getlist(key)]
                del cleaned[key]
                cleaned.setlist(key.replace("\x00", ""), values)
            cleaned._mutable = False
            request.GET = cleaned
        if request.path.startswith("/admin/") and self.overflows_a_date(request.GET):
            return HttpResponseRedirect(f"{request.path}?e=1")
        return self.get_response(request)

    @staticmethod
    def overflows_a_date(params) -> bool:
        for key, value in params.items():
            if ADMIN_DATE_PART.search(key):
                try:
                    if abs(int(value)) > LARGEST_DATE_PART:
                        return True
                except ValueError:
                    continue
        return False


class PrivatePagesMiddleware:
    """No page or export of the portal is kept by a shared cache or on a shared computer's
    disk: they name people, their answers and contacts, and drafts (``Cache-Control: private,
    no-store``), unless the view said otherwise. Static files, served by WhiteNoise before this
    middleware, keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
