"""A Redis outage slows the portal down, never fails a page or a save (issue 13, point 4).

The test's own redis-server is the cache (sessions, roles, choice lists) and the broker; it is
stopped mid-test, and the officer goes on working through the web client.
"""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from ssrportal.celery import app
from tests import factories
from tests.notices.conftest import RedisServer, upcoming_event
from tests.workshops.test_event_form import form_data
from workshops.models import Event, Notice, NoticeKind, NoticeState
from workshops.notices import recording

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def reference_data():
    """Transactional tests run last and empty the tables between them: the reference data and
    the roles' groups are loaded again."""
    call_command("load_reference_data", verbosity=0)
    return Group.objects.get_or_create(name="Secretariat")[0]


@pytest.fixture
def redis_to_stop(settings):
    server = RedisServer()
    server.start()
    settings.REDIS_URL = server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": settings.REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": settings.REDIS_TIMEOUT_SECONDS,
            },
        }
    }
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, server.url
    yield server
    app.conf.task_always_eager, app.conf.broker_url = eager, broker
    server.stop()


def test_with_redis_stopped_an_officer_keeps_reading_and_saving(redis_to_stop, reference_data):
    officer = factories.UserFactory(username="officer-fatou")
    officer.set_password(PASSWORD)
    officer.save()
    officer.groups.add(reference_data)
    event = upcoming_event()
    people = [factories.ParticipantFactory(event=event) for _ in range(2)]
    with transaction.atomic():
        recording.record_invitations(event=event, participants=people, by=None)
    client = Client()
    signed_in = client.post("/accounts/login/", {"username": "officer-fatou", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/").status_code == 200  # session, roles and lists now in Redis
    data = form_data(client.get(f"/workshops/{event.pk}/edit/"))
    data["venue"] = "Salle de conférence du Ministère de la Défense, Bamako"

    redis_to_stop.stop()
    started = time.monotonic()
    home = client.get("/")
    listed = client.get("/workshops/")
    saved = client.post(f"/workshops/{event.pk}/edit/", data)
    page = client.get(f"/workshops/{event.pk}/")
    health = client.get("/healthz")
    elapsed = time.monotonic() - started

    # Signed in still (the session is read from the database), the save done.
    assert (home.status_code, listed.status_code, saved.status_code) == (200, 200, 302)
    assert "officer-fatou" in home.content.decode()
    assert page.status_code == 200
    event.refresh_from_db()
    assert event.venue == "Salle de conférence du Ministère de la Défense, Bamako"
    # The notices of the change wait, queued, for the sweep once Redis is back.
    updates = Notice.objects.filter(event=event, kind=NoticeKind.UPDATE)
    assert set(updates.values_list("state", flat=True)) == {NoticeState.QUEUED}
    assert updates.count() == 2
    assert health.status_code == 503
    assert health.json()["broker"] == "unreachable"
    assert elapsed < 10, f"five pages took {elapsed:.1f} s with Redis down"
    assert Event.objects.filter(pk=event.pk).exists()
