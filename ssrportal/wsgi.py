"""WSGI entry point for gunicorn: ``gunicorn ssrportal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")
application = get_wsgi_application()
