"""Language-aware full-text search of lessons: a generated tsvector column and its GIN index.

PostgreSQL only; on SQLite, lessons/search.py falls back to icontains.

Each lesson is indexed with the configuration of its own language (en, fr, pt; Arabic and any
other language with a simple one), each copied from the built-in one with unaccent before the
stemmer, because unaccent() itself cannot go into a generated column ("generation expression is
not immutable"). Title weighs A, lesson and recommendation B, observation C.

The column is not a model field: PostgreSQL computes it, Django never writes or reads it except
through lessons/search.py.

The GIN index lessons_lesson_search_gin serves the register's search, search_lessons():
    WHERE search_vector @@ (websearch_to_tsquery('en_unaccent', %s)
                            || websearch_to_tsquery('fr_unaccent', %s)
                            || websearch_to_tsquery('pt_unaccent', %s)
                            || websearch_to_tsquery('simple_unaccent', %s))
"""

from django.db import migrations

CONFIGURATIONS = {
    # name: (copied from, stemmer put after unaccent)
    "en_unaccent": ("english", "english_stem"),
    "fr_unaccent": ("french", "french_stem"),
    "pt_unaccent": ("portuguese", "portuguese_stem"),
    "simple_unaccent": ("simple", "simple"),
}


def _document(config):
    return f"""
        setweight(to_tsvector('{config}'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('{config}'::regconfig, coalesce(statement, '')), 'B')
        || setweight(to_tsvector('{config}'::regconfig, coalesce(recommendation, '')), 'B')
        || setweight(to_tsvector('{config}'::regconfig, coalesce(observation, '')), 'C')"""


ADD_COLUMN = f"""
ALTER TABLE lessons_lesson ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    CASE language
        WHEN 'fr' THEN {_document("fr_unaccent")}
        WHEN 'pt' THEN {_document("pt_unaccent")}
        WHEN 'en' THEN {_document("en_unaccent")}
        ELSE {_document("simple_unaccent")}
    END
) STORED;
CREATE INDEX lessons_lesson_search_gin ON lessons_lesson USING gin (search_vector);
"""

DROP_COLUMN = """
DROP INDEX IF EXISTS lessons_lesson_search_gin;
ALTER TABLE lessons_lesson DROP COLUMN IF EXISTS search_vector;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent;")
    with schema_editor.connection.cursor() as cursor:
        for name, (source, stemmer) in CONFIGURATIONS.items():
            # CREATE TEXT SEARCH CONFIGURATION has no IF NOT EXISTS.
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
            schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source});")
            schema_editor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer};"
            )
    schema_editor.execute(ADD_COLUMN)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_COLUMN)
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};")
    # The unaccent extension stays: another app may use it, and it costs nothing.


class Migration(migrations.Migration):
    dependencies = [("lessons", "0003_create_role_groups")]

    operations = [migrations.RunPython(forward, backward)]
