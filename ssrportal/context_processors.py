from django.conf import settings

from .roles import roles_of


def portal(request):
    """``roles``: the user's role names; ``ui_languages``: the languages the switcher offers."""
    return {"roles": roles_of(request.user), "ui_languages": settings.UI_LANGUAGES}
