"""Search-as-you-type answers for the pickers of the event form (events and people) and of the
lessons register's filters (events and mandates).

Each answers ``?q=`` with at most 20 matches as JSON, in the shape ssrportal/widgets.py's
SearchSelect reads: ``{"results": [{"value": "12", "text": "…", "detail": "…"}]}``.
"""

from types import SimpleNamespace

from django.db.models import Exists, F, OuterRef, Q
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from ssrportal.access import predicate_required
from ssrportal.ids import row_id
from ssrportal.widgets import search_results
from workshops.forms.event import time_zone_choices
from workshops.models import Event, EventTranslation, Mandate
from workshops.permissions import can_edit_workshops, can_read_workshops

from .participants import find_people
from .when import event_dates, mandate_window

MAX_MATCHES = 20


def search_words(request) -> list[str]:
    """The words of ``?q=``, at most five (CleanQueryMiddleware has dropped any NUL byte)."""
    return request.GET.get("q", "").split()[:5]


def find_events(words: list[str], *, exclude: int | None = None) -> list[Event]:
    """At most 20 events whose title, or title in another language, holds every word, the
    newest first. One query."""
    if not words or len(" ".join(words)) < 2:
        return []
    events = Event.objects.only(
        "title", "language", "start", "end", "all_day", "open_end", "time_zone", "city"
    )
    for word in words:
        translated = EventTranslation.objects.filter(event=OuterRef("pk"), title__icontains=word)
        events = events.filter(Q(title__icontains=word) | Exists(translated))
    if exclude is not None:
        events = events.exclude(pk=exclude)
    return list(events.order_by("-start", "-pk")[:MAX_MATCHES])


@predicate_required(can_read_workshops)
@require_safe
def event_search(request):
    """Events for the links picker: ``?q=`` words of the title; ``?exclude=`` the event edited.

    Queries: the user; the events.
    """
    exclude = request.GET.get("exclude", "")
    events = find_events(search_words(request), exclude=row_id(exclude))
    return JsonResponse(
        search_results(
            events,
            text=lambda event: event.title,
            detail=lambda event: ", ".join(filter(None, [event_dates(event), event.city])),
        )
    )


@predicate_required(can_edit_workshops)
@require_safe
def person_search(request):
    """People for the event form's pickers (contacts, who acted for an organisation): name,
    e-mail or organisation. The secretariat's: focal points see no contact details. Queries:
    the user; the people."""
    people = find_people(" ".join(search_words(request)))
    return JsonResponse(search_results(people, detail=lambda person: person.email))


def find_mandates(words: list[str]) -> list[Mandate]:
    """At most 20 mandates whose title holds every word, the newest first. One query."""
    if not words or len(" ".join(words)) < 2:
        return []
    mandates = Mandate.objects.only("title", "start_date", "end_date")
    for word in words:
        mandates = mandates.filter(title__icontains=word)
    return list(mandates.order_by(F("start_date").desc(nulls_last=True), "-pk")[:MAX_MATCHES])


@predicate_required(can_read_workshops)
@require_safe
def mandate_search(request):
    """Mandates for the lessons register's mandate filter: ``?q=`` words of the title.

    Queries: the user; the mandates.
    """
    mandates = find_mandates(search_words(request))
    return JsonResponse(
        search_results(
            mandates,
            text=lambda mandate: mandate.title,
            detail=lambda mandate: (
                mandate_window(mandate) if mandate.start_date or mandate.end_date else ""
            ),
        )
    )


@predicate_required(can_edit_workshops)
@require_safe
def time_zone_search(request):
    """Time zones for the event form's picker (the secretariat's): ``?q=`` words of the name (a
    city: "bamako", "cape verde"), Africa's first, at most 20. Queries: the user."""
    words = [word.casefold().replace(" ", "_") for word in search_words(request)]
    found = [
        SimpleNamespace(pk=name, label=label)
        for name, label in time_zone_choices()
        if words and all(word in name.casefold() for word in words)
    ]
    return JsonResponse(search_results(found[:MAX_MATCHES], text=lambda zone: zone.label))
