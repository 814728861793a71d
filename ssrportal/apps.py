from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsrportalConfig(AppConfig):
    name = "ssrportal"
    verbose_name = _("SSR Coordination Portal")

    def ready(self):
        # Connect the signals that forget changed roles and start a session's idle clock; let
        # an upload carry a long file name.
        from . import filenames, middleware, roles  # noqa: F401

        roles.connect_signals()
        filenames.allow_long_part_headers()
