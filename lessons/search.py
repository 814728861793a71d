"""Full-text search of the lessons register, language-aware on PostgreSQL, plain on SQLite.

On PostgreSQL, each lesson carries a generated ``search_vector`` built with the configuration of
its own language (migration 0004), so "reforme" finds "Les réformes" and "training" finds
"trained". The query's language is unknown, so it is parsed with every configuration and the
results are OR-ed: a query matches a record in any of them.

Use ``safe_headline(lesson)`` to show the highlight, never ``lesson.search_headline`` itself.
"""

import html
import re
import unicodedata

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Expression,
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

CONFIGURATIONS = ["en_unaccent", "fr_unaccent", "pt_unaccent", "simple_unaccent"]
RECORD_CONFIGURATION_SQL = (
    "CASE {t}.language WHEN 'fr' THEN 'fr_unaccent'::regconfig"
    " WHEN 'pt' THEN 'pt_unaccent'::regconfig WHEN 'en' THEN 'en_unaccent'::regconfig"
    " ELSE 'simple_unaccent'::regconfig END"
)
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


class _LessonSQL(Expression):
    """SQL over the lesson row; ``{t}`` is the lesson table's alias in the query compiling it.

    The alias is looked up at compile time because it changes (to U0...) when the queryset is
    used as a subquery, and ``search_vector`` is not a model field that F() could name.
    """

    def __init__(self, template: str, params: list, output_field):
        super().__init__(output_field=output_field)
        self.template = template
        self.params = params

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=alias), list(self.params)


def search_lessons(queryset: QuerySet, text: str, *, limit: int = 1000) -> QuerySet:
    """The lessons of ``queryset`` that match ``text``, best first.

    On PostgreSQL this runs one query at once (parsing ``text``) and returns a lazy queryset
    that filters, ranks and highlights in one more.

    Each row is annotated with ``search_rank`` (a float, higher is better) and
    ``search_headline`` (pass the lesson to ``safe_headline`` to show it). A text with no word
    in it matches nothing.

    On PostgreSQL, only the newest ``limit`` matches are ranked: ranking every match of a
    common word ("security") is what makes a search slow, and nobody reads past the first
    pages. On other databases, see ``_fallback``.
    """
    if not WORD.search(text):
        return queryset.none()
    if connections[queryset.db].vendor != "postgresql":
        return _fallback(queryset, text)

    query = _tsquery(queryset.db, text)
    if not query:
        return queryset.none()
    matches = _LessonSQL("{t}.search_vector @@ %s::tsquery", [query], output_field=BooleanField())
    candidates = queryset.filter(matches).order_by("-pk").values("pk")[:limit]
    return (
        queryset.filter(pk__in=candidates)
        .annotate(
            search_rank=_LessonSQL(
                "ts_rank({t}.search_vector, %s::tsquery)",
                [query],
                output_field=FloatField(),
            ),
            search_headline=_LessonSQL(
                f"ts_headline({RECORD_CONFIGURATION_SQL}, {ESCAPED_BODY_SQL}, %s::tsquery, %s)",
                [query, HEADLINE_OPTIONS],
                output_field=TextField(),
            ),
            search_text=Value(text, output_field=TextField()),
        )
        .order_by("-search_rank", "-pk")
    )


def _tsquery(db: str, text: str) -> str:
    """``text`` parsed with each configuration, the distinct results OR-ed, as tsquery text.

    Done apart, in one small query, because "sécurité" gives the same 'securit' in three
    configurations: repeated terms make the planner overestimate the matches and pass over the
    GIN index. An empty string when no configuration finds a word (stop words only).
    """
    with connections[db].cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT websearch_to_tsquery(config::regconfig, %s)::text"
            " FROM unnest(%s) AS config",
            [text, CONFIGURATIONS],
        )
        parts = sorted(row[0] for row in cursor.fetchall() if row[0])
    return " | ".join(f"({part})" for part in parts)


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
