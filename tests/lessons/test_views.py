"""The register's screens: the list, its filters, search and export; the lesson page with its
moves and thread; the submit form with attachments; the follow-up page; the event page's panel.

Each role against each URL is tests/test_access.py; these tests follow what each role sees.
"""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lessons.models import Attachment, Comment, FollowUpAction, Lesson, StageChange
from tests import factories
from workshops.models import EventOrganiser, Notice, ThematicArea

pytestmark = pytest.mark.django_db

PUBLISHED = {"stage": "validated"}


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def focal_point(client, focal_point_user):
    client.force_login(focal_point_user)
    return client


@pytest.fixture
def bamako_event():
    """Seed 002: the French workshop in Bamako, held, organised by ECOWAS here so that the
    ECOWAS focal point may submit lessons for it."""
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


def titles(response) -> list[str]:
    return [lesson.title for lesson in response.context["lessons"]]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- The register ---------------------------------------------------------------------------------


def test_signed_out_visitor_sees_only_public_validated_lessons(client):
    factories.LessonFactory(title="Public and validated", visibility="public", **PUBLISHED)
    factories.LessonFactory(title="Internal and validated", visibility="internal", **PUBLISHED)
    factories.LessonFactory(title="Public draft", visibility="public")

    response = client.get("/lessons/")

    assert response.status_code == 200
    assert titles(response) == ["Public and validated"]


def test_focal_point_sees_own_drafts_and_everyones_validated_lessons(
    focal_point, other_focal_point_user
):
    factories.LessonFactory(title="ECOWAS draft")
    factories.LessonFactory(title="SADC draft", organisation=factories.organisation("SADC"))
    factories.LessonFactory(
        title="SADC validated", organisation=factories.organisation("SADC"), **PUBLISHED
    )

    response = focal_point.get("/lessons/")

    assert sorted(titles(response)) == ["ECOWAS draft", "SADC validated"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=submitted", ["Submitted one"]),
        ("level=political", ["Political one"]),
        ("language=fr", ["Leçon en français"]),
        ("organisation={sadc}", ["SADC one"]),
        ("year=2016", ["Workshop of 2016"]),
        ("country={mali}", ["About Mali"]),
        ("thematic_area={area}", ["On policy"]),
        ("event={event}", ["Workshop of 2016"]),
    ],
)
def test_each_filter_narrows_the_register(secretariat, query, expected):
    factories.LessonFactory(title="Submitted one", stage="submitted")
    factories.LessonFactory(title="Political one", level="political")
    factories.LessonFactory(title="Leçon en français", language="fr")
    sadc = factories.organisation("SADC")
    factories.LessonFactory(title="SADC one", organisation=sadc)
    old = factories.EventFactory(
        start=dt.datetime(2016, 12, 1, tzinfo=dt.UTC), end=dt.datetime(2016, 12, 2, tzinfo=dt.UTC)
    )
    factories.LessonFactory(title="Workshop of 2016", event=old)
    mali = factories.country("ML")
    factories.LessonFactory(title="About Mali").countries.add(mali)
    area = ThematicArea.objects.get(code="ssr-policy-strategy")
    factories.LessonFactory(title="On policy").thematic_areas.add(area)

    response = secretariat.get(
        "/lessons/?" + query.format(sadc=sadc.pk, mali=mali.pk, area=area.pk, event=old.pk)
    )

    assert titles(response) == expected


def test_a_lesson_is_found_by_the_country_its_event_targets(secretariat):
    event = factories.EventFactory()
    event.target_countries.add(factories.country("ML"))
    factories.LessonFactory(title="From an event for Mali", event=event)
    factories.LessonFactory(title="Elsewhere")

    response = secretariat.get(f"/lessons/?country={factories.country('ML').pk}")

    assert titles(response) == ["From an event for Mali"]


def test_search_finds_the_word_and_marks_it(secretariat):
    factories.LessonFactory(
        title="Involve the RECs early",
        statement="Reforms need the RECs from the concept note on.",
    )
    factories.LessonFactory(
        title="Budget the interpretation",
        observation="Interpreters were booked late.",
        statement="Book interpreters.",
    )

    response = secretariat.get("/lessons/?q=RECs")

    assert titles(response) == ["Involve the RECs early"]
    assert "<mark>RECs</mark>" in response.content.decode()
    assert "best matches first" in text_of(response)


def test_search_with_an_unknown_word_finds_nothing_and_says_so(secretariat):
    factories.LessonFactory()

    response = secretariat.get("/lessons/?q=zzzyzzy")

    assert response.status_code == 200
    assert titles(response) == []
    assert "No lesson matches this search." in text_of(response)


def test_register_pages_by_25(secretariat):
    for n in range(30):
        factories.LessonFactory(title=f"Lesson {n:02}")

    first = secretariat.get("/lessons/")
    second = secretariat.get("/lessons/?page=2")

    assert len(titles(first)) == 25
    assert len(titles(second)) == 5
    assert "30 lessons found" in text_of(first)


@pytest.mark.parametrize("rows", [1, 1000])
def test_the_register_costs_the_same_queries_for_1_or_1000_lessons(
    secretariat, django_assert_max_num_queries, rows
):
    event = factories.EventFactory()
    ecowas = factories.organisation("ECOWAS")
    Lesson.objects.bulk_create(
        Lesson(
            event=event,
            organisation=ecowas,
            title=f"Security lesson {n}",
            observation="The security sector was not represented.",
            statement="Invite the security sector.",
            stage="validated",
        )
        for n in range(rows)
    )
    secretariat.get("/lessons/")

    # The user; the count; the page of lessons with event and organisation: the filters read
    # no list of events. On PostgreSQL, a search adds the ids of its candidates.
    with django_assert_max_num_queries(3):
        listed = secretariat.get("/lessons/")
    with django_assert_max_num_queries(4):
        searched = secretariat.get("/lessons/?q=security&stage=validated")

    assert len(titles(listed)) == min(rows, 25)
    assert len(titles(searched)) == min(rows, 25)


def test_export_gives_the_filtered_lessons_as_csv(secretariat):
    lesson = factories.LessonFactory(title='=HYPERLINK("http://x")', language="fr")
    lesson.countries.add(factories.country("ML"))
    factories.LessonFactory(title="English one")

    response = secretariat.get("/lessons/export/?format=csv&language=fr")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "title", "event"]
    assert len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("http://x")'  # shown as text, never run as a formula
    assert rows[1][13] == "Mali"


def test_export_as_xlsx_opens_in_a_spreadsheet(secretariat):
    factories.LessonFactory(title="Involve the RECs early", **PUBLISHED)

    response = secretariat.get("/lessons/export/?format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "Involve the RECs early"
    assert sheet["F2"].value == "validated"


def test_export_in_an_unknown_format_is_a_clear_400(secretariat):
    response = secretariat.get("/lessons/export/?format=pdf")

    assert response.status_code == 400
    assert response.content.decode() == "Choose the format csv or xlsx."


def test_signed_out_export_holds_no_internal_lesson(client):
    factories.LessonFactory(title="Internal", **PUBLISHED)
    factories.LessonFactory(title="Public", visibility="public", **PUBLISHED)

    response = client.get("/lessons/export/?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Public"]


# --- Writing and revising -------------------------------------------------------------------------


def lesson_data(event, **overrides) -> dict:
    data = {
        "event": event.pk,
        "title": "Associer les OSC dès la note conceptuelle",
        "observation": "Les réformes ont été présentées aux OSC la veille de l’atelier.",
        "statement": "Les OSC doivent co-construire l’ordre du jour.",
        "recommendation": "Partager le projet d’ordre du jour un mois avant.",
        "level": "operational",
        "language": "fr",
        "visibility": "internal",
        "action": "save",
    }
    return data | overrides


def test_focal_point_saves_a_draft_for_an_event_of_its_organisation(
    focal_point, focal_point_user, bamako_event
):
    response = focal_point.post("/lessons/new/", lesson_data(bamako_event))

    lesson = Lesson.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lessons/{lesson.pk}/"
    assert (lesson.stage, lesson.organisation.acronym, lesson.author) == (
        "draft",
        "ECOWAS",
        focal_point_user,
    )
    assert Notice.objects.count() == 0


def test_save_and_submit_submits_and_tells_the_secretariat(
    focal_point, bamako_event, secretariat_user
):
    secretariat_user.email = "ssr-unit@example.org"
    secretariat_user.save()

    focal_point.post("/lessons/new/", lesson_data(bamako_event, action="submit"))

    lesson = Lesson.objects.get()
    assert lesson.stage == "submitted"
    assert list(Notice.objects.values_list("kind", "recipient_email", "about_id")) == [
        ("lesson_submitted", "ssr-unit@example.org", lesson.pk)
    ]


def test_focal_point_cannot_submit_for_an_event_its_organisation_had_no_part_in(focal_point):
    other = factories.EventFactory(status="held")

    response = focal_point.post("/lessons/new/", lesson_data(other))

    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert Lesson.objects.count() == 0


def test_missing_observation_is_shown_next_to_the_field_and_nothing_is_saved(
    focal_point, bamako_event
):
    response = focal_point.post("/lessons/new/", lesson_data(bamako_event, observation=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {"observation": ["This field is required."]}
    assert Lesson.objects.count() == 0


def test_a_pdf_attachment_is_kept_and_downloaded(focal_point, bamako_event):
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\nrapport", "application/pdf")

    focal_point.post(
        "/lessons/new/",
        lesson_data(bamako_event, attachment_title="Rapport de l’atelier", attachment=upload),
    )

    attachment = Attachment.objects.get()
    download = focal_point.get(f"/lessons/{attachment.lesson_id}/attachments/{attachment.pk}/")
    assert attachment.title == "Rapport de l’atelier"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == b"%PDF-1.4\nrapport"


def test_an_attachment_that_is_not_a_document_is_refused_next_to_the_field(
    focal_point, bamako_event
):
    upload = SimpleUploadedFile("notes.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = focal_point.post(
        "/lessons/new/", lesson_data(bamako_event, attachment_title="Notes", attachment=upload)
    )

    assert response.context["form"].errors == {
        "attachment": ["This file is not a PDF, DOCX, XLSX, PPTX or ODT document."]
    }
    assert Lesson.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_focal_point_revises_a_returned_lesson_and_removes_an_attachment(focal_point, bamako_event):
    lesson = factories.LessonFactory(event=bamako_event, stage="returned", language="fr")
    attachment = factories.AttachmentFactory(lesson=lesson)

    opened = focal_point.get(f"/lessons/{lesson.pk}/edit/").context["form"]

    response = focal_point.post(
        f"/lessons/{lesson.pk}/edit/",
        lesson_data(
            bamako_event,
            title="Titre révisé",
            remove_attachments=[attachment.pk],
            action="submit",
            version=opened["version"].value(),
        ),
    )

    lesson.refresh_from_db()
    assert response.status_code == 302
    assert (lesson.title, lesson.stage) == ("Titre révisé", "submitted")
    assert lesson.event == bamako_event  # the event is not changed by editing
    assert Attachment.objects.count() == 0


def test_a_lesson_saved_by_a_colleague_since_the_form_opened_is_not_overwritten(
    focal_point, bamako_event
):
    lesson = factories.LessonFactory(event=bamako_event, stage="draft", title="Early warning")
    opened = focal_point.get(f"/lessons/{lesson.pk}/edit/").context["form"]
    lesson.title = "Early warning reached the border posts late"
    lesson.save()  # a colleague's save

    response = focal_point.post(
        f"/lessons/{lesson.pk}/edit/",
        lesson_data(bamako_event, title="Early warning (mine)", version=opened["version"].value()),
    )

    lesson.refresh_from_db()
    assert response.status_code == 200
    assert "someone else saved this lesson after you opened this form" in text_of(response)
    assert "Early warning (mine)" in response.content.decode()
    assert lesson.title == "Early warning reached the border posts late"


@pytest.mark.parametrize("stage", ["submitted", "validated", "rejected"])
def test_focal_point_cannot_edit_its_lesson_once_submitted(focal_point, stage):
    lesson = factories.LessonFactory(stage=stage)

    response = focal_point.get(f"/lessons/{lesson.pk}/edit/")

    assert response.status_code == 403


# --- The lesson page: moves and thread ------------------------------------------------------------


def test_lesson_page_offers_the_secretariat_only_its_allowed_moves(secretariat):
    lesson = factories.LessonFactory(stage="submitted")

    response = secretariat.get(f"/lessons/{lesson.pk}/")

    buttons = [move["button"] for move in response.context["moves"]]
    assert [str(b) for b in buttons] == ["Return to the author", "Validate", "Reject"]


def test_focal_point_is_offered_no_review_move(focal_point):
    lesson = factories.LessonFactory(stage="submitted")

    response = focal_point.get(f"/lessons/{lesson.pk}/")

    assert response.context["moves"] == []
    assert "Next step" not in text_of(response)


def test_returning_without_a_comment_says_why_next_to_the_field(secretariat):
    lesson = factories.LessonFactory(stage="submitted")

    response = secretariat.post(f"/lessons/{lesson.pk}/move/", {"to_stage": "returned"})

    lesson.refresh_from_db()
    assert response.status_code == 200
    assert lesson.stage == "submitted"
    form = next(m["form"] for m in response.context["moves"] if m["stage"] == "returned")
    assert form.errors == {"comment": ["Say what the author should revise."]}
    assert StageChange.objects.count() == 0


def test_returning_with_a_comment_records_the_move_and_tells_the_focal_points(
    secretariat, focal_point_user
):
    focal_point_user.email = "focal@ecowas.int"
    focal_point_user.save()
    lesson = factories.LessonFactory(stage="submitted")

    response = secretariat.post(
        f"/lessons/{lesson.pk}/move/",
        {"to_stage": "returned", "comment": "Say which REC raised it."},
    )
    page = secretariat.get(f"/lessons/{lesson.pk}/")

    assert response.status_code == 302
    assert "Say which REC raised it." in text_of(page)
    assert "moved it from “submitted” to “returned”" in text_of(page)
    assert list(Notice.objects.values_list("kind", "recipient_email")) == [
        ("lesson_returned", "focal@ecowas.int")
    ]


def test_validating_twice_answers_409_with_the_reason(secretariat):
    lesson = factories.LessonFactory(stage="submitted")
    secretariat.post(f"/lessons/{lesson.pk}/move/", {"to_stage": "validated"})

    again = secretariat.post(f"/lessons/{lesson.pk}/move/", {"to_stage": "validated"})

    assert again.status_code == 409
    assert "A lesson at stage “validated” cannot move to “validated”." in text_of(again)
    assert StageChange.objects.count() == 1


def test_focal_point_who_posts_a_validation_gets_403_and_nothing_moves(focal_point):
    lesson = factories.LessonFactory(stage="submitted")

    response = focal_point.post(f"/lessons/{lesson.pk}/move/", {"to_stage": "validated"})

    lesson.refresh_from_db()
    assert response.status_code == 403
    assert lesson.stage == "submitted"


def test_assigning_an_action_opens_a_follow_up_and_tells_both_organisations(
    secretariat, focal_point_user, other_focal_point_user
):
    focal_point_user.email = "focal@ecowas.int"
    focal_point_user.save()
    other_focal_point_user.email = "focal@sadc.int"
    other_focal_point_user.save()
    lesson = factories.LessonFactory(stage="validated")
    sadc = factories.organisation("SADC")

    secretariat.post(
        f"/lessons/{lesson.pk}/move/",
        {
            "to_stage": "action_assigned",
            "action_body": sadc.pk,
            "due_date": "2027-03-31",
            "comment": "Share the agenda with the RECs a month ahead.",
        },
    )

    action = FollowUpAction.objects.get()
    assert (action.action_body, action.due_date, action.description) == (
        sadc,
        dt.date(2027, 3, 31),
        "Share the agenda with the RECs a month ahead.",
    )
    assert sorted(
        Notice.objects.filter(kind="lesson_action_assigned").values_list(
            "recipient_email", flat=True
        )
    ) == ["focal@ecowas.int", "focal@sadc.int"]


def test_assigning_an_action_without_a_body_or_date_says_what_is_missing(secretariat):
    lesson = factories.LessonFactory(stage="validated")

    response = secretariat.post(
        f"/lessons/{lesson.pk}/move/", {"to_stage": "action_assigned", "due_date": "31/31/2027"}
    )

    form = next(m["form"] for m in response.context["moves"] if m["stage"] == "action_assigned")
    assert response.status_code == 200
    assert form.errors == {"due_date": ["Enter a valid date."]}
    assert FollowUpAction.objects.count() == 0


def test_action_body_is_chosen_by_typing_and_kept_when_the_date_is_wrong(
    secretariat, django_assert_max_num_queries
):
    lesson = factories.LessonFactory(stage="validated")
    auc = factories.organisation("AUC")

    page = secretariat.get(f"/lessons/{lesson.pk}/").content.decode()
    with django_assert_max_num_queries(9):
        refused = secretariat.post(
            f"/lessons/{lesson.pk}/move/",
            {"to_stage": "action_assigned", "action_body": auc.pk, "due_date": "31/31/2027"},
        )

    # Every organisation is found by typing: the page holds no list of them.
    body = re.search(r'<select name="action_body"[^>]*>(.*?)</select>', page, re.S)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", body.group(1)) == ["—"]
    assert 'data-search-url="/partners/organisations/search/"' in body.group(0)
    assert "js/search-select.js" in page
    assert f'<option value="{auc.pk}" selected>AUC – African Union Commission</option>' in (
        refused.content.decode()
    )


def test_comment_from_the_lessons_organisation_joins_the_thread(focal_point, focal_point_user):
    lesson = factories.LessonFactory(stage="submitted")

    focal_point.post(f"/lessons/{lesson.pk}/comment/", {"text": "It was raised by ECOWAS."})

    comment = Comment.objects.get()
    assert (comment.author, comment.text) == (focal_point_user, "It was raised by ECOWAS.")


def test_focal_point_of_another_organisation_cannot_comment_on_a_validated_lesson(
    client, other_focal_point_user
):
    client.force_login(other_focal_point_user)
    lesson = factories.LessonFactory(**PUBLISHED)

    page = client.get(f"/lessons/{lesson.pk}/")
    response = client.post(f"/lessons/{lesson.pk}/comment/", {"text": "Interesting."})

    assert page.status_code == 200
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_the_secretariat_sees_the_notices_of_a_lesson_and_focal_points_do_not(
    secretariat, client, focal_point_user
):
    lesson = factories.LessonFactory(stage="submitted")
    factories.NoticeFactory(
        event=lesson.event,
        about_type=ContentType.objects.get_for_model(Lesson),
        about_id=lesson.pk,
    )

    seen = secretariat.get(f"/lessons/{lesson.pk}/")
    client.force_login(focal_point_user)
    unseen = client.get(f"/lessons/{lesson.pk}/")

    assert "Lesson submitted → Secretariat of the AUC SSR Unit · queued" in text_of(seen)
    assert "Notices" not in text_of(unseen)


@pytest.mark.parametrize("rows", [1, 60])
def test_the_lesson_page_costs_the_same_queries_whatever_its_thread(
    secretariat, secretariat_user, django_assert_max_num_queries, rows
):
    lesson = factories.LessonFactory(stage="submitted")
    lesson.countries.add(factories.country("ML"))
    for n in range(rows):
        factories.CommentFactory(lesson=lesson, author=secretariat_user, text=f"Comment {n}")
        factories.StageChangeFactory(lesson=lesson, by=secretariat_user)
        factories.AttachmentFactory(lesson=lesson)
        factories.FollowUpActionFactory(lesson=lesson)
    secretariat.get(f"/lessons/{lesson.pk}/")

    # The user; the lesson with event, organisation, author, action body; its areas and
    # countries (one union); the thread (one union); attachments; actions; notices.
    with django_assert_max_num_queries(7):
        response = secretariat.get(f"/lessons/{lesson.pk}/")

    assert len(response.context["thread"]) == 2 * rows


# --- Follow-up ------------------------------------------------------------------------------------


def test_follow_up_lists_open_actions_by_body_with_the_overdue_ones_marked(secretariat):
    today = timezone.localdate()
    auc, sadc = factories.organisation("AUC"), factories.organisation("SADC")
    factories.FollowUpActionFactory(
        action_body=auc, due_date=today - dt.timedelta(days=3), description="Late one"
    )
    factories.FollowUpActionFactory(
        action_body=auc, due_date=today + dt.timedelta(days=10), description="Soon one"
    )
    factories.FollowUpActionFactory(
        action_body=sadc, due_date=today + dt.timedelta(days=90), description="Later one"
    )
    factories.FollowUpActionFactory(action_body=sadc, status="done", description="Done one")

    response = secretariat.get("/lessons/follow-up/")

    bodies = {
        body["organisation"].acronym: [(a.description, a.urgency) for a in body["actions"]]
        for body in response.context["bodies"]
    }
    assert bodies == {
        "AUC": [("Late one", "overdue"), ("Soon one", "soon")],
        "SADC": [("Later one", "later")],
    }
    assert "1 action overdue · 1 action due within a month · 1 action due later" in text_of(
        response
    )


# --- The event page -------------------------------------------------------------------------------


def test_held_event_without_lessons_invites_the_focal_point_of_an_organisation_that_took_part(
    focal_point, bamako_event
):
    response = focal_point.get(f"/workshops/{bamako_event.pk}/")

    page = text_of(response)
    assert "No lesson has been identified at this event yet." in page
    assert f'href="/lessons/new/?event={bamako_event.pk}"' in response.content.decode()


def test_held_event_does_not_offer_submitting_to_an_organisation_that_was_not_there(
    client, other_focal_point_user, bamako_event
):
    client.force_login(other_focal_point_user)

    response = client.get(f"/workshops/{bamako_event.pk}/")

    assert "The focal points of the organisations that took part are invited" in text_of(response)
    assert "/lessons/new/" not in response.content.decode()


def test_event_page_lists_the_lessons_the_reader_may_see(client, other_focal_point_user):
    event = factories.EventFactory(status="held")
    factories.LessonFactory(event=event, title="Validated lesson", **PUBLISHED)
    factories.LessonFactory(event=event, title="ECOWAS draft")
    client.force_login(other_focal_point_user)

    response = client.get(f"/workshops/{event.pk}/")

    assert "Validated lesson" in text_of(response)
    assert "ECOWAS draft" not in text_of(response)


@pytest.mark.parametrize("rows", [1, 100])
def test_event_page_costs_at_most_13_queries_whatever_its_lessons(
    focal_point, django_assert_max_num_queries, bamako_event, rows
):
    for n in range(rows):
        factories.LessonFactory(event=bamako_event, title=f"Lesson {n}", **PUBLISHED)
    focal_point.get(f"/workshops/{bamako_event.pk}/")

    # Twelve for the event page without participant groups (workshops/views/event_page.py) and
    # one for its lessons.
    with django_assert_max_num_queries(13):
        response = focal_point.get(f"/workshops/{bamako_event.pk}/")

    assert text_of(response).count("Lesson ") >= rows


@pytest.mark.parametrize("text", ["\x00", "réforme\x00s", "'\"<>&|!:*()"])
def test_search_with_odd_characters_answers_a_page_not_an_error(secretariat, text):
    factories.LessonFactory(title="Les réformes", **PUBLISHED)

    listed = secretariat.get("/lessons/", {"q": text})
    exported = secretariat.get("/lessons/export/", {"q": text, "format": "csv"})

    assert (listed.status_code, exported.status_code) == (200, 200)


@pytest.mark.parametrize("count", [1, 60])
def test_follow_up_pages_by_50_and_counts_every_open_action(
    secretariat, django_assert_max_num_queries, count
):
    today = timezone.localdate()
    auc = factories.organisation("AUC")
    for n in range(count):
        factories.FollowUpActionFactory(
            action_body=auc, due_date=today - dt.timedelta(days=n + 1), description=f"Late {n}"
        )
    secretariat.get("/lessons/follow-up/")

    # The user; the counts; a page of actions; the overdue numbers of the page's bodies.
    with django_assert_max_num_queries(5):
        response = secretariat.get("/lessons/follow-up/")

    shown = sum(len(body["actions"]) for body in response.context["bodies"])
    assert shown == min(count, 50)
    overdue = "1 action overdue" if count == 1 else f"{count} actions overdue"
    assert overdue in text_of(response)
    assert f"{count} overdue" in text_of(response)  # the body's badge counts every page
    if count > 50:
        second = secretariat.get("/lessons/follow-up/?page=2")
        assert sum(len(body["actions"]) for body in second.context["bodies"]) == count - 50
