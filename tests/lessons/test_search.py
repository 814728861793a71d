import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


# The word of each family in a text, to search it as written and without its accents.
WORD_OF_FAMILY = {
    "fr": r"planifi\w*|frontali\w*",
    "pt": r"forma\w*",
    "en": r"train\w*",
}


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fr",
            [
                "Les réunions de coordination ont été planifiées avec la CEDEAO.",
                "Il faut planifier les ateliers nationaux six mois avant.",
                "Le calendrier planifié par la Commission n’a pas été tenu.",
            ],
        ),
        (
            "fr",
            [
                "Les comités frontaliers du Liptako-Gourma ont été associés.",
                "Les patrouilles frontalières mixtes manquaient de moyens.",
            ],
        ),
        (
            "pt",
            [
                "A formação dos formadores começou em Bissau.",
                "As formações regionais foram adiadas.",
                "O plano de formacao foi enviado tarde.",
            ],
        ),
        (
            "en",
            [
                "Border officers will train their colleagues in Niamey.",
                "Police officers were trained in Bamako.",
                "The training of trainers was held in Abuja.",
            ],
        ),
    ],
    ids=["planifier", "frontalier", "formacao", "train"],
)
def test_every_inflection_finds_every_other_accents_aside(on_postgresql, language, texts):
    lessons = [LessonFactory(language=language, title="Lesson", observation=t) for t in texts]
    LessonFactory(language=language, title="Lesson", observation="Le budget. The budget.")
    words = [re.search(WORD_OF_FAMILY[language], text).group() for text in texts]
    words += [search._without_accents(word) for word in words]

    for word in words:
        assert sorted(found(word), key=lambda lesson: lesson.pk) == lessons, word


def test_french_stop_word_is_not_asked_of_a_french_lesson_with_the_other_words(on_postgresql):
    lesson = LessonFactory(
        language="fr", title="La sécurité des frontières du Niger", observation="Tard."
    )

    assert found("sécurité au Niger") == [lesson]
    assert found("the Niger") == []


def test_a_word_typed_without_accents_finds_its_other_inflections(on_postgresql):
    lesson = LessonFactory(
        language="fr",
        title="Sécurités frontalières",
        observation="Les stratégies élaborées pour les frontières intégrées.",
    )

    # French stems these words differently with and without their accents.
    for text in ["securite", "frontiere", "elaboree", "integree", "strategie"]:
        assert found(text) == [lesson], text


def test_lesson_and_recommendation_rank_before_the_observation(on_postgresql):
    in_observation = LessonFactory(
        language="fr", title="Calendrier", observation="Les ateliers planifiés ont glissé."
    )
    in_statement = LessonFactory(
        language="fr", title="Calendrier", statement="Planifier les ateliers plus tôt."
    )
    in_title = LessonFactory(language="fr", title="Ateliers planifiés trop tard")

    results = found("planifier")

    assert results == [in_title, in_statement, in_observation]
    assert results[0].search_rank > results[1].search_rank > results[2].search_rank


def test_headline_marks_another_inflection_typed_without_accents(on_postgresql):
    LessonFactory(
        language="fr",
        title="Frontières",
        observation="Les patrouilles frontalières ont été planifiées trop tard.",
    )

    (result,) = found("frontalier planifie")

    # ts_headline leaves out the first word ("Les") of a fragment that starts the text.
    assert safe_headline(result) == (
        "patrouilles <mark>frontalières</mark> ont été <mark>planifiées</mark> trop tard"
    )


def test_headline_of_a_lesson_found_by_its_title_shows_the_start_of_its_text(on_postgresql):
    LessonFactory(
        language="en",
        title="Interpretation budget",
        statement="Book the interpreters early.",
        observation="They came late.",
    )

    (result,) = found("budget")

    assert safe_headline(result) == "Book the interpreters early. They came late."


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
        for n in range(1_940)
    ] + [
        LessonFactory.build(
            event=event,
            language="fr",
            title=f"Réforme du secteur de la sécurité {n}",
            observation="La sécurité des frontières. " + BODY,
        )
        # 3 % of the lessons. The word's three lexemes ('secur', 'securit', 'securite'), always
        # found together, make the planner expect three times its matches: at 5 % of so small a
        # table it would rightly read the whole table instead.
        for n in range(60)
    ]
    Lesson.objects.bulk_create(lessons)
    with connection.cursor() as cursor:
        # Autovacuum would move the new rows from the GIN index's pending list into the index.
        cursor.execute("SELECT gin_clean_pending_list('lessons_lesson_search_gin'::regclass)")
        cursor.execute("ANALYZE lessons_lesson")

    # The search finds its candidates in a query of its own, the one the index is for.
    with CaptureQueriesContext(connection) as queries:
        search_lessons(Lesson.objects.all(), "sécurité")
    (candidates,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {candidates['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "lessons_lesson_search_gin" in plan, plan
    assert search_lessons(Lesson.objects.all(), "securite").count() == 60


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
