import csv
import datetime as dt
import html
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partners.models import Person
from tests import factories
from workshops.models import Participant, ParticipantGroup

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def event():
    """Seed 001's meeting, held on 7 December 2020: attendance can be recorded."""
    return factories.EventFactory()


@pytest.fixture
def upcoming_event():
    start = timezone.now() + dt.timedelta(days=30)
    return factories.EventFactory(
        title="Validation workshop", start=start, end=start + dt.timedelta(hours=6)
    )


def page_of(event) -> str:
    return f"/workshops/{event.pk}/participants/"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def data_file(name: str) -> SimpleUploadedFile:
    return upload(name, (DATA / name).read_bytes())


# --- Adding one participant -----------------------------------------------------------------------


def test_a_person_from_the_directory_is_added_with_their_organisation_and_language(
    secretariat, event
):
    person = factories.PersonFactory(
        full_name="Aïssata Traoré",
        organisation=factories.organisation("ECOWAS"),
        preferred_language="fr",
    )

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/add/", {"person": person.pk, "role": "speaker"}
    )

    assert response.status_code == 302
    assert response.url == page_of(event)
    participant = Participant.objects.get(event=event)
    assert participant.person == person
    assert participant.organisation.acronym == "ECOWAS"
    assert participant.notice_language == "fr"
    assert participant.role == "speaker"
    assert participant.answer == "invited"
    page = secretariat.get(response.url).content.decode()
    assert "Mr. Aïssata Traoré is now a participant." in page


def test_a_new_person_typed_inline_is_saved_with_the_participant(secretariat, event):
    response = secretariat.post(
        f"/workshops/{event.pk}/participants/add/",
        {
            "new-title": "Ms.",
            "new-full_name": "Boubacar Bocoum",
            "new-email": "b.bocoum@example.org",
            "new-organisation": factories.organisation("AC-RSS").pk,
            "new-position": "Coordinateur national",
            "new-preferred_language": "fr",
            "organisation": factories.organisation("ECOWAS").pk,
            "role": "participant",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(email="b.bocoum@example.org")
    assert (person.title, person.full_name, person.position, person.preferred_language) == (
        "Ms.",
        "Boubacar Bocoum",
        "Coordinateur national",
        "fr",
    )
    assert person.organisation.acronym == "AC-RSS"
    participant = Participant.objects.get(event=event, person=person)
    assert participant.organisation.acronym == "ECOWAS"
    assert participant.notice_language == "fr"


def test_the_same_person_twice_is_refused_next_to_the_field(secretariat, event):
    participant = factories.ParticipantFactory(event=event, person__full_name="Oumar Diop")

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/add/",
        {"person": participant.person.pk, "role": "participant"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('id="div_id_person"') :]
    assert (
        "This person is already a participant of this event." in field[: field.index("</fieldset>")]
    )
    assert Participant.objects.filter(event=event).count() == 1


def test_a_new_person_with_an_e_mail_of_the_directory_is_refused(secretariat, event):
    factories.PersonFactory(email="oumar.diop@example.org")

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/add/",
        {"new-full_name": "O. Diop", "new-email": "Oumar.Diop@example.org", "role": "participant"},
    )

    assert response.status_code == 200
    assert "A person with this e-mail address already exists." in response.content.decode()
    assert Person.objects.filter(email__iexact="oumar.diop@example.org").count() == 1
    assert not Participant.objects.filter(event=event).exists()


def test_a_person_chosen_and_a_new_person_typed_together_are_refused(secretariat, event):
    person = factories.PersonFactory()

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/add/",
        {"person": person.pk, "new-full_name": "Someone Else", "role": "participant"},
    )

    assert response.status_code == 200
    assert (
        "Choose a person from the directory or type a new person, not both."
        in response.content.decode()
    )
    assert not Participant.objects.exists()


def test_searching_without_javascript_lists_the_people_to_choose_from(secretariat, event):
    factories.PersonFactory(full_name="Boubacar Bocoum", email="b.bocoum@example.org")
    factories.PersonFactory(full_name="Aïssata Traoré")

    response = secretariat.get(page_of(event), {"q": "bocoum"})

    page = response.content.decode()
    assert 'type="radio"' in page
    assert "Mr. Boubacar Bocoum · b.bocoum@example.org" in page
    assert "Aïssata" not in page


def test_autocomplete_gives_at_most_20_people_and_leaves_out_participants(secretariat, event):
    ecowas = factories.organisation("ECOWAS")
    people = factories.PersonFactory.create_batch(25, organisation=ecowas)
    factories.ParticipantFactory(event=event, person=people[0])

    response = secretariat.get(
        "/workshops/people/autocomplete/", {"q": "diop ecowas", "event": event.pk}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="radio"') == 20
    assert f'value="{people[0].pk}"' not in page


def test_autocomplete_with_nothing_found_says_so(secretariat, event):
    response = secretariat.get("/workshops/people/autocomplete/", {"q": "zzz", "event": "x"})

    assert "No one in the directory matches “zzz”" in response.content.decode()


# --- Bulk changes ---------------------------------------------------------------------------------


def test_three_participants_are_confirmed_at_once(secretariat, event):
    participants = factories.ParticipantFactory.create_batch(4, event=event)

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {"participants": [p.pk for p in participants[:3]], "change": "answer:confirmed"},
        follow=True,
    )

    answers = dict(Participant.objects.values_list("pk", "answer"))
    assert [answers[p.pk] for p in participants] == ["confirmed"] * 3 + ["invited"]
    assert Participant.objects.filter(answered_at__isnull=False).count() == 3
    assert "Answer “confirmed” recorded for 3 participants." in response.content.decode()
    assert participants[0].history.count() == 2


def test_attendance_is_recorded_after_the_event(secretariat, event):
    participants = factories.ParticipantFactory.create_batch(2, event=event, answer="confirmed")

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {"participants": [participants[0].pk], "change": "attendance:attended"},
        follow=True,
    )

    assert list(Participant.objects.order_by("pk").values_list("attendance", flat=True)) == [
        "attended",
        "",
    ]
    page = response.content.decode()
    assert "Attendance “attended” recorded for 1 participant." in page
    assert "attended: 1" in page
    assert "not recorded: 1" in page


def test_attendance_is_not_offered_before_the_event(secretariat, upcoming_event):
    participant = factories.ParticipantFactory(event=upcoming_event)

    page = secretariat.get(page_of(upcoming_event)).content.decode()
    response = secretariat.post(
        f"/workshops/{upcoming_event.pk}/participants/bulk/",
        {"participants": [participant.pk], "change": "attendance:attended"},
        follow=True,
    )

    assert "attendance:attended" not in page
    assert "Attendance can be recorded once the event has started." in page
    assert "is not one of the available choices" in response.content.decode()
    participant.refresh_from_db()
    assert participant.attendance == ""


def test_a_bulk_change_with_no_one_selected_says_so(secretariat, event):
    factories.ParticipantFactory(event=event)

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/", {"change": "answer:declined"}, follow=True
    )

    assert "Select at least one participant in the table." in response.content.decode()
    assert not Participant.objects.filter(answer="declined").exists()


def test_a_bulk_change_cannot_reach_another_events_participants(secretariat, event):
    other = factories.ParticipantFactory()

    secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {"participants": [other.pk], "change": "answer:declined"},
    )

    other.refresh_from_db()
    assert other.answer == "invited"


def test_a_focal_point_cannot_change_answers(client, focal_point_user, event):
    participant = factories.ParticipantFactory(event=event)
    client.force_login(focal_point_user)

    response = client.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {"participants": [participant.pk], "change": "answer:declined"},
    )

    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.answer == "invited"


# --- Pages and filter -----------------------------------------------------------------------------


def names_in(response) -> list[str]:
    """The participants' names in the table, in its order."""
    return re.findall(
        r'<label for="participant-\d+" class="fw-semibold">([^<]+)</label>',
        (response.content.decode()),
    )


def test_the_table_shows_50_participants_a_page_by_name(secretariat, event):
    crowded(event, 120)

    first = secretariat.get(page_of(event))
    third = secretariat.get(page_of(event), {"page": 3})

    assert names_in(first) == [f"Participant {n:03}" for n in range(50)]
    assert names_in(third) == [f"Participant {n:03}" for n in range(100, 120)]
    page = first.content.decode()
    assert 'href="?page=2#table-title"' in page
    assert 'href="?page=3#table-title"' in page
    assert "120 participants" in page


def test_names_are_ordered_with_case_ignored(secretariat, event):
    for name in ["Zoé Kaboré", "aminata Sow", "Boubacar Bocoum"]:
        factories.ParticipantFactory(event=event, person__full_name=name, person__title="")

    response = secretariat.get(page_of(event))

    assert names_in(response) == ["aminata Sow", "Boubacar Bocoum", "Zoé Kaboré"]


def test_names_are_ordered_with_accents_ignored_on_postgresql(on_postgresql, secretariat, event):
    for name in ["Zoé Kaboré", "Élise Ouédraogo", "Boubacar Bocoum", "Fatou Ndiaye"]:
        factories.ParticipantFactory(event=event, person__full_name=name, person__title="")

    response = secretariat.get(page_of(event))

    assert names_in(response) == [
        "Boubacar Bocoum",
        "Élise Ouédraogo",
        "Fatou Ndiaye",
        "Zoé Kaboré",
    ]


@pytest.fixture
def mixed_event(event):
    """Three participants with different organisations, answers and attendance."""
    factories.ParticipantFactory(
        event=event,
        person__title="",
        person__full_name="Aïssata Traoré",
        person__email="aissata.traore@example.org",
        organisation=factories.organisation("ECOWAS"),
        answer="confirmed",
        attendance="attended",
    )
    factories.ParticipantFactory(
        event=event,
        person__title="",
        person__full_name="Boubacar Bocoum",
        person__email="b.bocoum@example.org",
        person__organisation=factories.organisation("AC-RSS"),
        answer="confirmed",
    )
    factories.ParticipantFactory(
        event=event,
        person__title="",
        person__full_name="John Okello",
        person__email="j.okello@example.org",
        answer="declined",
    )
    return event


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"search": "traoré"}, ["Aïssata Traoré"]),
        ({"search": "okello@example"}, ["John Okello"]),
        # The organisation represented, by its French acronym; the person's own organisation.
        ({"search": "cedeao"}, ["Aïssata Traoré"]),
        ({"search": "ac-rss bocoum"}, ["Boubacar Bocoum"]),
        ({"answer": "confirmed"}, ["Aïssata Traoré", "Boubacar Bocoum"]),
        ({"attendance": "none"}, ["Boubacar Bocoum", "John Okello"]),
        ({"answer": "confirmed", "attendance": "attended"}, ["Aïssata Traoré"]),
        ({"answer": "not-an-answer"}, ["Aïssata Traoré", "Boubacar Bocoum", "John Okello"]),
    ],
    ids=["name", "e-mail", "organisation", "two-words", "answer", "no-attendance", "both", "bad"],
)
def test_the_filter_keeps_the_participants_asked_for(secretariat, mixed_event, params, names):
    response = secretariat.get(page_of(mixed_event), params)

    assert response.status_code == 200
    assert names_in(response) == names


def test_the_filter_says_how_many_match_and_the_counts_stay_over_everyone(secretariat, mixed_event):
    response = secretariat.get(page_of(mixed_event), {"answer": "confirmed"})

    page = response.content.decode()
    assert "2 participants match these filters." in page
    assert "3 participants" in page
    assert "confirmed: 2" in page
    assert "declined: 1" in page
    assert "not recorded: 2" in page
    assert f'href="/workshops/{mixed_event.pk}/participants/#table-title">Show all' in page


def test_nothing_matching_the_filter_says_so(secretariat, mixed_event):
    response = secretariat.get(page_of(mixed_event), {"search": "nobody"})

    page = response.content.decode()
    assert "No participant matches these filters." in page
    assert "0 participants match these filters." in page


def test_the_counts_are_over_every_participant_whatever_the_page(secretariat, event):
    crowded(event, 120)
    Participant.objects.filter(person__full_name__lt="Participant 010").update(
        attendance="attended"
    )

    response = secretariat.get(page_of(event), {"page": 3})

    page = response.content.decode()
    assert "120 participants" in page
    assert "invited: 60" in page
    assert "confirmed: 60" in page
    assert "attended: 10" in page
    assert "not recorded: 110" in page


def test_the_filter_pages_keep_the_filter(secretariat, event):
    crowded(event, 120)

    response = secretariat.get(page_of(event), {"answer": "confirmed", "search": "ecowas"})

    page = response.content.decode()
    assert "60 participants match these filters." in page
    assert 'href="?search=ecowas&amp;answer=confirmed&amp;page=2#table-title"' in page
    assert names_in(response)[:2] == ["Participant 001", "Participant 003"]


def test_a_bulk_change_on_page_2_changes_the_ticked_rows_and_goes_back_there(secretariat, event):
    crowded(event, 120)
    second = secretariat.get(page_of(event), {"page": 2, "answer": "invited"})
    back = re.search(r'name="back" value="([^"]*)"', second.content.decode()).group(1)
    ticked = [Participant.objects.get(person__full_name=name).pk for name in names_in(second)[:3]]

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {"participants": ticked, "change": "answer:declined", "back": html.unescape(back)},
    )

    assert response.status_code == 302
    assert response.url == f"{page_of(event)}?answer=invited&page=2"
    declined = Participant.objects.filter(answer="declined")
    assert sorted(declined.values_list("person__full_name", flat=True)) == [
        "Participant 100",
        "Participant 102",
        "Participant 104",
    ]
    page = secretariat.get(response.url).content.decode()
    assert "Answer “declined” recorded for 3 participants." in page
    assert "declined: 3" in page


def test_a_bulk_change_goes_back_only_to_the_pages_own_parameters(secretariat, event):
    participant = factories.ParticipantFactory(event=event)

    response = secretariat.post(
        f"/workshops/{event.pk}/participants/bulk/",
        {
            "participants": [participant.pk],
            "change": "answer:confirmed",
            "back": "page=2&next=https://evil.example&search=ab",
        },
    )

    assert response.url == f"{page_of(event)}?search=ab&page=2"


def test_the_participants_page_weighs_the_same_at_60_or_300_participants(secretariat):
    smaller, larger = factories.EventFactory(), factories.EventFactory()
    crowded(smaller, 60, prefix="small")
    crowded(larger, 300, prefix="large")

    sizes = [len(secretariat.get(page_of(event)).content) for event in (smaller, larger)]

    # Both fill a page of 50; only the page links differ (2 pages, then 6).
    assert abs(sizes[1] - sizes[0]) < 2_000
    assert max(sizes) < 60_000


# --- Import ---------------------------------------------------------------------------------------


def preview(client, event, file):
    response = client.post(f"/workshops/{event.pk}/participants/import/", {"file": file})
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    client.import_token = found.group(1) if found else None
    return response


def confirm(client, event, **data):
    token = client.import_token
    return client.post(f"/workshops/{event.pk}/participants/import/", {"token": token, **data})


def test_the_preview_lists_the_bad_rows_problem_and_saves_nothing(secretariat, event):
    people, participants = Person.objects.count(), Participant.objects.count()

    response = preview(secretariat, event, data_file("participants_semicolon.csv"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Aïssata Traoré" in page
    assert "Boubacar Bocoum" in page
    bad_row = page[page.index('<th scope="row">4</th>') :]
    bad_row = bad_row[: bad_row.index("</tr>")]
    assert "Fatoumata Diallo" in bad_row
    assert "“fatoumata.diallo@” is not a valid e-mail address." in bad_row
    assert "4 rows read:" in page
    assert "1 with problems." in page
    assert "Import 3 rows" in page
    assert (Person.objects.count(), Participant.objects.count()) == (people, participants)
    assert not ParticipantGroup.objects.filter(event=event).exists()


def test_importing_is_refused_while_a_row_has_problems(secretariat, event):
    preview(secretariat, event, data_file("participants_semicolon.csv"))
    people = Person.objects.count()

    response = confirm(secretariat, event)

    assert response.status_code == 200
    assert (
        "1 row has problems. Fix the file and upload it again, or tick "
        "“Import the valid rows and skip the others”." in response.content.decode()
    )
    assert Person.objects.count() == people
    assert not Participant.objects.filter(event=event).exists()


def test_the_valid_rows_are_imported_when_skipping_is_ticked(secretariat, event):
    boubacar = factories.PersonFactory(
        full_name="Boubacar Bocoum", email="boubacar.bocoum@example.org"
    )
    preview(secretariat, event, data_file("participants_semicolon.csv"))
    people = Person.objects.count()

    response = confirm(secretariat, event, skip_invalid="on")

    assert response.status_code == 302
    participants = {
        p.person.full_name: p
        for p in Participant.objects.filter(event=event).select_related("person", "group")
    }
    assert sorted(participants) == ["Aïssata Traoré", "Boubacar Bocoum", "Oumar Diop"]
    # Boubacar's e-mail differs in case from the directory's: matched, not duplicated.
    assert participants["Boubacar Bocoum"].person == boubacar
    assert Person.objects.filter(email__iexact="boubacar.bocoum@example.org").count() == 1
    assert Person.objects.count() == people + 2
    aissata = participants["Aïssata Traoré"]
    assert (aissata.organisation.acronym, aissata.notice_language, aissata.role) == (
        "ECOWAS",
        "fr",
        "participant",
    )
    assert aissata.person.position == "Chargée de programme RSS"
    assert aissata.group.name == "Société civile"
    assert participants["Boubacar Bocoum"].group == aissata.group
    assert participants["Boubacar Bocoum"].role == "speaker"
    assert participants["Oumar Diop"].organisation.acronym == "AUC"
    assert not Person.objects.filter(full_name="Fatoumata Diallo").exists()
    page = secretariat.get(response.url).content.decode()
    assert "3 participants added. New in the directory: 2." in page


def test_the_preview_says_who_is_matched_and_who_already_takes_part(secretariat, event):
    factories.PersonFactory(full_name="Aïssata Traoré", email="AISSATA.TRAORE@example.org")
    oumar = factories.PersonFactory(full_name="Oumar Diop", email="oumar.diop@example.org")
    factories.ParticipantFactory(event=event, person=oumar)

    page = preview(secretariat, event, data_file("participants_semicolon.csv")).content.decode()

    assert "Added; matched to Mr. Aïssata Traoré in the directory" in page
    assert "Already a participant (Mr. Oumar Diop): left as is" in page
    assert "Import 2 rows" in page


def test_the_preview_points_out_a_namesake_with_another_e_mail(secretariat, event):
    factories.PersonFactory(
        full_name="Boubacar Bocoum", email="", organisation=factories.organisation("AC-RSS")
    )

    response = preview(secretariat, event, data_file("participants_semicolon.csv"))

    text = " ".join(response.content.decode().split())
    assert (
        "Check that this is not someone the directory already has under another e-mail "
        "address, or none: Boubacar Bocoum (AC-RSS)</p>" in text
    )


def test_an_import_twice_adds_no_one_the_second_time(secretariat, event):
    rows = "full_name,email\nAïssata Traoré,aissata@example.org\n".encode()
    preview(secretariat, event, upload("list.csv", rows))
    confirm(secretariat, event)

    page = preview(secretariat, event, upload("list.csv", rows)).content.decode()

    assert "No row of this file adds a participant." in page
    assert Participant.objects.filter(event=event).count() == 1


def test_a_comma_separated_file_without_bom_in_english_is_read(secretariat, event):
    rows = (
        "Name,E-mail,Organization,Position,Language,Role,Group\r\n"
        '"Traoré, Aïssata",aissata@example.org,ecowas,Programme officer,French,Moderator,\r\n'
    ).encode()

    preview(secretariat, event, upload("list.csv", rows))
    response = confirm(secretariat, event)

    assert response.status_code == 302
    participant = Participant.objects.select_related("person").get(event=event)
    assert participant.person.full_name == "Traoré, Aïssata"
    assert (participant.role, participant.notice_language) == ("moderator", "fr")


def test_a_windows_excel_csv_with_first_and_last_names_is_read(secretariat, event):
    rows = "Prénom;Nom;Courriel\r\nAïssata;Traoré;aissata@example.org\r\n".encode("cp1252")

    preview(secretariat, event, upload("liste.csv", rows))
    confirm(secretariat, event)

    assert Person.objects.get(email="aissata@example.org").full_name == "Aïssata Traoré"


def test_an_xlsx_workbook_is_read(secretariat, event):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom complet", "Courriel", "Organisation", "Langue"])
    workbook.active.append(["Boubacar Bocoum", "b.bocoum@example.org", "SADC", "en"])
    workbook.active.append([None, None, None, None])
    workbook.active.append(
        ["Aïssata Traoré", None, "Economic Community of West African States", None]
    )
    content = io.BytesIO()
    workbook.save(content)

    preview(secretariat, event, upload("liste.xlsx", content.getvalue()))
    response = confirm(secretariat, event)

    assert response.status_code == 302
    organisations = dict(
        Participant.objects.filter(event=event).values_list(
            "person__full_name", "organisation__acronym"
        )
    )
    assert organisations == {"Boubacar Bocoum": "SADC", "Aïssata Traoré": "ECOWAS"}


def test_each_kind_of_row_problem_is_listed(secretariat, event):
    rows = (
        b"full_name;email;organisation;language;role\n"
        b";nobody@example.org;;;\n"
        b"A. Diallo;a.diallo@example.org;Nowhere Inc.;Swahili;chair\n"
        b"B. Diallo;A.DIALLO@example.org;;;\n"
    )

    page = preview(secretariat, event, upload("list.csv", rows)).content.decode()

    assert "The name is missing." in page
    assert "No organisation of the directory is named “Nowhere Inc.”." in page
    assert "“Swahili” is not a language of the portal (en, fr, pt, ar)." in page
    assert "“chair” is not a role" in page
    assert "Same person as row 3." in page
    assert "3 with problems." in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.pdf", b"%PDF-1.4", "Choose a CSV or XLSX file."),
        ("list.xls", b"\xd0\xcf\x11\xe0", "This spreadsheet format is not read."),
        ("list.xlsx", b"full_name\nA\n", "This file is not an XLSX workbook."),
        ("list.csv", b"PK\x03\x04rest", "This file is a workbook, not CSV text."),
        ("list.csv", b"email\nx@example.org\n", "No column of the first row names the people."),
        ("list.csv", b"full_name\n", "The file has a header row but no participant."),
        ("list.csv", b"", "The submitted file is empty."),
        ("list.csv", b"full_name\n" + b"x" * (2 * 1024 * 1024), "The file is larger than 2 MB."),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_next_to_the_field(
    secretariat, event, name, content, message
):
    response = preview(secretariat, event, upload(name, content))

    page = response.content.decode()
    assert response.status_code == 400
    field = page[page.index('id="div_id_file"') :]
    assert message in field[: field.index("</form>")]
    assert secretariat.import_token is None


def test_a_damaged_xlsx_workbook_is_refused(secretariat, event):
    response = preview(secretariat, event, upload("list.xlsx", b"PK\x03\x04" + b"\x00" * 100))

    assert "This file is not an XLSX workbook." in response.content.decode()


def test_an_expired_preview_asks_for_the_file_again(secretariat, event):
    response = secretariat.post(
        f"/workshops/{event.pk}/participants/import/", {"token": "forged"}, follow=True
    )

    assert "This preview has expired. Upload the file again." in response.content.decode()
    assert not Participant.objects.exists()


# --- Export and attendance sheet ------------------------------------------------------------------


@pytest.fixture
def listed_event(event):
    group = factories.ParticipantGroupFactory(event=event, name="REC liaison offices")
    factories.ParticipantFactory(
        event=event,
        person__full_name="Aïssata Traoré",
        person__email="aissata.traore@example.org",
        person__position="Chargée de programme",
        person__organisation=factories.organisation("ECOWAS"),
        organisation=factories.organisation("ECOWAS"),
        group=group,
        role="speaker",
        notice_language="fr",
        answer="confirmed",
    )
    factories.ParticipantFactory(
        event=event,
        person__full_name="Boubacar Bocoum",
        person__title="Dr.",
        person__email="",
        person__organisation=factories.organisation("AC-RSS"),
        organisation=factories.organisation("AC-RSS"),
    )
    return event


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_csv_export_re_imports_into_another_event(secretariat, listed_event, language):
    secretariat.cookies["django_language"] = language
    people = Person.objects.count()

    exported = secretariat.get(f"/workshops/{listed_event.pk}/participants/export/?format=csv")
    other = factories.EventFactory(title="Next meeting of the series")
    secretariat.cookies["django_language"] = "en"
    page = preview(secretariat, other, upload("export.csv", exported.content)).content.decode()
    confirm(secretariat, other)

    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert exported.content.startswith(b"\xef\xbb\xbf")
    assert "0 with problems." in page
    assert "Columns left out" not in page
    assert Person.objects.count() == people

    def described(event):
        return sorted(
            Participant.objects.filter(event=event).values_list(
                "person__full_name",
                "organisation__acronym",
                "role",
                "notice_language",
                "group__name",
            ),
            key=str,
        )

    assert described(other) == described(listed_event)


def test_the_csv_export_has_the_import_headers_and_labels(secretariat, listed_event):
    response = secretariat.get(f"/workshops/{listed_event.pk}/participants/export/?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "full_name",
            "title",
            "email",
            "organisation",
            "position",
            "language",
            "role",
            "group",
            "answer",
            "attendance",
        ],
        [
            "Aïssata Traoré",
            "Mr.",
            "aissata.traore@example.org",
            "ECOWAS",
            "Chargée de programme",
            "French",
            "speaker",
            "REC liaison offices",
            "confirmed",
            "",
        ],
        [
            "Boubacar Bocoum",
            "Dr.",
            "",
            "AC-RSS",
            "JLMP Support Unit Coordinator",
            "English",
            "participant",
            "",
            "invited",
            "",
        ],
    ]
    assert response["Content-Disposition"] == (
        'attachment; filename="participants-2020-12-07-'
        'auc-recs-high-level-meeting-to-launch-th.csv"'
    )


def test_the_xlsx_export_holds_the_participants(secretariat, listed_event):
    response = secretariat.get(f"/workshops/{listed_event.pk}/participants/export/?format=xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["full_name", "title", "email"]
    assert [row[0] for row in rows[1:]] == ["Aïssata Traoré", "Boubacar Bocoum"]


def test_an_unknown_export_format_is_a_bad_request(secretariat, event):
    response = secretariat.get(f"/workshops/{event.pk}/participants/export/?format=pdf")

    assert response.status_code == 400


def test_the_attendance_sheet_lists_names_sorted_without_those_who_declined(secretariat, event):
    event.venue = "Hôtel de l’Amitié"
    event.city = "Bamako"
    event.format = "in_person"
    event.save()
    for name, answer in [
        ("Zoé Kaboré", "confirmed"),
        ("Élise Ouédraogo", "invited"),
        ("aminata Sow", "confirmed"),
        ("Boubacar Bocoum", "confirmed"),
        ("Xavier Declined", "declined"),
    ]:
        factories.ParticipantFactory(event=event, person__full_name=name, answer=answer)

    page = secretariat.get(f"/workshops/{event.pk}/participants/sheet/").content.decode()

    positions = [
        page.index(name)
        for name in ["aminata Sow", "Boubacar Bocoum", "Élise Ouédraogo", "Zoé Kaboré"]
    ]
    assert positions == sorted(positions)
    assert "Xavier" not in page
    assert "7 December 2020" in page
    assert "Hôtel de l’Amitié, Bamako" in page
    assert page.count("attendance-sheet-signature") == 1


# --- Queries --------------------------------------------------------------------------------------


def crowded(event, count: int, *, prefix: str = "p") -> None:
    ecowas = factories.organisation("ECOWAS")
    group = factories.ParticipantGroupFactory(event=event)
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Participant {n:03}", email=f"{prefix}{n}@example.org", organisation=ecowas
        )
        for n in range(count)
    )
    Participant.objects.bulk_create(
        Participant(event=event, person=person, organisation=ecowas, group=group, answer=answer)
        for person, answer in zip(people, ["invited", "confirmed"] * count, strict=False)
    )


@pytest.mark.parametrize("count", [1, 500])
def test_the_participants_page_costs_the_same_queries_for_1_or_500(
    secretariat, event, django_assert_max_num_queries, count
):
    crowded(event, count)
    secretariat.get(page_of(event))

    # The user; the event; the participants counted by answer and attendance (which also
    # feeds the paginator); the page of participants with person, organisations and group;
    # the event's groups.
    with django_assert_max_num_queries(5):
        response = secretariat.get(page_of(event), {"page": 2})

    assert response.content.decode().count('name="participants"') == min(count, 50)


@pytest.mark.parametrize("count", [1, 500])
def test_a_search_of_the_participants_costs_the_same_queries_for_1_or_500(
    secretariat, event, django_assert_max_num_queries, count
):
    crowded(event, count)
    secretariat.get(page_of(event), {"search": "participant ecowas"})

    # As without a search, and the rows the search keeps, counted for the paginator.
    with django_assert_max_num_queries(6):
        response = secretariat.get(page_of(event), {"search": "participant ecowas"})

    assert response.content.decode().count('name="participants"') == min(count, 50)


@pytest.mark.parametrize("count", [1, 500])
def test_the_attendance_sheet_costs_the_same_queries_for_1_or_500(
    secretariat, event, django_assert_max_num_queries, count
):
    crowded(event, count)
    secretariat.get(f"/workshops/{event.pk}/participants/sheet/")

    # The user; the event; the participants.
    with django_assert_max_num_queries(3):
        response = secretariat.get(f"/workshops/{event.pk}/participants/sheet/")

    assert response.content.decode().count("<td>Participant ") == count


@pytest.mark.parametrize("count", [1, 500])
def test_the_export_costs_the_same_queries_for_1_or_500(
    secretariat, event, django_assert_max_num_queries, count
):
    crowded(event, count)
    secretariat.get(f"/workshops/{event.pk}/participants/export/?format=csv")

    # The user; the event; the participants.
    with django_assert_max_num_queries(3):
        response = secretariat.get(f"/workshops/{event.pk}/participants/export/?format=xlsx")

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 500])
def test_the_import_preview_costs_the_same_queries_for_1_or_500_rows(
    secretariat, event, django_assert_max_num_queries, count
):
    crowded(event, 10)
    lines = [f"Person {n};p{n}@example.org;ECOWAS;Groupe {n % 3}" for n in range(count)]
    lines.append("Nameless Person;;AC-RSS;")
    content = "\n".join(["nom;courriel;organisation;groupe", *lines]).encode()
    secretariat.get(f"/workshops/{event.pk}/participants/import/")

    # The user; the event; organisations; their other names (aliases); the event's groups;
    # people by e-mail; people by name; people already taking part (the parsed rows wait in
    # the cache, not the session).
    with django_assert_max_num_queries(8):
        response = preview(secretariat, event, upload("list.csv", content))

    assert f"Import {count + 1 - min(count, 10)} row" in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_the_autocomplete_costs_the_same_queries_for_1_or_25_matches(
    secretariat, event, django_assert_max_num_queries, count
):
    factories.PersonFactory.create_batch(count, organisation=factories.organisation("ECOWAS"))
    secretariat.get("/workshops/people/autocomplete/", {"q": "diop", "event": event.pk})

    # The user; the event; the people (at most 20) with their organisation.
    with django_assert_max_num_queries(3):
        response = secretariat.get(
            "/workshops/people/autocomplete/", {"q": "diop", "event": event.pk}
        )

    assert response.content.decode().count('type="radio"') == min(count, 20)
