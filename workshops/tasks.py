"""Celery tasks of the notices: sending a batch of rows, and the periodic sweep (Celery beat).

Both are safe to run more than once with the same arguments: a row is claimed before it is
sent (workshops.notices.sending), so a task delivered twice sends nothing twice.
"""

from celery import shared_task

from workshops.notices import sending


@shared_task(name="workshops.tasks.send_notices", acks_late=True, ignore_result=True)
def send_notices(pks: list[int]) -> dict:
    """Send the due rows among ``pks`` on one SMTP connection."""
    return vars(sending.send(pks))


@shared_task(name="workshops.tasks.sweep_notices", ignore_result=True)
def sweep_notices() -> int:
    """Free lapsed claims, then hand every due row (reminders, retries, left-behind) to tasks."""
    return sending.sweep()
