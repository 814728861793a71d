"""Language-aware, accent-insensitive search of events: SQL functions, generated tsvector columns
and their GIN indexes. PostgreSQL only; on SQLite workshops/search.py matches plain text.

Stem first, then drop accents. The Snowball stemmers expect accented words ("planifiées",
"planifier" and "planifié" all stem to 'planifi' only while the accents are there), so each text
is stemmed with the configuration of its record's language and then each lexeme is unaccented.
A query is built the same way, once in each language. ssrportal/textsearch.py explains the
functions and is the Python side of them; lessons can move onto them later.

- ``imm_unaccent(text)``: unaccent() declared IMMUTABLE, so that generated columns can use it.
- ``ssr_unaccent_lexemes(text)``: the text form of a tsvector or tsquery with its quoted lexemes
  unaccented (positions, weights and operators kept). unaccent maps some letters to an
  apostrophe (U+02BB, the okina of "Hawai'i"): such lexemes are quoted again.
- ``ssr_configuration(language)``: the configuration of a record language (en, fr, pt, ar;
  any other: simple).
- ``ssr_words(language, text)``: the text as the stemmer should see it. Portuguese -ões plurals
  are made -ão: Snowball leaves "formações", "missões", "reuniões" apart from their singulars.
- ``ssr_document(language, text)``: stemmed in the language, lexemes unaccented, plus each word
  as written, unaccented: an unaccented word typed whole ("securite") then finds "sécurité",
  which French stems to 'secur' but "securite" to 'securit'.
- ``ssr_query(text[, languages])``: websearch_to_tsquery in each language (en, fr, pt, ar and
  simple by default), lexemes unaccented, the distinct results OR-ed; NULL when no language
  finds a word in it. Immutable, so PostgreSQL computes it once while planning a query.
- ``ssr_stop_languages(text)``: the record languages in which the text is only stop words ("au"
  in French, "the" in English): a record in one of them does not hold it and is not asked to.

Columns (not model fields: PostgreSQL computes them, Django never writes or reads them):
``workshops_event.search_vector`` (title A, venue and city B, summary C, background D, in the
event's language) and ``workshops_eventtranslation.search_vector`` (title A, summary C, in the
translation's language). A column they read cannot change type while they exist.

The GIN indexes serve the event list's search, search_events() in workshops/search.py, which for
each word of the text asks, among other things:
    workshops_event_search_gin:
        workshops_event.id IN (SELECT id FROM workshops_event
                               WHERE search_vector @@ ssr_query(%s))
    workshops_eventtranslation_search_gin:
        workshops_event.id IN (SELECT event_id FROM workshops_eventtranslation
                               WHERE search_vector @@ ssr_query(%s))
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION imm_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE OR REPLACE FUNCTION ssr_unaccent_lexemes(lexemes text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$
DECLARE
    plain text := imm_unaccent(lexemes);
BEGIN
    -- Quotes and backslashes only come from the text form itself: unaccent left the quoting
    -- as it was.
    IF length(plain) - length(translate(plain, '''\', ''))
            = length(lexemes) - length(translate(lexemes, '''\', '')) THEN
        RETURN plain;
    END IF;
    -- Else unaccent each quoted lexeme apart and quote it again.
    RETURN (
        SELECT string_agg(
            CASE WHEN part[1] IS NULL THEN part[2] ELSE
                '''' || replace(replace(
                    imm_unaccent(replace(replace(part[1], '''''', ''''), '\\', '\')),
                    '\', '\\'), '''', '''''') || ''''
            END, '' ORDER BY n)
        FROM regexp_matches(lexemes, '''((?:[^'']|'''')*)''|([^'']+)', 'g')
            WITH ORDINALITY AS parts(part, n)
    );
END
$$;

CREATE OR REPLACE FUNCTION ssr_configuration(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE language
        WHEN 'en' THEN 'pg_catalog.english'
        WHEN 'fr' THEN 'pg_catalog.french'
        WHEN 'pt' THEN 'pg_catalog.portuguese'
        WHEN 'ar' THEN 'pg_catalog.arabic'
        ELSE 'pg_catalog.simple'
    END::regconfig
$$;

CREATE OR REPLACE FUNCTION ssr_words(language text, body text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN language = 'pt'
        THEN regexp_replace(regexp_replace(lower(body), 'ões\M', 'ão', 'g'), 'oes\M', 'ao', 'g')
        ELSE body
    END
$$;

CREATE OR REPLACE FUNCTION ssr_document(language text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    -- The text form of both vectors, joined: the lexemes of one word keep its position.
    SELECT ssr_unaccent_lexemes(
        to_tsvector(ssr_configuration(language), ssr_words(language, coalesce(body, '')))::text
        || ' ' || to_tsvector('pg_catalog.simple', coalesce(body, ''))::text
    )::tsvector
$$;

CREATE OR REPLACE FUNCTION ssr_query(
    body text, languages text[] DEFAULT ARRAY['en', 'fr', 'pt', 'ar', '']
) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
    -- Each distinct result once: "sécurité" gives 'secur' in three languages, and repeated
    -- terms make the planner overestimate the matches and pass over the GIN index.
    SELECT nullif(string_agg('(' || parsed || ')', ' | ' ORDER BY parsed), '')::tsquery
    FROM (
        SELECT DISTINCT ssr_unaccent_lexemes(
            websearch_to_tsquery(ssr_configuration(language), ssr_words(language, body))::text
        ) AS parsed
        FROM unnest(languages) AS language
    ) AS queries
    WHERE parsed <> ''
$$;

CREATE OR REPLACE FUNCTION ssr_stop_languages(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
    SELECT coalesce(array_agg(language ORDER BY language), '{}')
    FROM unnest(ARRAY['en', 'fr', 'pt', 'ar']) AS language
    WHERE numnode(websearch_to_tsquery(ssr_configuration(language), ssr_words(language, body))) = 0
$$;
"""

COLUMNS = """
ALTER TABLE workshops_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(ssr_document(language, title), 'A')
    || setweight(ssr_document(language, venue || ' ' || city), 'B')
    || setweight(ssr_document(language, summary), 'C')
    || setweight(ssr_document(language, background), 'D')
) STORED;
CREATE INDEX workshops_event_search_gin ON workshops_event USING gin (search_vector);

ALTER TABLE workshops_eventtranslation ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(ssr_document(language, title), 'A')
    || setweight(ssr_document(language, summary), 'C')
) STORED;
CREATE INDEX workshops_eventtranslation_search_gin
    ON workshops_eventtranslation USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS workshops_eventtranslation_search_gin;
ALTER TABLE workshops_eventtranslation DROP COLUMN IF EXISTS search_vector;
DROP INDEX IF EXISTS workshops_event_search_gin;
ALTER TABLE workshops_event DROP COLUMN IF EXISTS search_vector;
DROP FUNCTION IF EXISTS ssr_stop_languages(text);
DROP FUNCTION IF EXISTS ssr_query(text, text[]);
DROP FUNCTION IF EXISTS ssr_document(text, text);
DROP FUNCTION IF EXISTS ssr_words(text, text);
DROP FUNCTION IF EXISTS ssr_configuration(text);
DROP FUNCTION IF EXISTS ssr_unaccent_lexemes(text);
DROP FUNCTION IF EXISTS imm_unaccent(text);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS, params=None)
    schema_editor.execute(COLUMNS, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP, params=None)
    # The unaccent extension stays: lessons use it too.


class Migration(migrations.Migration):
    dependencies = [("workshops", "0005_faithful_records")]

    operations = [migrations.RunPython(forward, backward)]
