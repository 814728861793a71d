import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests import factories


def pytest_configure(config):
    """With REQUIRE_SERVICES (set by .ci/run), a missing PostgreSQL or Redis fails the run."""
    if not settings.REQUIRE_SERVICES:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            f"REQUIRE_SERVICES is set but DATABASE_URL is not PostgreSQL (engine {engine})."
        )
    if not settings.REDIS_URL:
        raise pytest.UsageError("REQUIRE_SERVICES is set but REDIS_URL is empty.")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise pytest.UsageError(
            f"REQUIRE_SERVICES is set but Redis does not answer: {error}"
        ) from error


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the reference data, as `make run` loads it."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A French request leaves French active in the thread: each test starts in English."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache_after_each_test():
    """Cached choice lists (workshops/choices.py) must not outlive the test's rolled-back rows."""
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in the test's own process, on its database, unless a test starts real workers
    (tests/notices/ integration tests, marked ``workers``)."""
    from ssrportal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = "workers" not in request.keywords
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        if settings.REQUIRE_SERVICES:
            pytest.fail("This test needs PostgreSQL and REQUIRE_SERVICES is set.")
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    return True


@pytest.fixture
def redis_url():
    """The Redis of this machine; skipped without REDIS_URL, failed with REQUIRE_SERVICES."""
    if not settings.REDIS_URL:
        if settings.REQUIRE_SERVICES:
            pytest.fail("This test needs Redis and REQUIRE_SERVICES is set.")
        pytest.skip("needs Redis (set REDIS_URL)")
    return settings.REDIS_URL


def _user_in(group_name: str, **kwargs):
    user = factories.UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def admin_user(db):
    """A member of the Admin group: staff, not superuser, so the group's permissions count."""
    return _user_in("Admin", is_staff=True, username="admin-role")


@pytest.fixture
def secretariat_user(db):
    return _user_in("Secretariat", username="secretariat")


@pytest.fixture
def focal_point_user(db):
    return _user_in(
        "Focal point", username="focal-ecowas", organisation=factories.organisation("ECOWAS")
    )


@pytest.fixture
def other_focal_point_user(db):
    return _user_in(
        "Focal point", username="focal-sadc", organisation=factories.organisation("SADC")
    )
