from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsrportalConfig(AppConfig):
    name = "ssrportal"
    verbose_name = _("SSR Coordination Portal")

    def ready(self):
        from . import roles  # noqa: F401  (connects the signal that forgets changed roles)
