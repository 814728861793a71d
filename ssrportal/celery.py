"""The Celery app. With no REDIS_URL, settings make every task run in-process (eager)."""

import os

from celery import Celery

# Celery's own documented entry point: the worker needs the settings module before Django loads.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")

app = Celery("ssrportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
