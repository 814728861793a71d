"""A lesson's category (planning and logistics, terms of reference...), as ISSAT's learning
elements sort them: the reference list, the form, the lesson page, the register and its export."""

import csv
import datetime as dt
import io
import re
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from lessons.models import Lesson, LessonCategory
from lessons.services import DATA_DIR, load_lesson_categories
from tests import factories
from workshops.models import EventOrganiser

pytestmark = pytest.mark.django_db

PLANNING = "planning-logistics"


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def focal_point(client, focal_point_user):
    client.force_login(focal_point_user)
    return client


@pytest.fixture
def admin_client_of_admin_group(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def bamako_event():
    """Seed 002: the CSO alliance workshop in Bamako, organised by ECOWAS here so that the
    ECOWAS focal point may record its lessons."""
    event = factories.EventFactory(
        title="Atelier national de mise en place de l’alliance des OSC sur la RSS au Mali",
        language="fr",
        status="held",
        country=factories.country("ML"),
        start=dt.datetime(2022, 1, 26, 9, 0, tzinfo=dt.UTC),
        end=dt.datetime(2022, 1, 27, 17, 0, tzinfo=dt.UTC),
    )
    EventOrganiser.objects.create(
        event=event, organisation=factories.organisation("ECOWAS"), role_id="organiser", position=1
    )
    return event


def category(code: str) -> LessonCategory:
    return LessonCategory.objects.get(code=code)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def about_this_lesson(response) -> str:
    """The lesson page's "About this lesson" box, as text."""
    page = response.content.decode()
    box = page[page.index("About this lesson") :].split("</dl>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box))


def lesson_data(event, **overrides) -> dict:
    data = {
        "event": event.pk,
        "title": "Book the delegates' travel six weeks ahead",
        "observation": (
            "Three regional delegations reached Bamako after the opening session: their flights "
            "were booked four days before the workshop."
        ),
        "statement": "Travel booked late costs the opening session its regional voices.",
        "recommendation": "The organisers confirm venue and travel six weeks before the date.",
        "level": "operational",
        "language": "en",
        "visibility": "internal",
        "category": category(PLANNING).pk,
        "action": "save",
    }
    return data | overrides


# --- The reference list ---------------------------------------------------------------------------


def test_the_ten_categories_are_in_their_order_in_english_and_french():
    in_order = LessonCategory.objects.all()

    with translation.override("fr"):
        french = [str(each) for each in in_order]
    english = [str(each) for each in in_order]

    assert english == [
        "Planning and logistics",
        "Terms of reference",
        "Coordination",
        "Methodology",
        "Partnerships and national ownership",
        "Communication",
        "Monitoring and evaluation",
        "Gender",
        "Resources and funding",
        "Follow-up",
    ]
    assert french == [
        "Planification et logistique",
        "Termes de référence",
        "Coordination",
        "Méthodologie",
        "Partenariats et appropriation nationale",
        "Communication",
        "Suivi et évaluation",
        "Genre",
        "Ressources et financement",
        "Suites à donner",
    ]


def test_loading_the_reference_data_again_changes_no_category():
    before = list(LessonCategory.objects.order_by("pk").values_list("pk", "code", "name_fr"))
    out = StringIO()

    call_command("load_reference_data", verbosity=2, stdout=out)
    call_command("load_reference_data", verbosity=2, stdout=out)

    assert out.getvalue().count("lesson categories: 0 created, 0 updated, 10 unchanged.\n") == 2
    assert ", 10 lesson categories.\n" in out.getvalue()
    assert list(LessonCategory.objects.order_by("pk").values_list("pk", "code", "name_fr")) == (
        before
    )


def test_an_edited_label_in_the_file_updates_only_its_category(tmp_path):
    edited = tmp_path / "lesson_categories.csv"
    edited.write_text(
        (DATA_DIR / "lesson_categories.csv")
        .read_text(encoding="utf-8")
        .replace("Termes de référence,", "Termes de référence (TdR),"),
        encoding="utf-8",
    )

    loaded = load_lesson_categories(path=edited)

    assert (loaded.rows, loaded.created, loaded.updated) == (10, 0, 1)
    assert category("terms-of-reference").name_fr == "Termes de référence (TdR)"


def test_a_category_in_use_cannot_be_deleted():
    factories.LessonFactory(category=category(PLANNING))

    with pytest.raises(ProtectedError):
        category(PLANNING).delete()


# --- The form and the lesson page -----------------------------------------------------------------


def test_the_form_offers_the_categories_after_no_category(focal_point, bamako_event):
    response = focal_point.get(f"/lessons/new/?event={bamako_event.pk}")

    field = response.context["form"]["category"]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", str(field))
    assert options[:3] == ["No category", "Planning and logistics", "Terms of reference"]
    assert len(options) == 11
    assert "---------" not in str(field)


def test_focal_point_saves_a_lesson_on_planning_and_logistics_and_its_page_shows_it(
    focal_point, bamako_event
):
    saved = focal_point.post("/lessons/new/", lesson_data(bamako_event))

    lesson = Lesson.objects.get()
    page = focal_point.get(f"/lessons/{lesson.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert saved.status_code == 302
    assert lesson.category.code == PLANNING
    assert "Category Planning and logistics" in about_this_lesson(page)


def test_a_french_reader_sees_planification_et_logistique(client, bamako_event):
    lesson = factories.LessonFactory(
        event=bamako_event,
        category=category(PLANNING),
        stage="validated",
        visibility="public",
    )

    page = client.get(f"/lessons/{lesson.pk}/", HTTP_ACCEPT_LANGUAGE="fr")

    assert page.status_code == 200
    assert "Planification et logistique" in text_of(page)
    assert "Planning and logistics" not in text_of(page)


def test_a_lesson_without_category_is_saved_and_says_none_given(focal_point, bamako_event):
    saved = focal_point.post("/lessons/new/", lesson_data(bamako_event, category=""))

    lesson = Lesson.objects.get()
    page = focal_point.get(f"/lessons/{lesson.pk}/")
    assert saved.status_code == 302
    assert lesson.category is None
    assert "Category None given" in about_this_lesson(page)


def test_revising_a_draft_changes_its_category(focal_point, bamako_event):
    focal_point.post("/lessons/new/", lesson_data(bamako_event))
    lesson = Lesson.objects.get()
    form = focal_point.get(f"/lessons/{lesson.pk}/edit/")
    data = lesson_data(
        bamako_event,
        category=category("coordination").pk,
        version=form.context["form"]["version"].value(),
    )
    del data["event"]

    focal_point.post(f"/lessons/{lesson.pk}/edit/", data)

    lesson.refresh_from_db()
    assert form.context["form"]["category"].value() == category(PLANNING).pk
    assert lesson.category.code == "coordination"


def test_a_renamed_category_is_offered_under_its_new_name_at_once(focal_point, bamako_event):
    focal_point.get("/lessons/new/")  # the list is now in the cache
    renamed = category("terms-of-reference")
    renamed.name_en = "Terms of reference and concept note"
    renamed.save()

    response = focal_point.get("/lessons/new/")

    assert "Terms of reference and concept note" in str(response.context["form"]["category"])


def test_the_lesson_page_costs_no_more_queries_with_a_category(
    secretariat, django_assert_max_num_queries
):
    lesson = factories.LessonFactory(stage="submitted", category=category(PLANNING))
    secretariat.get(f"/lessons/{lesson.pk}/")

    # As without a category (test_views): the category comes with the lesson's own query.
    with django_assert_max_num_queries(7):
        response = secretariat.get(f"/lessons/{lesson.pk}/")

    assert "Planning and logistics" in text_of(response)


# --- The register and its export ------------------------------------------------------------------


@pytest.fixture
def three_lessons():
    factories.LessonFactory(title="Venue confirmed late", category=category(PLANNING))
    factories.LessonFactory(
        title="Terms of reference unclear", category=category("terms-of-reference")
    )
    factories.LessonFactory(title="Not sorted yet")


def titles(response) -> list[str]:
    return [lesson.title for lesson in response.context["lessons"]]


def test_the_register_filters_by_category(secretariat, three_lessons):
    response = secretariat.get("/lessons/", {"category": category(PLANNING).pk})

    assert titles(response) == ["Venue confirmed late"]


def test_the_register_finds_the_lessons_without_category(secretariat, three_lessons):
    response = secretariat.get("/lessons/", {"category": "null"})

    assert titles(response) == ["Not sorted yet"]


def test_the_register_offers_the_categories_in_its_filters(secretariat):
    response = secretariat.get("/lessons/")

    field = str(response.context["filter"].form["category"])
    options = re.findall(r"<option[^>]*>([^<]*)</option>", field)
    assert options[:3] == ["Any", "No category", "Planning and logistics"]
    assert len(options) == 12


@pytest.mark.parametrize("rows", [1, 100])
def test_the_register_filtered_by_category_costs_the_same_queries(
    secretariat, django_assert_max_num_queries, rows
):
    planning = category(PLANNING)
    for n in range(rows):
        factories.LessonFactory(title=f"Logistics lesson {n}", category=planning)
    secretariat.get("/lessons/")

    # As unfiltered (test_views): the user; the event filter's events; the count; the page.
    with django_assert_max_num_queries(5):
        response = secretariat.get("/lessons/", {"category": planning.pk})

    assert len(titles(response)) == min(rows, 25)


def test_the_csv_export_has_the_category_in_the_readers_language(secretariat, three_lessons):
    english = secretariat.get("/lessons/export/?format=csv")
    secretariat.cookies["django_language"] = "fr"
    french = secretariat.get("/lessons/export/?format=csv")

    rows = list(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "category"
    assert sorted((row[1], row[-1]) for row in rows[1:]) == [
        ("Not sorted yet", ""),
        ("Terms of reference unclear", "Terms of reference"),
        ("Venue confirmed late", "Planning and logistics"),
    ]
    french_rows = list(csv.reader(io.StringIO(french.content.decode("utf-8-sig"))))
    assert sorted(row[-1] for row in french_rows[1:]) == [
        "",
        "Planification et logistique",
        "Termes de référence",
    ]


def test_the_xlsx_export_has_the_category_column(secretariat):
    factories.LessonFactory(title="Venue confirmed late", category=category(PLANNING))

    response = secretariat.get(
        "/lessons/export/", {"format": "xlsx", "category": category(PLANNING).pk}
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "category"
    assert (sheet.cell(2, 2).value, sheet.cell(2, len(header)).value) == (
        "Venue confirmed late",
        "Planning and logistics",
    )


def test_the_admin_lists_lessons_by_category(admin_client_of_admin_group):
    factories.LessonFactory(title="Venue confirmed late", category=category(PLANNING))
    factories.LessonFactory(title="Not sorted yet")

    response = admin_client_of_admin_group.get(
        reverse("admin:lessons_lesson_changelist"), {"category__id__exact": category(PLANNING).pk}
    )

    assert response.status_code == 200
    assert [lesson.title for lesson in response.context["cl"].result_list] == [
        "Venue confirmed late"
    ]
