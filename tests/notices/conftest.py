"""Real parts for the notices: an SMTP server (aiosmtpd) started by the test, one that hangs,
Celery workers started as processes against Redis and the test database, and a Redis server of
the test's own for the tests that stop it."""

import asyncio
import datetime as dt
import email
import email.policy
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
import zoneinfo
from collections import Counter
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ssrportal.celery import app as celery_app
from tests import factories
from workshops.models import EventStatus

ROOT = Path(settings.BASE_DIR)


BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")


def upcoming_event(*, days: float = 20, **fields):
    """A confirmed workshop in Bamako starting in ``days`` days (seed 002's kind of event)."""
    start = timezone.now().astimezone(BAMAKO).replace(second=0, microsecond=0)
    start += dt.timedelta(days=days)
    defaults = {
        "title": "Atelier de validation des réformes du secteur de la sécurité",
        "language": "fr",
        "format": "in_person",
        "status": EventStatus.CONFIRMED,
        "start": start,
        "end": start + dt.timedelta(days=1, hours=8),
        "time_zone": "Africa/Bamako",
        "venue": "Hôtel de l'Amitié",
        "city": "Bamako",
        "country": factories.country("ML"),
        "summary": "Valider la feuille de route.",
    }
    return factories.EventFactory(**{**defaults, **fields})


def free_port() -> int:
    """aiosmtpd's Controller cannot take port 0 (its self-check connects to it): find one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")


class Mailbox:
    """What the SMTP server accepted, and how it answers.

    ``defer`` answers 451 to the first N deliveries of each message (by Message-ID); ``refuse``
    answers 550 to these recipients; ``pause`` slows each accepted message down.
    """

    def __init__(self):
        self.messages: list[Message] = []
        self.tries: Counter = Counter()
        self.defer = 0
        self.refuse: set[str] = set()
        self.pause = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.tries[message["Message-ID"]] += 1
            if self.tries[message["Message-ID"]] <= self.defer:
                return "451 4.3.0 Mailbox busy, try again later"
        if self.pause:
            await asyncio.sleep(self.pause)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def message_ids(self) -> Counter:
        with self.lock:
            return Counter(message["Message-ID"] for message in self.messages)


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    yield mailbox
    controller.stop()


class HungServer:
    """An SMTP server that hangs: it accepts connections and never answers, or greets each
    (``greet``) and then never answers again. It counts the connections made to it."""

    def __init__(self, *, greet: bool = False):
        self.greet = greet
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                accepted, _address = self.listener.accept()
            except TimeoutError:
                continue
            if self.greet:
                accepted.sendall(b"220 hung.example.org ESMTP\r\n")
            self.connections.append(accepted)  # held open, unanswered

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        for accepted in [*self.connections, self.listener]:
            accepted.close()


@pytest.fixture
def hung_smtp_server():
    """Start a HungServer: ``hung_smtp_server(greet=True)``."""
    started: list[HungServer] = []

    def start(*, greet: bool = False) -> HungServer:
        started.append(HungServer(greet=greet))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def reference_data(transactional_db):
    """Reference data and role groups, which another transactional test's flush may have
    emptied."""
    call_command("load_reference_data", verbosity=0)
    for name in importlib.import_module("lessons.migrations.0003_create_role_groups").ROLES:
        Group.objects.get_or_create(name=name)


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A `celery worker` process (and its pool's children) in a process group of its own."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if " ready." in line:
                self.ready.set()

    def broken(self) -> bool:
        """Stopped, or stopping after an error it cannot recover from."""
        return self.process.poll() is not None or any(
            "Unrecoverable error" in line for line in self.lines
        )

    def kill(self):
        """SIGKILL, the worker and every child: nothing gets to finish or clean up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._close()

    def _close(self):
        self.reader.join(timeout=10)  # the pipe ends with the processes
        self.process.stdout.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        if not self.process.stdout.closed:
            self._close()

    def log(self) -> str:
        return "".join(self.lines[-150:])


@pytest.fixture
def workers(on_postgresql, redis_url, reference_data, tmp_path, settings):
    """Start Celery workers on a queue of this test's own, sending to ``smtp`` and using the test
    database. The test process publishes to that queue too."""
    queue = f"notices-test-{uuid.uuid4().hex[:8]}"
    started: list[Worker] = []
    previous = celery_app.conf.task_default_queue, celery_app.conf.broker_url
    celery_app.conf.task_default_queue = queue
    settings.NOTICE_SWEEP_GRACE_SECONDS = 0

    def start(
        smtp_port: int,
        *,
        concurrency: int = 2,
        beat: bool = False,
        broker: str | None = None,
        email_timeout: int = 20,
        **notice_settings,
    ) -> Worker:
        environment = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker or redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": str(email_timeout),
            "CELERY_QUEUE": queue,
            "NOTICE_SWEEP_SECONDS": "0.5",
            "NOTICE_SWEEP_GRACE_SECONDS": "0",
            "NOTICE_RETRY_SECONDS": "0.2",
            **{f"NOTICE_{name.upper()}": str(value) for name, value in notice_settings.items()},
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ssrportal",
            "worker",
            "--loglevel=info",
            f"--queues={queue}",
            f"--concurrency={concurrency}",
            f"--hostname={queue}-{len(started)}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if beat:
            command += ["--beat", f"--schedule={tmp_path / f'beat-{len(started)}'}"]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        worker = Worker(process)
        started.append(worker)
        if not worker.ready.wait(timeout=60):
            worker.stop()
            pytest.fail(f"The Celery worker did not start:\n{worker.log()}")
        return worker

    yield start
    for worker in started:
        worker.stop()
        print(f"--- {worker.process.args[-1]}\n{worker.log()}")  # shown when the test fails
    celery_app.conf.task_default_queue, celery_app.conf.broker_url = previous


class RedisServer:
    """A redis-server of the test's own, on a free port: stopping it leaves the shared one be."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, what="redis-server to start")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as probe:
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        if settings.REQUIRE_SERVICES:
            pytest.fail("redis-server is not installed and REQUIRE_SERVICES is set.")
        pytest.skip("needs redis-server")
    server = RedisServer()
    server.start()
    yield server
    server.stop()
