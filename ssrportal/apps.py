from django.apps import AppConfig


class SsrportalConfig(AppConfig):
    name = "ssrportal"
    verbose_name = "SSR Coordination Portal"
