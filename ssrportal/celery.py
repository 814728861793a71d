"""The Celery app. With no REDIS_URL, settings make every task run in-process (eager)."""

import os

from celery import Celery

# Celery's own documented entry point: the worker needs the settings module before Django loads.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")

app = Celery("ssrportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def publish(task, calls: list[dict]) -> bool:
    """Hand ``task`` its ``calls`` ({"args": [...]} or {"kwargs": {...}} each), in-process when
    tasks run eagerly. Never waits on a broker that does not answer: a connection of its own,
    from the broker URL now configured, is given up at once, and False says the calls were not
    handed over (their cause's rows stay in the database for the sweep, or the caller does the
    work itself)."""
    try:
        if task.app.conf.task_always_eager:
            for call in calls:
                task.apply(**call)
            return True
        with task.app.connection_for_write(
            connect_timeout=1, transport_options={"max_retries": 0}
        ) as broker:
            for call in calls:
                task.apply_async(**call, connection=broker, retry=False)
    except Exception:
        return False
    return True
