"""Language-aware, accent-insensitive full-text search on PostgreSQL: stem first, then drop accents.

A record is stemmed with the configuration of its own language, then each lexeme loses its
accents: "Les réformes planifiées" gives 'reform', 'planifi'. A query is parsed the same way in
each language and the results are OR-ed, because the reader's query has no language: so
"planifier" finds "planifiées", "formacao" and "formações" find "formação", "trained" finds
"training". Putting unaccent before the stemmer instead (a text search configuration mapped
``WITH unaccent, french_stem``) breaks French stemming: the stemmer expects the accents, and
"planifiées", "planifier", "planifié" get three different stems.

The SQL functions are created by workshops migration 0006 (which says what each does); a
later migration that changes one uses CREATE OR REPLACE. A table searched this way gets a
generated column and a GIN index on it, e.g.::

    ALTER TABLE app_record ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(ssr_document(language, title), 'A')
        || setweight(ssr_document(language, body), 'C')
    ) STORED;
    CREATE INDEX app_record_search_gin ON app_record USING gin (search_vector);

and is queried with ``RowSQL`` expressions from the functions below. PostgreSQL computes
``ssr_query(%s)`` once while planning (it is immutable and its argument a constant), so a search
costs no query of its own.
"""

from django.db.models import BooleanField, Expression

DOCUMENT_FUNCTION = "ssr_document"  # (language, text) -> tsvector
QUERY_FUNCTION = "ssr_query"  # (text[, languages]) -> tsquery, NULL without a word
STOP_LANGUAGES_FUNCTION = "ssr_stop_languages"  # (text) -> the languages it is stop words in
UNACCENT_FUNCTION = "imm_unaccent"  # (text) -> text, immutable
SIMPLE = ""  # the "language" of texts searched without stemming (names)


class RowSQL(Expression):
    """SQL over the row of the queryset compiling it; ``{t}`` is that table's alias.

    The alias is looked up at compile time because it changes (to U0...) when the queryset is
    used as a subquery, and a generated column is not a model field that F() could name.
    """

    def __init__(self, template: str, params: list, output_field=None):
        super().__init__(output_field=output_field or BooleanField())
        self.template = template
        self.params = params

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=alias), list(self.params)


def matches(text: str, column: str = "search_vector") -> RowSQL:
    """The row's generated ``column`` holds ``text`` in one of the languages (websearch syntax:
    every word, "quoted phrases", or, -word)."""
    return RowSQL(f"{{t}}.{column} @@ {QUERY_FUNCTION}(%s)", [text])


def stop_word_in_row_language(word: str, text: str, language_column: str = "language") -> RowSQL:
    """``word`` is a stop word in the row's language ("au" in a French record), which the row's
    vector leaves out, and ``text``, the whole query, holds other words in that language.

    For a search that asks each word of ``text`` apart: such a word is not asked of the row, so
    "atelier au Mali" finds a French record, but "AU" alone does not find every French one.
    """
    stop_languages = f"{STOP_LANGUAGES_FUNCTION}(%s)"
    # The first test makes the whole condition a constant false for most words, which lets
    # PostgreSQL drop the subquery it stands in while planning.
    return RowSQL(
        f"(cardinality({stop_languages}) > 0"
        f" AND {{t}}.{language_column} = ANY({stop_languages})"
        f" AND NOT {{t}}.{language_column} = ANY({stop_languages}))",
        [word, word, text],
    )


def names_match(text: str, columns: list[str]) -> RowSQL:
    """One of the names in ``columns`` holds every word of ``text``, accents and case aside.

    Names (of countries, places) are not stemmed: "Niger" must not find "Nigéria", which French
    stems to 'niger'. Without a stemmer, dropping accents first is safe, and cheaper. No index:
    for small reference tables.
    """
    names = ", ".join(f"{{t}}.{column}" for column in columns)
    return RowSQL(
        f"to_tsvector('pg_catalog.simple', {UNACCENT_FUNCTION}(concat_ws(' ', {names})))"
        f" @@ {QUERY_FUNCTION}(%s, ARRAY['{SIMPLE}'])",
        [text],
    )
