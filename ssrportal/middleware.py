from django.conf import settings
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
