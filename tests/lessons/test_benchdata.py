import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from lessons.benchdata.context import ANCHOR
from lessons.benchdata.lesson_words import RARE
from lessons.models import Comment, FollowUpAction, Lesson, StageChange
from lessons.search import search_lessons
from partners.models import Organisation, OrganisationName, Person
from workshops import choices
from workshops.models import (
    Event,
    EventLink,
    EventOrganiser,
    Mandate,
    Notice,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    Source,
)

pytestmark = pytest.mark.django_db

TODAY_OF_THE_DATA = dt.datetime.combine(ANCHOR, dt.time(0), tzinfo=dt.UTC)


def generate(scale: str, seed: int = 7) -> str:
    out = io.StringIO()
    call_command("generate_bench_data", "--scale", scale, "--seed", str(seed), stdout=out)
    return out.getvalue()


def test_volumes_follow_the_scale_and_each_model_gets_a_progress_line():
    reference_organisations = Organisation.objects.count()

    output = generate("0.01")

    assert Organisation.objects.count() - reference_organisations == 20
    assert Person.objects.count() == 200
    assert Mandate.objects.count() == 4
    assert Event.objects.count() == 100
    assert Participant.objects.count() == 1_000
    assert Notice.objects.count() == 3_240
    assert Lesson.objects.count() == 1_000
    assert Counter(Lesson.objects.values_list("language", flat=True)) == {
        "en": 600,
        "fr": 300,
        "pt": 100,
    }
    assert "Events: 100 rows in " in output
    assert "Notices: 3,240 rows in " in output
    assert "Lessons: 1,000 rows in " in output
    assert "rows/s)" in output
    assert "Bench data (scale 0.01, seed 7): " in output


def test_lessons_are_mostly_validated_name_security_and_some_hold_rare_words():
    generate("0.01")

    stages = Counter(Lesson.objects.values_list("stage", flat=True))
    assert stages["validated"] > 600
    assert set(stages) == {
        "draft",
        "submitted",
        "returned",
        "validated",
        "action_assigned",
        "implemented",
        "learned",
        "rejected",
    }
    assert StageChange.objects.filter(to_stage="validated").count() >= stages["validated"]
    assert Lesson.objects.filter(category__isnull=False).count() > 700
    assert Comment.objects.exists()
    assert FollowUpAction.objects.filter(status="open", due_date__lt=ANCHOR).exists()
    assert FollowUpAction.objects.filter(status="open", due_date__gte=ANCHOR).exists()
    texts = {
        lesson.pk: (
            lesson.language,
            f"{lesson.title} {lesson.observation} {lesson.statement} {lesson.recommendation}",
        )
        for lesson in Lesson.objects.all()
    }

    def share(language, word):
        of_language = [text for code, text in texts.values() if code == language]
        return sum(word in text.lower() for text in of_language) / len(of_language)

    assert share("en", "security") > 0.7
    assert share("fr", "sécurité") > 0.7
    assert share("pt", "segurança") > 0.7
    rare = [sentence for sentences in RARE.values() for sentence in sentences]
    holding = [pk for pk, (_code, text) in texts.items() if any(s in text for s in rare)]
    assert 5 < len(holding) < 60


def test_events_carry_every_field_of_a_faithful_record_with_derived_columns_right():
    reference = list(Organisation.objects.values_list("pk", flat=True))

    generate("0.01")

    events = Event.objects.all()
    assert events.filter(all_day=True, open_end=False).count() > 50
    assert events.filter(all_day=False, start__isnull=False).count() > 10
    assert events.filter(open_end=True).exists()
    undated = set(events.filter(start__isnull=True).values_list("status", flat=True))
    assert undated and undated <= {"planned", "postponed"}
    assert events.filter(start__gte=TODAY_OF_THE_DATA, status__in=["planned", "confirmed"])
    assert events.filter(reported_participants__isnull=False, reported_women__isnull=False)
    assert set(EventOrganiser.objects.values_list("role", flat=True)) <= set(
        OrganiserRole.objects.values_list("code", flat=True)
    )
    assert EventOrganiser.objects.values("role").distinct().count() >= 5
    assert ParticipantGroup.objects.filter(count__isnull=False).exclude(count_approximation="")
    assert ParticipantGroup.objects.filter(countries__isnull=False).exists()
    assert Source.objects.filter(event__isnull=False, published_on__isnull=False).exists()
    assert EventLink.objects.exists()
    assert Mandate.objects.filter(requesters__isnull=False).exists()
    generated = Organisation.objects.exclude(pk__in=reference)
    assert OrganisationName.objects.filter(organisation__in=generated).exists()
    assert generated.filter(successor__isnull=False, active=False).exists()
    # What save() derives, bulk_create does not: the generator did it.
    for event in events.filter(all_day=True, start__isnull=False)[:20]:
        assert event.local_start.time() == dt.time(0)
        assert event.local_end.time() == dt.time(23, 59, 59)
    for event in events.filter(open_end=True):
        assert event.local_end.date() == event.local_start.date()
    for organisation in generated.filter(aliases__isnull=False).distinct()[:10]:
        assert organisation.search_names == organisation.names_searched()
    assert not Lesson.objects.filter(created_at__gte=TODAY_OF_THE_DATA).exists()
    assert not Event.objects.filter(created_at__gte=TODAY_OF_THE_DATA).exists()
    # A big event, with its notices in every state the sender leaves.
    biggest = events.order_by(F("reported_participants").desc(nulls_last=True)).first()
    assert biggest.participants.count() == 200  # every generated person, at this scale
    assert Notice.objects.filter(event=biggest).count() >= 3 * 190
    assert {"sent", "queued", "skipped", "failed"} <= set(
        Notice.objects.values_list("state", flat=True)
    )
    assert Notice.objects.filter(about_id__isnull=False, kind="lesson_submitted").exists()


def titles_generated_with(seed: int) -> list:
    """The titles of the events and lessons generated with ``seed``, then rolled back."""
    with transaction.atomic():
        generate("0.001", seed=seed)
        titles = [
            *Event.objects.order_by("pk").values_list("title", flat=True),
            *Lesson.objects.order_by("pk").values_list("title", "observation"),
            *Person.objects.order_by("pk").values_list("full_name", "email"),
        ]
        transaction.set_rollback(True)
    return titles


def test_the_same_seed_gives_the_same_titles():
    first = titles_generated_with(3)

    again = titles_generated_with(3)

    assert len(first) == 10 + 100 + 20
    assert again == first


def test_another_seed_gives_other_titles():
    assert titles_generated_with(4) != titles_generated_with(3)


def test_a_second_run_refuses_and_adds_nothing():
    generate("0.001")
    events = Event.objects.count()

    with pytest.raises(CommandError, match="already holds generated bench data"):
        generate("0.001")

    assert Event.objects.count() == events


def test_a_scale_of_zero_is_refused():
    with pytest.raises(CommandError, match="The scale must be above 0"):
        generate("0")


def test_cached_choice_lists_offer_the_generated_rows_at_once():
    before = len(choices.mandates())

    generate("0.001")

    assert len(choices.mandates()) == before + 1
    assert len(choices.organisations()) == Organisation.objects.count()


def test_generated_pages_answer_200(client, secretariat_user):
    generate("0.01")
    client.force_login(secretariat_user)
    events = list(Event.objects.order_by("pk"))
    biggest = max(events, key=lambda event: event.participants.count())
    sample = [*events[::17], biggest, *Event.objects.filter(start__isnull=True)]
    lessons = list(Lesson.objects.order_by("pk")[::97])

    pages = [reverse("workshops:detail", args=[event.pk]) for event in sample]
    pages += [
        reverse("workshops:participants", args=[biggest.pk]),
        reverse("workshops:notices", args=[biggest.pk]),
        reverse("workshops:list"),
        reverse("workshops:calendar"),
        reverse("mandates:list"),
        reverse("mandates:detail", args=[Mandate.objects.first().pk]),
        reverse("lessons:list"),
        reverse("lessons:list") + "?q=security",
        reverse("lessons:follow_up"),
        reverse("home"),
    ]
    pages += [reverse("lessons:detail", args=[lesson.pk]) for lesson in lessons]
    statuses = {page: client.get(page).status_code for page in pages}

    assert statuses == dict.fromkeys(pages, 200)


def test_security_search_finds_most_english_lessons_on_postgresql(on_postgresql):
    generate("0.01")
    english = Lesson.objects.filter(language="en")

    found = search_lessons(english, "security", limit=10_000).count()

    assert found > 0.7 * english.count()
    french = Lesson.objects.filter(language="fr")
    assert search_lessons(french, "sécurité", limit=10_000).count() > 0.7 * french.count()
