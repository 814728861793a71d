"""Celery tasks of the lessons register: the hourly overdue-action notices (Celery beat)."""

from celery import shared_task

from . import services


@shared_task(name="lessons.tasks.record_overdue_notices", ignore_result=True)
def record_overdue_notices() -> int:
    """Record the notices of the actions that became overdue; safe to run twice (each action
    is noticed once). The rows are handed to the sender as each action's transaction commits."""
    return services.record_overdue_notices()
