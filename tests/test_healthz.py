import socket

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_database_and_broker_reachable(client, settings, redis_url):
    settings.REDIS_URL = redis_url

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_without_broker_says_tasks_run_in_process(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "in-process"}


def test_healthz_answers_503_naming_an_unreachable_broker(client, settings):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port}/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unreachable"}
