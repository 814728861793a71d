"""The register's search, stemmed first and then unaccented: on the event search's SQL functions
(workshops migration 0006, ssrportal/textsearch.py) instead of migration 0004's configurations.

PostgreSQL only; on SQLite, lessons/search.py falls back to icontains.

Migration 0004 put unaccent before the stemmer (en_unaccent, fr_unaccent...), which breaks
French stemming: "planifiées", "planifier" and "planifié" got three stems, and "frontaliers"
did not find "frontalières". The four configurations of 0004 are dropped.

- ``ssr_lesson_document(language, text)``: ``ssr_document`` (the text stemmed with the
  configuration of its language, then each lexeme unaccented, plus each word as written,
  unaccented), plus the stems of the text written without its accents. That last part is for a
  reader who types without accents a word in another inflection than the lesson's: French stems
  "securite" to 'securit' but "sécurités" to 'secur', "frontiere" to 'frontier' but
  "frontières" to 'fronti'; stemmed without accents, "sécurités" gives 'securit' and
  "frontières" 'frontier' too. The accented stems stay, so "planifier" still finds
  "planifiées". The text forms of the vectors are joined, as ssr_document does (never passed
  through array_to_tsvector), so each word keeps its position and setweight applies.
- ``ssr_headline(language, body, query, options)``: ts_headline of ``body`` with the words
  marked that hold a lexeme of ``query`` (built by ssr_query) in ``ssr_lesson_document``.
  ts_headline alone cannot: it compares the query with the lexemes of one configuration, accents
  included, so "reforme" would not mark "réformes". The words are found by their positions,
  then handed to ts_headline as a 'simple' query of the words as written.

``lessons_lesson.search_vector`` (not a model field: PostgreSQL computes it) is title A, lesson
and recommendation B, observation C, each ``ssr_lesson_document`` in the lesson's language.

The GIN index lessons_lesson_search_gin serves the register's search, search_lessons() in
lessons/search.py, which asks, for each word of the text, as the newest 1,000 candidates:
    SELECT id FROM lessons_lesson
    WHERE search_vector @@ ssr_query(%s) [AND search_vector @@ ssr_query(%s) ...]
    ORDER BY id DESC LIMIT 1000
(a stop word of the lesson's language is not asked of it when the text has other words).
"""

import importlib

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION ssr_lesson_document(language text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (
        ssr_document(language, body)::text || ' ' || to_tsvector(
            ssr_configuration(language), imm_unaccent(ssr_words(language, coalesce(body, '')))
        )::text
    )::tsvector
$$;

CREATE OR REPLACE FUNCTION ssr_headline(language text, body text, query tsquery, options text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    -- The lexemes of the query: its quoted strings, with their doubled quotes undone.
    wanted text[] := ARRAY(
        SELECT replace(part[1], '''''', '''')
        FROM regexp_matches(query::text, '''((?:[^'']|'''')*)''', 'g') AS part
    );
    configuration regconfig := ssr_configuration(language);
    words tsvector := to_tsvector('pg_catalog.simple', body);
    hits smallint[];
    marked text;
BEGIN
    -- The positions of the words that hold one of them in one of ssr_lesson_document's three
    -- parts, read apart: faster than through its text form.
    hits := ARRAY(
        SELECT unnest(positions)
        FROM unnest(to_tsvector(configuration, ssr_words(language, body)))
        WHERE imm_unaccent(lexeme) = ANY(wanted)
        UNION ALL
        SELECT unnest(positions) FROM unnest(words) WHERE imm_unaccent(lexeme) = ANY(wanted)
        UNION ALL
        SELECT unnest(positions)
        FROM unnest(to_tsvector(configuration, imm_unaccent(ssr_words(language, body))))
        WHERE lexeme = ANY(wanted)
    );
    -- Those words as the 'simple' configuration sees them, which ts_headline then marks.
    SELECT string_agg(quote_literal(lexeme), ' | ') INTO marked
    FROM unnest(words) WHERE positions && hits;
    -- No word found in the body (the lesson matched by its title): its start, as ts_headline
    -- gives it for a query the body does not hold.
    RETURN ts_headline('pg_catalog.simple', body, coalesce(marked::tsquery, query), options);
END
$$;
"""

COLUMN = """
DROP INDEX IF EXISTS lessons_lesson_search_gin;
ALTER TABLE lessons_lesson DROP COLUMN IF EXISTS search_vector;
ALTER TABLE lessons_lesson ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(ssr_lesson_document(language, title), 'A')
    || setweight(ssr_lesson_document(language, statement), 'B')
    || setweight(ssr_lesson_document(language, recommendation), 'B')
    || setweight(ssr_lesson_document(language, observation), 'C')
) STORED;
CREATE INDEX lessons_lesson_search_gin ON lessons_lesson USING gin (search_vector);
"""

OLD_CONFIGURATIONS = ["en_unaccent", "fr_unaccent", "pt_unaccent", "simple_unaccent"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS, params=None)
    schema_editor.execute(COLUMN, params=None)
    for name in OLD_CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP INDEX IF EXISTS lessons_lesson_search_gin;"
        " ALTER TABLE lessons_lesson DROP COLUMN IF EXISTS search_vector;"
        " DROP FUNCTION IF EXISTS ssr_headline(text, text, tsquery, text);"
        " DROP FUNCTION IF EXISTS ssr_lesson_document(text, text);",
        params=None,
    )
    # 0004's configurations and column, as it made them.
    importlib.import_module("lessons.migrations.0004_lesson_search_vector_on_postgresql").forward(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0009_role_permissions_for_lesson_categories"),
        ("workshops", "0006_event_search_on_postgresql"),
    ]

    operations = [migrations.RunPython(forward, backward)]
