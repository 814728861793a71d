from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsrportalConfig(AppConfig):
    name = "ssrportal"
    verbose_name = _("SSR Coordination Portal")
