"""Full-text search of the lessons register, language-aware on PostgreSQL, plain on SQLite.

On PostgreSQL, each lesson carries a generated ``search_vector`` (migration 0010): its title
(weight A), lesson and recommendation (B) and observation (C), each stemmed with the
configuration of the lesson's own language and then unaccented, through the SQL functions the
event search uses (ssrportal/textsearch.py). Every word of the text must be found in the lesson,
in any language, so "planifier" finds "planifiées", "frontaliers" finds "frontalières",
"formacao" and "formações" find "formação", "trained" finds "training", and "Réforme sécurite"
finds "Les réformes du secteur de la sécurité". A stop word of the lesson's language ("au" in a
French lesson) is not asked of it when the text has other words. Quotes and a leading minus are
no operators: each word counts as typed.

Use ``safe_headline(lesson)`` to show the highlight, never ``lesson.search_headline`` itself.
"""

import html
import re
import unicodedata

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat, Substr
from django.utils.safestring import SafeString, mark_safe

from ssrportal.textsearch import QUERY_FUNCTION, RowSQL, matches, stop_word_in_row_language

HEADLINE_FUNCTION = "ssr_headline"  # (language, body, query, options) -> text, migration 0010
LIMIT = 1000
MAX_WORDS = 8
# ts_headline drops what its parser takes for HTML tags ("<script>" would vanish rather than
# show): the text is escaped before, so the only markup in the result is its own <mark>.
ESCAPED_BODY_SQL = (
    "replace(replace(replace(coalesce({t}.statement, '') || ' ' || coalesce({t}.observation, ''),"
    " '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
)
HEADLINE_OPTIONS = "StartSel=<mark>, StopSel=</mark>, MinWords=15, MaxWords=35, MaxFragments=2"
FALLBACK_HEADLINE_LENGTH = 200
MARK = re.compile(r"(</?mark>)")
WORD = re.compile(r"\w+")
HAS_WORD = re.compile(r"\w")


def search_lessons(queryset: QuerySet, text: str, *, limit: int = LIMIT) -> QuerySet:
    """The lessons of ``queryset`` that match ``text``, best first.

    On PostgreSQL this runs one query at once, which finds the candidates (PostgreSQL parses
    the words while planning it), and returns a queryset of them: counting them and ranking a
    page then read the candidates by id instead of searching again each time.

    Each row is annotated with ``search_rank`` (a float, higher is better) and
    ``search_headline`` (pass the lesson to ``safe_headline`` to show it). A text with no word
    in it matches nothing; only its first ``MAX_WORDS`` words count.

    On PostgreSQL, only the newest ``limit`` matches are ranked: ranking every match of a
    common word ("security") is what makes a search slow, and nobody reads past the first
    pages. On other databases, see ``_fallback``.
    """
    words = search_words(text)
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor != "postgresql":
        return _fallback(queryset, text)

    whole = " ".join(words)
    condition = Q()
    for word in words:
        if len(words) == 1:
            # Alone, a word is never exempted as a stop word: asked plainly, the GIN index
            # serves it ("au" alone must not scan every row).
            condition = Q(matches(word))
        else:
            condition &= Q(matches(word)) | Q(stop_word_in_row_language(word, whole))
    candidates = list(
        queryset.filter(condition).order_by("-pk").values_list("pk", flat=True)[:limit]
    )
    # Ranked and marked by any of the words, each in any language.
    any_word = [" or ".join(words)]
    query_sql = f"{QUERY_FUNCTION}(%s)"
    return (
        queryset.filter(pk__in=candidates)
        .annotate(
            search_rank=RowSQL(
                f"ts_rank({{t}}.search_vector, {query_sql})", any_word, FloatField()
            ),
            search_headline=RowSQL(
                f"{HEADLINE_FUNCTION}({{t}}.language, {ESCAPED_BODY_SQL}, {query_sql}, %s)",
                [*any_word, HEADLINE_OPTIONS],
                TextField(),
            ),
            search_text=Value(text, output_field=TextField()),
        )
        .order_by("-search_rank", "-pk")
    )


def search_words(text: str) -> list[str]:
    """The words of ``text`` as typed, at most ``MAX_WORDS``: quotes and a leading minus are no
    operators here, and PostgreSQL refuses NUL characters."""
    words = (word.strip('"').lstrip("-") for word in text.replace("\x00", " ").split())
    return [word for word in words if HAS_WORD.search(word)][:MAX_WORDS]


def _fallback(queryset: QuerySet, text: str) -> QuerySet:
    """Every word of ``text`` must appear in the title, observation, lesson or recommendation.

    No stemming: "training" does not find "trained". Case is ignored for ASCII letters only
    (SQLite's LIKE), and accents only one way: a word typed with accents also looks for the
    same word without them ("réforme" finds "reforme"), but "reforme" does not find "réforme".
    Lessons whose title holds more of the words come first. The headline is the first 200
    characters of the lesson and observation.
    """
    condition = Q()
    title_hits = []
    for word in _words(text):
        spellings = {word, _without_accents(word)}
        found = Q()
        for field in ("title", "observation", "statement", "recommendation"):
            for spelling in spellings:
                found |= Q(**{f"{field}__icontains": spelling})
        condition &= found
        title_hits.append(
            Case(
                When(
                    Q.create([("title__icontains", s) for s in spellings], connector=Q.OR),
                    then=Value(1.0),
                ),
                default=Value(0.0),
            )
        )
    rank = title_hits[0]
    for hit in title_hits[1:]:
        rank = rank + hit
    return (
        queryset.filter(condition)
        .annotate(
            search_rank=Value(0.0, output_field=FloatField()) + rank,
            search_headline=Substr(
                Concat(F("statement"), Value(" "), F("observation"), output_field=TextField()),
                1,
                FALLBACK_HEADLINE_LENGTH,
            ),
            search_text=Value(text, output_field=TextField()),
            # A plain excerpt, not ts_headline's: safe_headline escapes and marks it itself.
            search_plain=Value(True, output_field=BooleanField()),
        )
        .order_by("-search_rank", "-pk")
    )


def safe_headline(lesson) -> SafeString:
    """The lesson's highlight from ``search_lessons``, as HTML: the text escaped, words marked."""
    if getattr(lesson, "search_plain", False):
        return _mark_words(lesson.search_headline.strip(), _words(lesson.search_text))
    # ts_headline's output, escaped in SQL; escaping < and > again is a no-op kept as a safety net.
    return _balanced_marks(
        lesson.search_headline, lambda part: part.replace("<", "&lt;").replace(">", "&gt;")
    )


def _balanced_marks(marked: str, escape) -> SafeString:
    """Keep only the <mark> tags, each closed once, and pass every other piece to ``escape``."""
    out, open_ = [], False
    for part in MARK.split(marked):
        if part == "<mark>":
            if not open_:
                out.append(part)
            open_ = True
        elif part == "</mark>":
            if open_:
                out.append(part)
            open_ = False
        else:
            out.append(escape(part))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # every piece is escaped or a <mark> tag


def _mark_words(text: str, words: list[str]) -> SafeString:
    """Escape ``text`` and wrap each occurrence of one of ``words`` (any case) in <mark>."""
    spellings = {s for word in words for s in (word, _without_accents(word))}
    if not spellings:
        return SafeString(html.escape(text))
    pattern = re.compile(
        "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)), re.IGNORECASE
    )
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    out.append(html.escape(text[position:]))
    return mark_safe("".join(out))  # every piece is escaped or a <mark> tag


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
