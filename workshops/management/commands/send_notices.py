"""Send the notices that are due: reminders, retries and rows left behind.

Deployments run it as Celery beat's sweep (`celery -A ssrportal beat`). The embedded default
(`make run`, no REDIS_URL) has no beat: it runs this command with ``--every 60`` beside the
server, and the sweep sends in-process.
"""

import time

from django.core.management.base import BaseCommand

from workshops.notices import sending


class Command(BaseCommand):
    help = "Send the notices that are due, once or every N seconds (--every)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="Run again every this many seconds."
        )

    def handle(self, *args, every: float, verbosity: int, **options):
        try:
            while True:
                handed = sending.sweep()
                if handed or verbosity > 1:
                    self.stdout.write(f"{handed} notices due, handed to the sender.")
                if not every:
                    return
                time.sleep(every)
        except KeyboardInterrupt:
            return
