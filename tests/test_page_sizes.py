"""No page grows with the data: the same pages weigh the same at twice the records.

The bench data (lessons/benchdata) is generated at scale 0.005 and each page measured, then
rolled back and generated again at 0.01 (twice the events, participants, notices and
lessons), and measured again. 0.005, not 0.001: at 0.001 the lists do not fill their first
page (10 events for 25 rows), so they grow to their first page's size, which says nothing of
growing with the data; from 0.005 each list's first page is full. The biggest event (8 and 15
participants here) and the follow-up (26 and 51 open actions) cross their page or their "first
20" only at larger volumes: their own tests weigh them across it (30 and 120 participants on
the event page, 60 and 300 on the participants and notices pages, 1 and 60 actions). Bytes,
not time, are compared: bench/pages.py measures time at scale 1.0.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from lessons.models import Lesson
from workshops.models import Event, Mandate

pytestmark = pytest.mark.django_db

# What a page may differ by at the two volumes without growing with the data: titles, names
# and counts of other lengths, a page link or two, a list that fills its first page.
SLACK_BYTES = 6000


def generate(scale: str) -> None:
    call_command("generate_bench_data", "--scale", scale, "--seed", "3", stdout=io.StringIO())


def pages() -> dict[str, str]:
    """The pages of the page benchmark, on records chosen alike at both volumes."""
    by_participants = Event.objects.annotate(n=Count("participants")).order_by("-n", "pk")
    typical = by_participants.filter(n__gte=1).last()
    lesson = Lesson.objects.order_by("-pk").first()
    mandate = Mandate.objects.order_by("pk").first()
    return {
        "home": reverse("home"),
        "event list": reverse("workshops:list") + "?tab=all",
        "event search": reverse("workshops:list") + "?tab=all&q=security",
        "calendar": reverse("workshops:calendar") + "?year=2025&month=6",
        "event page (typical)": reverse("workshops:detail", args=[typical.pk]),
        "event form": reverse("workshops:create"),
        "mandate list": reverse("mandates:list"),
        "mandate page": reverse("mandates:detail", args=[mandate.pk]),
        "register": reverse("lessons:list"),
        "register search": reverse("lessons:list") + "?q=security",
        "lesson page": reverse("lessons:detail", args=[lesson.pk]),
        "lessons to consider": reverse("lessons:consider") + f"?event={typical.pk}",
        "organisations": reverse("partners:organisation_list"),
        "admin lessons": "/admin/lessons/lesson/?q=security",
        "admin events": "/admin/workshops/event/",
        "admin people": "/admin/partners/person/",
    }


def weigh(client) -> dict[str, int]:
    sizes = {}
    for name, url in pages().items():
        response = client.get(url)
        assert response.status_code == 200, name
        sizes[name] = len(response.content)
    return sizes


def test_no_page_grows_from_scale_0_005_to_0_01(client, admin_user):
    client.force_login(admin_user)
    with transaction.atomic():
        generate("0.005")
        small = weigh(client)
        transaction.set_rollback(True)
    cache.clear()
    generate("0.01")
    large = weigh(client)

    grown = {
        name: f"{small[name]:,} -> {large[name]:,} bytes"
        for name in small
        if large[name] > small[name] + SLACK_BYTES
    }
    assert grown == {}
    assert max(large.values()) < 150_000  # the empty event form, the heaviest (bench/README.md)
