"""The event list's search: every word of the text must be found in the event.

A word is found in the event's title, summary, background, venue or city; in a title or summary
in another language (EventTranslation); in a name of the country it is held in, in any language
the Country model has; or in a name, acronym or other name of an organisation that takes part
in it, in any role ("CEDEAO" finds the events ECOWAS organised or funded). So "CEDEAO Banjul"
finds the ECOWAS workshop held in Banjul.

On PostgreSQL, texts are searched language-aware and accent-insensitive (ssrportal/textsearch.py
and workshops migration 0006): "planifier" finds "planifiées", "formacao" finds "formação",
"trained" finds "training". A stop word of a record's language ("au" in a French record) is not
asked of that record when the text has other words ("atelier au Mali"). Organisation names are
matched as whole words, accents and case aside, through ``Organisation.search_names``
(partners/search.py), so "UN" finds the UN's events and not every "union".

The search stays bounded: the first ``MAX_WORDS`` words count; each word looks among at most
``NAMES_LIMIT`` countries and organisations; only the newest ``limit`` matching events (by id)
are kept, so the counts of a very common word stop there. Everything runs inside the list's own
queries: the search adds none.
"""

import re
import unicodedata

from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from partners.models import Country, Organisation
from partners.models.organisation import NAME_MARK
from ssrportal.text import plain
from ssrportal.textsearch import matches, names_match, stop_word_in_row_language

from .models import Event, EventOrganiser, EventTranslation

LIMIT = 1000
MAX_WORDS = 8
NAMES_LIMIT = 20
COUNTRY_NAMES = ["name_en", "name_fr", "name_pt", "name_ar"]
EVENT_TEXTS = ["title", "summary", "background", "venue", "city"]
TRANSLATION_TEXTS = ["title", "summary"]
WORD = re.compile(r"\w")


def search_events(queryset: QuerySet, text: str, *, limit: int = LIMIT) -> QuerySet:
    """The events of ``queryset`` in which every word of ``text`` is found (see the module's
    docstring), the newest ``limit`` of them; ``queryset``'s order is left to the caller. A text
    with no word in it finds nothing. One query, run here: the candidates' ids, which the
    list's counts and its page then read by id rather than searching twice (17 ms each for
    "security" at ten years of data)."""
    words = _words(text)
    if not words:
        return queryset.none()
    postgresql = connections[queryset.db].vendor == "postgresql"
    condition = Q()
    for word in words:
        condition &= _found_in(word, " ".join(words)) if postgresql else _found_plainly(word)
    candidates = list(
        queryset.filter(condition).order_by("-pk").values_list("pk", flat=True)[:limit]
    )
    return queryset.filter(pk__in=candidates)


def _words(text: str) -> list[str]:
    """The words of ``text``, as typed: quotes and a leading minus are no operators here."""
    # PostgreSQL refuses NUL characters in text.
    words = (word.strip('"').lstrip("-") for word in text.replace("\x00", " ").split())
    return [word for word in words if WORD.search(word)][:MAX_WORDS]


def _found_in(word: str, text: str) -> Q:
    """PostgreSQL: ``word`` (of ``text``) is in the event's vector, a translation's, its
    country's names or an organisation's. Each part is a subquery: the GIN indexes serve the
    first two."""
    in_event = Event.objects.filter(matches(word)).values("pk")
    in_translation = EventTranslation.objects.filter(matches(word)).values("event_id")
    stop_in_translation = EventTranslation.objects.filter(
        stop_word_in_row_language(word, text)
    ).values("event_id")
    countries = Country.objects.filter(names_match(word, COUNTRY_NAMES)).values("pk")
    return (
        Q(stop_word_in_row_language(word, text))
        | Q(pk__in=in_event)
        | Q(pk__in=in_translation)
        | Q(pk__in=stop_in_translation)
        | Q(country__in=countries[:NAMES_LIMIT])
        | Q(pk__in=_organised_by(word))
    )


def _found_plainly(word: str) -> Q:
    """Other databases (SQLite in development and tests): plain substrings, no stemming.

    Case is ignored for ASCII letters only (SQLite's LIKE), and accents only one way: a word
    typed with its accents also looks for its spelling without them ("réforme" finds
    "reforme"), but "formacao" does not find "formação" in a title or a country name, and
    "trained" does not find "training". Country names match inside words ("Niger" finds
    Nigeria). Organisation names, kept plain, are matched as on PostgreSQL: "cedeao" finds
    ECOWAS.
    """
    spellings = {word, _without_accents(word)}
    translated = EventTranslation.objects.filter(_any_contains(TRANSLATION_TEXTS, spellings))
    countries = Country.objects.filter(_any_contains(COUNTRY_NAMES, spellings)).values("pk")
    return (
        _any_contains(EVENT_TEXTS, spellings)
        | Q(pk__in=translated.values("event_id"))
        | Q(country__in=countries[:NAMES_LIMIT])
        | Q(pk__in=_organised_by(word))
    )


def _organised_by(word: str) -> QuerySet:
    """The events in which an organisation with ``word`` as a whole name, acronym or alias, or a
    word of one, takes part (at most ``NAMES_LIMIT`` organisations, whole names first)."""
    name = plain(word)
    if not name:
        return EventOrganiser.objects.none().values("event_id")
    whole = f"{NAME_MARK}{name}{NAME_MARK}"
    spellings = (whole, f"{NAME_MARK}{name} ", f" {name}{NAME_MARK}", f" {name} ")
    organisations = (
        Organisation.objects.filter(
            Q.create([("search_names__contains", s) for s in spellings], connector=Q.OR)
        )
        .order_by(
            Case(
                When(search_names__contains=whole, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "pk",
        )
        .values("pk")[:NAMES_LIMIT]
    )
    return EventOrganiser.objects.filter(organisation__in=organisations).values("event_id")


def _any_contains(fields: list[str], spellings: set[str]) -> Q:
    return Q.create(
        [(f"{field}__icontains", s) for field in fields for s in spellings], connector=Q.OR
    )


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
