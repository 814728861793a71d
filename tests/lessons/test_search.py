import pytest
from django.db import connection

from lessons import search
from lessons.models import Lesson
from lessons.search import safe_headline, search_lessons
from tests.factories import EventFactory, LessonFactory

pytestmark = pytest.mark.django_db


# As long as a lesson's observation often is, so that the table is as wide as a real one.
BODY = "Share the draft agenda with the RECs and the member states early. " * 10


def found(text, **kwargs):
    return list(search_lessons(Lesson.objects.all(), text, **kwargs))


def found_by_fallback(text):
    """The plain search of databases other than PostgreSQL, run here on whichever one."""
    return list(search._fallback(Lesson.objects.all(), text))


# PostgreSQL: language-aware search.


def test_french_lesson_is_found_without_accents_and_in_another_inflection(on_postgresql):
    lesson = LessonFactory(
        language="fr",
        title="Les réformes du secteur de la sécurité",
        observation="Les CER ont été invitées tard.",
    )

    assert found("reforme") == [lesson]
    assert found("réformes") == [lesson]
    assert found("Réforme sécurite") == [lesson]


def test_english_lesson_with_trained_is_found_by_training(on_postgresql):
    lesson = LessonFactory(language="en", observation="Police officers were trained in Bamako.")

    assert found("training") == [lesson]


def test_portuguese_formacao_is_found_without_cedilla_and_tilde(on_postgresql):
    lesson = LessonFactory(
        language="pt",
        title="Formação dos formadores",
        observation="A formação começou tarde.",
    )

    assert found("formacao") == [lesson]


def test_french_lesson_is_not_found_by_an_english_word_it_does_not_hold(on_postgresql):
    french = LessonFactory(language="fr", title="Les réformes du secteur de la sécurité")
    english = LessonFactory(language="en", observation="Police officers were trained.")

    assert found("training") == [english]
    assert french not in found("trained")


def test_every_word_of_the_query_must_match(on_postgresql):
    both = LessonFactory(language="en", title="Security sector reform in the Sahel")
    LessonFactory(language="en", title="Security of the elections")

    assert found("security reform") == [both]


def test_title_match_ranks_before_body_only_match(on_postgresql):
    in_title = LessonFactory(language="en", title="Security sector governance")
    in_body = LessonFactory(
        language="en", title="Plan early", observation="Security was discussed at length."
    )

    results = found("security")

    assert results == [in_title, in_body]
    assert results[0].search_rank > results[1].search_rank


def test_only_the_given_queryset_is_searched(on_postgresql):
    LessonFactory(language="en", title="Security sector reform", stage="draft")
    validated = LessonFactory(language="en", title="Security sector reform", stage="validated")

    results = list(search_lessons(Lesson.objects.filter(stage="validated"), "security"))

    assert results == [validated]


def test_only_the_newest_matches_up_to_the_limit_are_ranked(on_postgresql):
    LessonFactory(language="en", title="Security sector reform")
    second = LessonFactory(language="en", title="Security of borders")
    third = LessonFactory(language="en", observation="Security was discussed.")

    assert found("security", limit=2) == [second, third]


def test_headline_marks_matched_words_and_escapes_html(on_postgresql):
    lesson = LessonFactory(
        language="en",
        title="Scripts",
        observation='Trained <script>alert("x")</script> & the training went well.',
    )

    (result,) = found("training")

    assert result == lesson
    assert safe_headline(result) == (
        '<mark>Trained</mark> &lt;script&gt;alert("x")&lt;/script&gt; &amp; the '
        "<mark>training</mark> went well"
    )


def test_headline_of_a_french_lesson_marks_the_word_in_its_own_inflection(on_postgresql):
    LessonFactory(language="fr", title="Sécurité", observation="Deux réformes ont échoué.")

    (result,) = found("reforme")

    assert safe_headline(result) == "Deux <mark>réformes</mark> ont échoué"


def test_gin_index_serves_the_search_of_a_common_word(on_postgresql):
    event = EventFactory()
    lessons = [
        LessonFactory.build(
            event=event,
            language="en",
            title=f"Coordination lesson {n}",
            observation=BODY,
        )
        for n in range(1_900)
    ] + [
        LessonFactory.build(
            event=event,
            language="fr",
            title=f"Réforme du secteur de la sécurité {n}",
            observation="La sécurité des frontières. " + BODY,
        )
        for n in range(100)
    ]
    Lesson.objects.bulk_create(lessons)
    with connection.cursor() as cursor:
        # Autovacuum would move the new rows from the GIN index's pending list into the index.
        cursor.execute("SELECT gin_clean_pending_list('lessons_lesson_search_gin'::regclass)")
        cursor.execute("ANALYZE lessons_lesson")

    plan = search_lessons(Lesson.objects.all(), "sécurité").explain()

    assert "lessons_lesson_search_gin" in plan, plan
    assert search_lessons(Lesson.objects.all(), "securite").count() == 100


# Every database.


def test_text_without_a_word_finds_nothing():
    LessonFactory(title="Security sector reform")

    assert found("  ?! ") == []


# Other databases (SQLite): the plain fallback, tested on every database.


def test_fallback_finds_a_word_in_the_title():
    lesson = LessonFactory(title="Security sector reform", observation="Plan early.")
    LessonFactory(title="Plan joint events", observation="Invite the RECs.")

    assert found_by_fallback("security") == [lesson]
    assert found_by_fallback("SECURITY") == [lesson]


def test_fallback_needs_every_word():
    both = LessonFactory(title="Security sector reform", observation="In the Sahel.")
    LessonFactory(title="Security of the elections", observation="Observers came late.")

    assert found_by_fallback("security sahel") == [both]
    assert found_by_fallback("security ghana") == []


def test_fallback_ranks_title_matches_first():
    in_title = LessonFactory(title="Security sector reform", observation="Plan early.")
    in_body = LessonFactory(title="Plan early", observation="Security was discussed.")

    assert found_by_fallback("security") == [in_title, in_body]


def test_fallback_with_accents_also_finds_the_word_typed_without():
    lesson = LessonFactory(language="fr", title="La reforme du secteur", observation="Tard.")

    assert found_by_fallback("réforme") == [lesson]


def test_fallback_headline_marks_words_and_escapes_html():
    LessonFactory(
        title="Scripts",
        statement="Train early.",
        observation='<script>alert("x")</script> & the training went well.' + " More." * 50,
    )

    (result,) = found_by_fallback("training")

    headline = safe_headline(result)
    assert headline.startswith(
        "Train early. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the "
        "<mark>training</mark> went well. More."
    )
    assert len(result.search_headline) == 200
