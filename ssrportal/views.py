import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import public

log = logging.getLogger(__name__)


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("health check: database unreachable")
        return "unreachable"
    return "ok"


def check_broker() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError:
        log.exception("health check: broker unreachable")
        return "unreachable"
    return "ok"


@public
@require_GET
@never_cache
def healthz(request):
    """200 when the database and the broker answer; 503 naming the part that does not."""
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(state != "unreachable" for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
