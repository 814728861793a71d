import datetime as dt
import logging

import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from lessons.models import Lesson, Stage
from lessons.permissions import events_for_lessons
from workshops.models import Answer, DocumentKind, Event, EventStatus

from .access import public, requires, signed_in
from .roles import ADMIN, FOCAL_POINT, SECRETARIAT, roles_of

log = logging.getLogger(__name__)

# How far back the home page looks for held events a focal point has not drawn lessons from.
AWAITING_LESSONS = dt.timedelta(days=365)


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


class HomeView(requires(signed_in), TemplateView):
    """What each role should do next: upcoming events, reports and answers missing, lessons."""

    template_name = "home.html"
    rows = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, now = self.request.user, timezone.now()
        roles = roles_of(user)
        live = (
            Event.objects.with_reader_language()
            .exclude(status=EventStatus.CANCELLED)
            .select_related("country")
        )
        if roles & {SECRETARIAT, FOCAL_POINT, ADMIN}:
            context["upcoming"] = live.filter(end__gte=now).order_by("start")[: self.rows]
        if roles & {SECRETARIAT, ADMIN}:
            context["without_report"] = (
                live.filter(end__lt=now)
                .exclude(status=EventStatus.POSTPONED)
                .exclude(documents__kind=DocumentKind.REPORT)
                .order_by("-end")[: self.rows]
            )
            context["unanswered"] = (
                live.filter(end__gte=now)
                .annotate(
                    unanswered=Count("participants", filter=Q(participants__answer=Answer.INVITED))
                )
                .filter(unanswered__gt=0)
                .order_by("start")[: self.rows]
            )
            context["lessons_waiting"] = (
                Lesson.objects.filter(stage=Stage.SUBMITTED)
                .select_related("event", "organisation")
                .order_by("updated_at")[: self.rows]
            )
        elif FOCAL_POINT in roles and user.organisation_id:
            context["lessons_waiting"] = (
                Lesson.objects.filter(
                    organisation_id=user.organisation_id,
                    stage__in=[Stage.DRAFT, Stage.RETURNED],
                )
                .select_related("event", "organisation")
                .order_by("updated_at")[: self.rows]
            )
            context["awaiting_lessons"] = (
                events_for_lessons(user)
                .with_reader_language()
                .filter(end__lt=now, end__gte=now - AWAITING_LESSONS)
                .exclude(status=EventStatus.CANCELLED)
                .exclude(
                    Exists(
                        Lesson.objects.filter(
                            event=OuterRef("pk"), organisation_id=user.organisation_id
                        )
                    )
                )
                .order_by("-end")[: self.rows]
            )
        return context
