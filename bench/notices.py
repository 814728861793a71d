"""The notices throughput benchmark: how many invitations a second leave the portal by SMTP.

Run from the project's root, on PostgreSQL and Redis (a database of its own is created if
missing, migrated and given the reference data):

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/ssrportal_bench \
        REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/notices.py [--count 5000]

It measures, in one run and on the same machine:

1. the SMTP sink alone: an aiosmtpd server in a process of its own that counts what it accepts,
   fed by a plain smtplib loop on one connection (the ceiling for everything below);
2. "batched": COUNT invitation rows handed to a real Celery worker (concurrency 2) with
   sending.enqueue, NOTICE_BATCH_SIZE=100 rows a task and one SMTP connection a task;
3. "one per notice": the same with NOTICE_BATCH_SIZE=1, a task and a connection per notice.

The clock runs from the call to enqueue to the last row's sent_at. Every message the sink
accepts is checked against the rows' Message-IDs: a notice lost or sent twice exits with 1;
otherwise the exit code is 0, whatever the figures. ``--profile N`` also sends N rows in this
process under cProfile and prints where the time goes.
"""
# ruff: noqa: E402 (the portal's modules can only be imported once Django is set up)

import argparse
import cProfile
import datetime as dt
import io
import logging
import multiprocessing
import os
import pstats
import re
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import django
import environ
from aiosmtpd.controller import Controller
from kombu import Exchange, Queue

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")
django.setup()

import psycopg2
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone
from psycopg2 import sql

from partners.models import Country, Person
from ssrportal.celery import app as celery_app
from workshops.models import (
    Event,
    EventContact,
    EventObjective,
    EventStatus,
    Notice,
    NoticeKind,
    NoticeState,
    Participant,
)
from workshops.notices import sending
from workshops.notices.compose import compose, load_notices, prepare

BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")
TARGET_RATE = 400  # messages a second, batched
TARGET_RATIO = 2  # batched against one per notice
SENDER = "ssr-portal@localhost"
MESSAGE_ID_HEX = re.compile(rb"^Message-ID: <notice\.([0-9a-f]{32})@", re.MULTILINE)


# --- The SMTP sink, in a process of its own -------------------------------------------------------


def free_port() -> int:
    """aiosmtpd's Controller cannot take port 0 (its self-check connects to it): find one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Tally:
    """Accepts every message: writes its Message-ID to a file, then counts it."""

    MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)

    def __init__(self, accepted, octets, ids_path: Path):
        self.accepted, self.octets = accepted, octets
        self.ids = ids_path.open("ab")

    async def handle_DATA(self, server, session, envelope):
        headers = envelope.content.partition(b"\r\n\r\n")[0]
        found = self.MESSAGE_ID.search(headers)
        # Written before it is counted: once the count is reached, the file holds every id.
        self.ids.write((found.group(1) if found else b"<none>") + b"\n")
        self.ids.flush()
        with self.accepted.get_lock():
            self.accepted.value += 1
            self.octets.value += len(envelope.content)
        return "250 OK"


def serve(port: int, accepted, octets, ids_path: Path, ready, stop) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the bench's to handle: it stops us
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line a command costs too much
    controller = Controller(Tally(accepted, octets, ids_path), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class Sink:
    """The aiosmtpd server's process, what it accepted, and the Message-IDs it saw."""

    def __init__(self, directory: Path):
        # Forked before this process opens any connection or thread.
        context = multiprocessing.get_context("fork")
        self.port = free_port()
        self.accepted, self.octets = context.Value("q", 0), context.Value("q", 0)
        self.ids_path = directory / "message-ids"
        self.ids_path.touch()
        ready, self.stopping = context.Event(), context.Event()
        self.process = context.Process(
            target=serve,
            args=(self.port, self.accepted, self.octets, self.ids_path, ready, self.stopping),
            name="smtp-sink",
            daemon=True,
        )
        self.process.start()
        if not ready.wait(timeout=15):
            self.stop()
            raise RuntimeError("The SMTP sink did not start.")

    def mark(self) -> tuple[int, int, int]:
        """What was accepted so far: messages, octets, Message-IDs written."""
        return self.accepted.value, self.octets.value, len(self.message_ids())

    def since(self, mark: tuple[int, int, int], expected: set[str], result: "Result") -> None:
        """Put what was accepted since ``mark`` in ``result``, checked against ``expected``."""
        accepted, octets, ids = mark
        result.accepted = self.accepted.value - accepted
        result.octets = self.octets.value - octets
        seen = Counter(self.message_ids()[ids:])
        result.lost = len(expected - seen.keys())
        result.duplicated = sum(n - 1 for n in seen.values() if n > 1) + len(seen.keys() - expected)

    def message_ids(self) -> list[str]:
        return self.ids_path.read_text().split()

    def stop(self) -> None:
        self.stopping.set()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)


# --- What is measured -----------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    count: int
    elapsed: float = 0.0
    published: float = 0.0  # seconds spent in enqueue (handing the tasks to Redis)
    accepted: int = 0
    octets: int = 0
    lost: int = 0
    duplicated: int = 0
    states: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    @property
    def complete(self) -> bool:
        """The sink accepted one message a row, and each row's own."""
        return self.accepted == self.count and not self.lost and not self.duplicated

    def check(self) -> str:
        if self.complete:
            return f"{self.accepted} accepted, each expected Message-ID once"
        return f"{self.accepted} accepted: {self.lost} Message-IDs missing, {self.duplicated} extra"


def invitation_bytes(pk: int) -> bytes:
    """The bytes the SMTP backend would send for row ``pk``: compose, then Django's MIME."""
    notices = load_notices([pk])
    message = compose(notices[0], prepare(notices)).message()
    return message.as_bytes(linesep="\r\n")


def measure_sink(sink: Sink, template: bytes, count: int) -> Result:
    """A plain smtplib loop on one connection: copies of ``template``, each its own Message-ID."""
    result = Result("SMTP sink, smtplib loop", count)
    old = MESSAGE_ID_HEX.search(template).group(1)
    hexes = [uuid.uuid4().hex.encode() for _ in range(count)]
    messages = [template.replace(old, new, 1) for new in hexes]
    expected = {f"<notice.{new.decode()}@{settings.NOTICE_MESSAGE_ID_DOMAIN}>" for new in hexes}
    mark = sink.mark()
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=30) as smtp:
        started = time.perf_counter()
        for number, message in enumerate(messages):
            smtp.sendmail(SENDER, [f"raw{number}@example.org"], message)
        result.elapsed = time.perf_counter() - started
    sink.since(mark, expected, result)
    return result


# --- The portal's rows ----------------------------------------------------------------------------


class Rows:
    """The people, events, participants and notices this run creates, and their removal."""

    def __init__(self, tag: str, count: int):
        self.tag, self.count = tag, count
        self.events: list[int] = []
        self.people: list[Person] = []

    def email(self, what) -> str:
        return f"bench.{self.tag}.{what}@example.org"

    def create_people(self) -> None:
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            self.people = Person.objects.bulk_create(
                Person(
                    title="Mme" if number % 2 else "Mr.",
                    full_name=f"Participant {number} Diarra",
                    position="SSR focal point",
                    email=self.email(number),
                )
                for number in range(self.count + 2)
            )

    def create_invitations(self, label: str, count: int | None = None) -> list[int]:
        """An event starting in 12 hours (too close for reminders) and an invitation to each of
        ``count`` people, written queued as record_invitations writes them, but handed to no
        worker: the clock starts when they are."""
        start = timezone.now().astimezone(BAMAKO).replace(second=0, microsecond=0)
        start += dt.timedelta(hours=12)
        contacts, invited = self.people[:2], self.people[2 : 2 + (count or self.count)]
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            event = Event.objects.create(
                title=f"Atelier de validation des réformes du secteur de la sécurité ({label})",
                language="fr",
                kind="validation_meeting",
                format="in_person",
                status=EventStatus.CONFIRMED,
                start=start,
                end=start + dt.timedelta(days=1, hours=8),
                time_zone="Africa/Bamako",
                venue="Hôtel de l'Amitié",
                city="Bamako",
                country=Country.objects.get(iso2="ML"),
                working_languages=["en", "fr"],
                summary=(
                    "Deux jours pour valider la feuille de route de la réforme du secteur de la "
                    "sécurité au Sahel avec les Communautés économiques régionales."
                ),
            )
            self.events.append(event.pk)
            EventObjective.objects.bulk_create(
                EventObjective(event=event, position=position, text=text)
                for position, text in enumerate(
                    [
                        "Valider la feuille de route de la RSS au Sahel",
                        "Arrêter le calendrier des ateliers nationaux",
                        "Désigner les points focaux des CER",
                    ],
                    start=1,
                )
            )
            EventContact.objects.bulk_create(
                EventContact(event=event, person=person, purpose=purpose, position=position)
                for position, (person, purpose) in enumerate(
                    zip(contacts, ["Pour la logistique", "For media inquiries"], strict=True),
                    start=1,
                )
            )
            participants = Participant.objects.bulk_create(
                Participant(event=event, person=person, notice_language=("en", "fr")[number % 2])
                for number, person in enumerate(invited)
            )
            # The rows recording._row writes.
            notices = Notice.objects.bulk_create(
                Notice(
                    kind=NoticeKind.INVITATION,
                    event=event,
                    participant=participant,
                    recipient_name=f"{person.title} {person.full_name}",
                    recipient_email=person.email,
                    language=participant.notice_language,
                )
                for participant, person in zip(participants, invited, strict=True)
            )
        return [notice.pk for notice in notices]

    def remove(self) -> None:
        if not self.people:
            return
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            Event.objects.filter(pk__in=self.events).delete()
            Person.objects.filter(email__startswith=f"bench.{self.tag}.").delete()


# --- The worker -----------------------------------------------------------------------------------


class Worker:
    """A `celery worker` (concurrency 2) on the bench's queue, in a process group of its own."""

    def __init__(self, *, queue: str, name: str, smtp_port: int, batch_size: int, log: Path):
        self.hostname = f"{name}@{socket.gethostname()}"
        self.log = log
        environment = {
            **os.environ,  # DATABASE_URL, REDIS_URL and DEBUG as the bench was given them
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "CELERY_QUEUE": queue,
            "NOTICE_BATCH_SIZE": str(batch_size),
        }
        command = [
            *(sys.executable, "-m", "celery", "-A", "ssrportal", "worker"),
            "--concurrency=2",
            f"--queues={queue}",
            f"--hostname={self.hostname}",
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            "--loglevel=warning",
        ]
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_ready()
        except BaseException:  # Ctrl-C too: the worker must not outlive the bench
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if celery_app.control.ping(destination=[self.hostname], timeout=0.5):
                return
        raise RuntimeError(f"The Celery worker did not start:\n{self.tail()}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def tail(self) -> str:
        return "".join(self.log.read_text(errors="replace").splitlines(True)[-30:])

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def forget_queue(name: str) -> None:
    """Remove the bench's queue and its binding from Redis (kombu keeps them after a run)."""
    with celery_app.connection_for_write() as broker:
        queue = Queue(name, Exchange(name, "direct"), routing_key=name)(broker.default_channel)
        queue.declare()  # makes the binding known to this connection, so delete removes it
        queue.delete()


def measure_mode(name: str, pks: list[int], *, batch_size: int, sink: Sink, queue: str, logs):
    """From enqueue to the last row marked sent, with a worker started for ``batch_size``."""
    result = Result(name, len(pks))
    notices = Notice.objects.filter(pk__in=pks)
    expected = set(notices.values_list("message_id", flat=True))
    worker = Worker(
        queue=queue,
        name=f"{queue}-{batch_size}",
        smtp_port=sink.port,
        batch_size=batch_size,
        log=logs / f"worker-{batch_size}.log",
    )
    try:
        mark = sink.mark()
        started = timezone.now()
        # enqueue cuts the rows into tasks in this process: its setting is the one that counts.
        with override_settings(NOTICE_BATCH_SIZE=batch_size):
            if not sending.enqueue(pks):
                raise RuntimeError("Redis did not take the tasks.")
        result.published = (timezone.now() - started).total_seconds()
        wait_until_sent(notices, len(pks), worker)
        last = notices.aggregate(last=Max("sent_at"))["last"]
        result.elapsed = (last - started).total_seconds() if last else 0.0
    finally:
        worker.stop()
    result.states = Counter(notices.values_list("state", flat=True))
    sink.since(mark, expected, result)
    if result.states[NoticeState.SENT] < len(pks):
        print(
            f"Not every row was sent ({name}): {dict(result.states)}. Rows still queued with an "
            "idle worker mean their tasks left Redis: something flushed its database (the test "
            "suite's cache.clear() does, on the broker's db 0).\n" + worker.tail()
        )
    return result


def wait_until_sent(notices, total: int, worker: Worker, *, stall: float = 20) -> None:
    """Until every row is sent or failed, the worker dies, or nothing moves for ``stall`` s."""
    done = notices.filter(state__in=[NoticeState.SENT, NoticeState.FAILED])
    progress, moved = -1, time.monotonic()
    while worker.alive() and time.monotonic() - moved < stall:
        count = done.count()
        if count == total:
            return
        if count != progress:
            progress, moved = count, time.monotonic()
        time.sleep(0.2)


# --- Where the time goes --------------------------------------------------------------------------

# What each part of send() costs, as the cumulative time of the functions that do it.
PARTS = [
    (
        "claim, load and prepare the batch",
        [("sending.py", "claim"), ("compose.py", "load_notices"), ("compose.py", "prepare")],
    ),
    ("compose (wording, HTML, .ics)", [("compose.py", "compose")]),
    ("  of which the .ics file", [("ical.py", "calendar_of")]),
    (
        "MIME message to bytes (Django)",
        [("mail/message.py", "message"), ("mail/message.py", "as_bytes")],
    ),
    ("SMTP connect and quit", [("smtp.py", "open"), ("smtp.py", "close")]),
    ("SMTP messages (smtplib sendmail)", [("smtplib.py", "sendmail")]),
    ("rows marked sent (a commit each)", [("sending.py", "_sent")]),
]


def profile_send(pks: list[int], batch_size: int, sink: Sink, *, top: int = 0) -> str:
    """send() in this process on ``pks``, ``batch_size`` a call as the worker's tasks do, to the
    sink, under cProfile: what each part costs, and the ``top`` functions."""
    profiler = cProfile.Profile()
    with override_settings(**environ.Env.email_url_config(f"smtp://127.0.0.1:{sink.port}")):
        started = time.perf_counter()
        for start in range(0, len(pks), batch_size):
            profiler.runcall(sending.send, pks[start : start + batch_size])
        elapsed = time.perf_counter() - started
    sent = Notice.objects.filter(pk__in=pks, state=NoticeState.SENT).count()
    stats = pstats.Stats(profiler)

    def cumulative(ending: str, function: str) -> float:
        return sum(
            row[3]
            for (path, _, name), row in stats.stats.items()
            if name == function and path.endswith(ending)
        )

    lines = [
        f"send() in this process, {batch_size} a call, under cProfile: {sent} of {len(pks)} sent "
        f"in {elapsed:.2f} s, {elapsed / len(pks) * 1000:.1f} ms a notice",
    ]
    for label, functions in PARTS:
        seconds = sum(cumulative(*function) for function in functions)
        lines.append(
            f"  {label:36} {seconds:6.2f} s {seconds / elapsed:6.1%}"
            f" {seconds / len(pks) * 1000:6.2f} ms a notice"
        )
    if top:
        output = io.StringIO()
        pstats.Stats(profiler, stream=output).sort_stats("cumulative").print_stats(top)
        lines += ["", f"Top {top} functions by cumulative time:", output.getvalue().strip()]
    return "\n".join(lines)


def measure_in_process(rows: Rows, sink: Sink, count: int) -> str:
    """One process, no worker: send() as a batched task runs it, and as one per notice does."""
    with override_settings(**environ.Env.email_url_config(f"smtp://127.0.0.1:{sink.port}")):
        pks = rows.create_invitations("in-process", count)
        started = time.perf_counter()
        for start in range(0, count, 100):
            sending.send(pks[start : start + 100])
        plain = count / (time.perf_counter() - started)
    single = rows.create_invitations("profile, one per notice", min(count, 200))
    return "\n\n".join(
        [
            f"send() in this process, 100 a call, no profiler: {plain:.0f}/s",
            profile_send(rows.create_invitations("profile", count), 100, sink, top=15),
            profile_send(single, 1, sink),
        ]
    )


# --- The run --------------------------------------------------------------------------------------


def ensure_database() -> None:
    """Create the database DATABASE_URL names when missing; migrate; load the reference data."""
    db = settings.DATABASES["default"]
    server = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    server.autocommit = True  # CREATE DATABASE cannot run in a transaction
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    server.close()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)


def report(raw: Result, batched: Result, single: Result) -> str:
    def line(result: Result, enqueue: str) -> str:
        size = result.octets / result.count / 1024 if result.count else 0.0
        return (
            f"  {result.name:30} {result.elapsed:8.2f} s {result.rate:8.0f}/s"
            f" {size:8.1f} KB {enqueue:>9}"
        )

    ratio = batched.rate / single.rate if single.rate else 0.0
    verdict = {True: "PASS", False: "FAIL"}
    return "\n".join(
        [
            "",
            f"Notices throughput, {batched.count} messages a measure ({os.cpu_count()} cores for "
            "the sink, PostgreSQL, Redis, the worker and this process)",
            "",
            f"  {'':30} {'elapsed':>10} {'rate':>10} {'average':>11} {'enqueue':>9}",
            line(raw, "-"),
            line(batched, f"{batched.published:.2f} s"),
            line(single, f"{single.published:.2f} s"),
            "",
            f"  batched / one per notice   {ratio:.2f}x",
            f"  batched / sink             {batched.rate / raw.rate:.1%}",
            "",
            f"  target batched >= {TARGET_RATE}/s                "
            f"{verdict[batched.rate >= TARGET_RATE]} ({batched.rate:.0f}/s)",
            f"  target batched >= {TARGET_RATIO}x one per notice     "
            f"{verdict[ratio >= TARGET_RATIO]} ({ratio:.2f}x)",
            "",
            "What the sink accepted, against the rows' Message-IDs",
            *(f"  {result.name:30} {result.check()}" for result in (raw, batched, single)),
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="messages a measure (5000)")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="then profile send() on N rows in this process",
    )
    options = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        parser.error("set DATABASE_URL (PostgreSQL) and REDIS_URL: see the docstring")

    tag = uuid.uuid4().hex[:8]
    queue = f"notices-bench-{tag}"
    with tempfile.TemporaryDirectory(prefix="notices-bench-") as directory:
        logs = Path(directory)
        sink = Sink(logs)  # first: forked before this process opens a connection
        rows = Rows(tag, options.count)
        try:
            print(f"Preparing the database {settings.DATABASES['default']['NAME']}…")
            ensure_database()
            celery_app.conf.task_default_queue = queue
            rows.create_people()
            batched_rows = rows.create_invitations("batched")
            single_rows = rows.create_invitations("one per notice")
            print(f"SMTP sink on port {sink.port}, queue {queue}, {options.count} messages each")
            raw = measure_sink(sink, invitation_bytes(batched_rows[0]), options.count)
            print(f"  sink: {raw.rate:.0f}/s")
            batched = measure_mode(
                "batched, 100 a task",
                batched_rows,
                batch_size=100,
                sink=sink,
                queue=queue,
                logs=logs,
            )
            print(f"  batched: {batched.rate:.0f}/s")
            single = measure_mode(
                "one per notice, 1 a task",
                single_rows,
                batch_size=1,
                sink=sink,
                queue=queue,
                logs=logs,
            )
            print(f"  one per notice: {single.rate:.0f}/s")
            print(report(raw, batched, single))
            if options.profile:
                print()
                print(measure_in_process(rows, sink, min(options.profile, options.count)))
        except KeyboardInterrupt:
            print("\nInterrupted: cleaning up (worker, SMTP sink, rows, queue).")
            return 130
        finally:
            sink.stop()
            rows.remove()
            forget_queue(queue)
    return 0 if all(r.complete for r in (raw, batched, single)) else 1


if __name__ == "__main__":
    sys.exit(main())
