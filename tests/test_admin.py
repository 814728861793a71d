"""The admin from which the Admin group runs the directory: every model, every role, import and
export, history, the membership overlap rule, and query counts that do not grow with the rows."""

import datetime as dt
import io
import re
import zoneinfo

import pytest
import tablib
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lessons.models import Attachment, Comment, FollowUpAction, Lesson, LessonCategory, StageChange
from partners.models import (
    AUSuspension,
    CoordinationFramework,
    Country,
    FrameworkMember,
    Membership,
    Organisation,
    OrganisationName,
    Person,
    User,
    WorkingGroup,
)
from partners.resources import OrganisationResource
from tests import factories
from workshops.models import (
    Document,
    Event,
    EventContact,
    EventExpectedResult,
    EventLink,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    Mandate,
    MandateObjective,
    MandateOutput,
    Notice,
    NoticeTemplate,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    Source,
    TargetOrganisationType,
    ThematicArea,
)

pytestmark = pytest.mark.django_db

PORTAL_APPS = ("partners", "workshops", "lessons")

# One object of each model, for its change page.
BUILDERS = {
    AUSuspension: factories.AUSuspensionFactory,
    CoordinationFramework: factories.CoordinationFrameworkFactory,
    Country: lambda: factories.country("ML"),
    FrameworkMember: factories.FrameworkMemberFactory,
    Membership: factories.MembershipFactory,
    Organisation: lambda: factories.organisation("ECOWAS"),
    Person: factories.PersonFactory,
    User: factories.UserFactory,
    WorkingGroup: factories.WorkingGroupFactory,
    OrganisationName: factories.OrganisationNameFactory,
    Document: factories.DocumentFactory,
    Event: factories.EventFactory,
    EventContact: factories.EventContactFactory,
    EventExpectedResult: factories.EventExpectedResultFactory,
    EventLink: factories.EventLinkFactory,
    EventObjective: factories.EventObjectiveFactory,
    EventOrganiser: factories.EventOrganiserFactory,
    EventTranslation: factories.EventTranslationFactory,
    Mandate: factories.MandateFactory,
    MandateObjective: factories.MandateObjectiveFactory,
    MandateOutput: factories.MandateOutputFactory,
    Participant: factories.ParticipantFactory,
    ParticipantGroup: factories.ParticipantGroupFactory,
    TargetOrganisationType: lambda: TargetOrganisationType.objects.get(code="security-providers"),
    ThematicArea: lambda: ThematicArea.objects.get(code="ssr-policy-strategy"),
    Notice: factories.NoticeFactory,
    NoticeTemplate: factories.NoticeTemplateFactory,
    OrganiserRole: lambda: OrganiserRole.objects.get(code="facilitator"),
    Source: factories.SourceFactory,
    Attachment: factories.AttachmentFactory,
    Comment: factories.CommentFactory,
    FollowUpAction: factories.FollowUpActionFactory,
    Lesson: factories.LessonFactory,
    LessonCategory: lambda: LessonCategory.objects.get(code="planning-logistics"),
    StageChange: factories.StageChangeFactory,
}
MODELS = sorted(BUILDERS, key=lambda model: model._meta.label)

# Add pages that are refused on purpose, with why.
ADD_REFUSED = {
    StageChange: "the stage log is written by the lessons workflow, never by hand",
    Notice: "notices are written by the services that cause them, in their transaction",
}

NOT_STAFF_ROLES = ["anonymous", "secretariat", "focal_point", "other_focal_point"]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_model_of_the_portal_is_registered():
    portal_models = {
        model
        for app in PORTAL_APPS
        for model in apps.get_app_config(app).get_models()
        # Historical models are shown by their model's "History" button.
        if not hasattr(model, "instance_type")
    }

    registered = {model for model in admin.site._registry if model._meta.app_label in PORTAL_APPS}

    assert registered == portal_models
    assert set(BUILDERS) == portal_models


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_admin_group_opens_the_list_add_and_change_pages(admin_client, model):
    obj = BUILDERS[model]()

    changelist = admin_client.get(url(model, "changelist"))
    add = admin_client.get(url(model, "add"))
    change = admin_client.get(url(model, "change", obj.pk))

    assert changelist.status_code == 200
    assert add.status_code == (403 if model in ADD_REFUSED else 200)
    assert change.status_code == 200


@pytest.mark.parametrize("role", NOT_STAFF_ROLES)
def test_users_who_are_not_staff_are_sent_to_the_admin_login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(f"{role}_user"))

    responses = {model: client.get(url(model, "changelist")) for model in MODELS}

    login = reverse("admin:login")
    assert {model: r.status_code for model, r in responses.items()} == dict.fromkeys(MODELS, 302)
    assert {model: r.url.split("?")[0] for model, r in responses.items()} == dict.fromkeys(
        MODELS, login
    )


@pytest.mark.parametrize("role", ["secretariat", "focal_point", "other_focal_point"])
def test_staff_status_alone_opens_no_admin_page(client, request, role):
    user = request.getfixturevalue(f"{role}_user")
    user.is_staff = True
    user.save()
    client.force_login(user)

    responses = {model: client.get(url(model, "changelist")) for model in MODELS}
    index = client.get(reverse("admin:index"))

    assert {model: r.status_code for model, r in responses.items()} == dict.fromkeys(MODELS, 302)
    assert index.status_code == 302
    login = client.get(index.url)
    assert "but are not authorized to access this page" in login.content.decode()


def test_the_user_admin_refuses_staff_status_outside_the_admin_group(
    admin_client, focal_point_user
):
    change = url(User, "change", focal_point_user.pk)
    form = admin_client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"password", "groups", "user_permissions"}
    }
    data.update(
        is_staff="on",
        is_active="on",
        groups=[group.pk for group in focal_point_user.groups.all()],
        last_login_0="",
        last_login_1="",
        date_joined_0="2026-01-01",
        date_joined_1="09:00:00",
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    data.pop("is_superuser", None)

    response = admin_client.post(change, data)

    assert response.status_code == 200
    assert "Staff status opens the Django admin, which is for the Admin group only" in (
        response.content.decode()
    )
    focal_point_user.refresh_from_db()
    assert not focal_point_user.is_staff


def test_admin_index_is_titled_for_the_portal(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["site_header"] == "SSR Coordination Portal"
    assert (
        "<title>Site administration | SSR Coordination Portal</title>" in response.content.decode()
    )


def test_membership_organisation_autocomplete_offers_only_recs_and_rms(admin_client):
    factories.OrganisationFactory(name="Community Policing Network", acronym="CPN")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partners",
            "model_name": "membership",
            "field_name": "organisation",
            "term": "community",
        },
    )

    assert response.status_code == 200
    assert sorted(item["text"].split(" – ")[0] for item in response.json()["results"]) == [
        "CEN-SAD",
        "EAC",
        "ECCAS",
        "ECOWAS",
        "SADC",
    ]


# The change form of an organisation without other names (its inline, and no end date).
NO_ALIASES = {
    "ended_precision": "day",
    "aliases-TOTAL_FORMS": "0",
    "aliases-INITIAL_FORMS": "0",
    "aliases-MIN_NUM_FORMS": "0",
    "aliases-MAX_NUM_FORMS": "1000",
}


def test_organisation_history_shows_who_changed_it(admin_client):
    organisation = factories.OrganisationFactory(name="Civil society network for SSR in Mali")

    saved = admin_client.post(
        url(Organisation, "change", organisation.pk),
        {
            "acronym": "CSN-SSR",
            "name": organisation.name,
            "name_fr": "Réseau de la société civile pour la RSS au Mali",
            "kind": "civil_society",
            "parent": "",
            "active": "on",
            "headquarters": factories.country("ML").pk,
            "website": "",
            "description": "",
            "note": "",
            **NO_ALIASES,
        },
    )
    history = admin_client.get(url(Organisation, "history", organisation.pk))

    assert saved.status_code == 302
    assert history.status_code == 200
    latest = history.context["page_obj"].object_list[0]
    assert latest.history_user.username == "admin-role"
    assert latest.acronym == "CSN-SSR"
    assert ">admin-role</a>" in history.content.decode()


def test_organisation_list_shows_the_eight_recs_with_their_member_states(admin_client):
    response = admin_client.get(url(Organisation, "changelist"), {"kind__exact": "rec"})

    rows = {org.acronym: org.member_states_today for org in response.context["cl"].result_list}
    assert rows == {
        "CEN-SAD": 24,
        "COMESA": 21,
        "EAC": 8,
        "ECCAS": 11,
        "ECOWAS": 12,
        "IGAD": 8,
        "SADC": 16,
        "UMA": 5,
    }


def test_rec_page_lists_its_member_states_with_their_periods(admin_client):
    ecowas = factories.organisation("ECOWAS")

    response = admin_client.get(url(Organisation, "change", ecowas.pk))

    page = response.content.decode()
    inline = response.context["inline_admin_formsets"][0].formset
    members = {form.instance.country.iso2 for form in inline.forms if form.instance.pk}
    assert len(members) == 16  # 12 members today, and Mauritania, Mali, Burkina Faso, Niger
    assert {"NG", "SN", "ML", "BF", "NE", "MR"} <= members
    assert "Member states" in page or "member states" in page


def test_search_finds_an_organisation_by_its_acronym(admin_client):
    response = admin_client.get(url(Organisation, "changelist"), {"q": "ecowas"})

    assert [org.acronym for org in response.context["cl"].result_list] == ["ECOWAS"]


def test_event_list_gives_whole_days_without_a_time_and_says_when_no_date_is_known(admin_client):
    bamako = zoneinfo.ZoneInfo("Africa/Bamako")
    factories.EventFactory(
        title="Atelier national de mise en place de l’alliance",
        start=dt.datetime(2022, 1, 26, tzinfo=bamako),
        end=dt.datetime(2022, 1, 27, 23, 59, 59, tzinfo=bamako),
        all_day=True,
        time_zone="Africa/Bamako",
    )
    factories.EventFactory(title="Steering committee", start=None, end=None, status="planned")

    response = admin_client.get(url(Event, "changelist"))

    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S)
    ]
    assert (
        "Atelier national de mise en place de l’alliance high-level meeting "
        "26 January 2022 (Africa/Bamako) planned online -"
    ) in rows
    assert "Steering committee high-level meeting Date not known yet planned online -" in rows


def test_an_organisation_leads_a_mission_through_its_head_of_mission(admin_client):
    ecowas = factories.organisation("ECOWAS")
    event = factories.EventFactory(
        title="Joint assessment mission to Guinea-Bissau", kind="joint_assessment_mission"
    )
    head = factories.PersonFactory(full_name="Mamadou Lamine Sall", organisation=ecowas)

    response = admin_client.post(
        url(EventOrganiser, "add"),
        {
            "event": event.pk,
            "organisation": ecowas.pk,
            "role": "lead",
            "represented_by": head.pk,
            "capacity": "head of mission",
            "position": "1",
        },
    )

    assert response.status_code == 302
    assert list(
        event.organiser_roles.values_list(
            "organisation__acronym", "role", "represented_by__full_name", "capacity"
        )
    ) == [("ECOWAS", "lead", "Mamadou Lamine Sall", "head of mission")]


def test_search_finds_a_person_by_e_mail_in_any_case(admin_client):
    factories.PersonFactory(full_name="Oumar Diop", email="oumar.diop@au.int")
    factories.PersonFactory(full_name="Aïssata Traoré", email="a.traore@ecowas.int")

    response = admin_client.get(url(Person, "changelist"), {"q": "Oumar.Diop@AU.int"})

    assert [person.full_name for person in response.context["cl"].result_list] == ["Oumar Diop"]


@pytest.mark.parametrize("model", [Organisation, Person], ids=["organisations", "people"])
def test_directory_lists_offer_import_and_export_as_csv_or_xlsx(admin_client, model):
    changelist = admin_client.get(url(model, "changelist"))
    import_page = admin_client.get(url(model, "import"))

    assert url(model, "import") in changelist.content.decode()
    assert url(model, "export") in changelist.content.decode()
    assert import_page.context["form"].fields["format"].choices == [
        ("", "---"),
        ("0", "csv"),
        ("1", "xlsx"),
    ]


def csv_upload(name, text):
    """A CSV file as a spreadsheet saves it: UTF-8 with a byte-order mark."""
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


ORGANISATIONS_CSV = (
    "acronym,name,name_fr,kind,parent_acronym,headquarters_iso2,website\n"
    "AC-RSS,Alliance Citoyenne pour la Réforme du Secteur de la Sécurité,"
    "Alliance Citoyenne pour la Réforme du Secteur de la Sécurité,civil_society,,ml,"
    "https://ac-rss.example.org\n"
    "WANEP,West Africa Network for Peacebuilding,"
    "Réseau Ouest-Africain pour l'Édification de la Paix,civil_society,,GH,https://wanep.org\n"
)


def test_organisation_import_shows_a_preview_and_saves_nothing_before_confirming(admin_client):
    count_before = Organisation.objects.count()
    ac_rss_website = factories.organisation("AC-RSS").website

    preview = admin_client.post(
        url(Organisation, "import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_upload("organisations.csv", ORGANISATIONS_CSV),
        },
    )

    assert preview.status_code == 200
    rows = preview.context["result"].rows
    assert [(row.import_type, row.object_repr) for row in rows] == [
        ("update", "AC-RSS – Alliance Citoyenne pour la Réforme du Secteur de la Sécurité"),
        ("new", "WANEP – West Africa Network for Peacebuilding"),
    ]
    assert "Réseau Ouest-Africain pour l" in preview.content.decode()
    assert "Édification de la Paix" in preview.content.decode()
    assert "confirm_form" in preview.context
    assert Organisation.objects.count() == count_before
    assert factories.organisation("AC-RSS").website == ac_rss_website


def test_organisation_import_saves_the_rows_once_confirmed(admin_client):
    count_before = Organisation.objects.count()
    preview = admin_client.post(
        url(Organisation, "import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_upload("organisations.csv", ORGANISATIONS_CSV),
        },
    )

    confirmed = admin_client.post(
        url(Organisation, "process_import"), preview.context["confirm_form"].initial
    )

    assert confirmed.status_code == 302
    assert Organisation.objects.count() == count_before + 1
    wanep = factories.organisation("WANEP")
    assert (wanep.name_fr, wanep.kind, wanep.headquarters.iso2) == (
        "Réseau Ouest-Africain pour l'Édification de la Paix",
        "civil_society",
        "GH",
    )
    assert factories.organisation("AC-RSS").website == "https://ac-rss.example.org"
    assert wanep.history.get().history_user.username == "admin-role"


def test_organisation_import_names_an_unknown_parent(admin_client):
    text = "acronym,name,kind,parent_acronym\nSSR-X,SSR Unit X,auc_department,NOPE\n"

    preview = admin_client.post(
        url(Organisation, "import"),
        {"resource": "0", "format": "0", "import_file": csv_upload("units.csv", text)},
    )

    assert preview.status_code == 200
    assert "No organisation has the code “NOPE”." in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert not Organisation.objects.filter(acronym="SSR-X").exists()


def test_person_import_updates_the_person_whose_e_mail_differs_only_in_case(admin_client):
    person = factories.PersonFactory(
        full_name="Oumar Diop",
        email="oumar.diop@au.int",
        position="JLMP Support Unit Coordinator",
    )
    text = (
        "email,title,full_name,position,organisation_acronym\n"
        "Oumar.Diop@AU.int,Mr.,Oumar Diop,Head of the JLMP Support Unit,AUC\n"
    )

    preview = admin_client.post(
        url(Person, "import"),
        {"resource": "0", "format": "0", "import_file": csv_upload("people.csv", text)},
    )
    confirmed = admin_client.post(
        url(Person, "process_import"), preview.context["confirm_form"].initial
    )

    assert [row.import_type for row in preview.context["result"].rows] == ["update"]
    assert confirmed.status_code == 302
    assert list(Person.objects.filter(email__iexact="oumar.diop@au.int")) == [person]
    person.refresh_from_db()
    assert person.position == "Head of the JLMP Support Unit"
    assert person.organisation.acronym == "AUC"


def export_form_data(file_format: str) -> dict:
    """The export form as the admin sends it: one format, every column ticked."""
    fields = OrganisationResource().get_export_order()
    return {
        "resource": "0",
        "format": file_format,
        **{f"organisationresource_{name}": "on" for name in fields},
    }


def test_organisation_export_as_csv_contains_ecowas(admin_client):
    response = admin_client.post(url(Organisation, "export"), export_form_data("0"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0].startswith("acronym,name,name_fr,kind,parent_acronym,headquarters_iso2,")
    assert any(
        line.startswith("ECOWAS,Economic Community of West African States,") for line in lines
    )


def test_organisation_export_as_xlsx_names_the_headquarters_by_iso_code(admin_client):
    response = admin_client.post(url(Organisation, "export"), export_form_data("1"))

    dataset = tablib.Dataset().load(io.BytesIO(response.content), format="xlsx")
    rows = {(row["acronym"], row["parent_acronym"] or ""): row for row in dataset.dict}
    assert rows[("ECOWAS", "")]["headquarters_iso2"] == "NG"
    assert rows[("PAPS", "ECOWAS")]["headquarters_iso2"] == "NG"
    assert ("PAPS", "AUC") in rows


OVERLAP_MESSAGE = (
    "Mali already has a membership of {organisation} in this period: periods of one country in "
    "one organisation must not overlap."
)


def test_membership_admin_refuses_an_overlapping_period(admin_client):
    existing = factories.MembershipFactory()  # Mali, from 1975, still a member

    response = admin_client.post(
        url(Membership, "add"),
        {
            "organisation": existing.organisation.pk,
            "country": existing.country.pk,
            "joined_on": "2000-01-01",
            "joined_precision": "year",
            "left_on": "",
            "left_precision": "day",
            "note": "",
            "sources": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        OVERLAP_MESSAGE.format(organisation=existing.organisation)
    ]
    assert OVERLAP_MESSAGE.format(organisation=existing.organisation) in response.content.decode()
    assert list(Membership.objects.filter(organisation=existing.organisation)) == [existing]


def organisation_form_data(organisation, memberships):
    """The change form of a REC with its member-states inline, as the browser posts it."""
    data = {
        "acronym": organisation.acronym,
        "name": organisation.name,
        "name_fr": organisation.name_fr,
        "kind": organisation.kind,
        "parent": "",
        "active": "on",
        "headquarters": "",
        "website": "",
        "description": "",
        "note": "",
        **NO_ALIASES,
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for row in memberships if "id" in row)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(memberships):
        row = {
            "organisation": organisation.pk,
            "joined_precision": "day",
            "left_on": "",
            "left_precision": "day",
            "sources": "",
            **row,
        }
        data.update({f"memberships-{index}-{name}": value for name, value in row.items()})
    return data


def test_membership_inline_refuses_overlapping_rows_in_one_save(admin_client):
    rec = factories.OrganisationFactory(kind="rec", acronym="REC-T", name="Test REC")
    mali = factories.country("ML")

    response = admin_client.post(
        url(Organisation, "change", rec.pk),
        organisation_form_data(
            rec,
            [
                {"country": mali.pk, "joined_on": "1975-05-28"},
                {"country": mali.pk, "joined_on": "2000-01-01"},
            ],
        ),
    )

    assert response.status_code == 200
    assert OVERLAP_MESSAGE.format(organisation=rec) in response.content.decode()
    assert not Membership.objects.filter(organisation=rec).exists()


def test_membership_inline_ends_a_period_and_starts_the_next_in_one_save(admin_client):
    membership = factories.MembershipFactory()  # Mali, from 1975, still a member
    rec = membership.organisation

    response = admin_client.post(
        url(Organisation, "change", rec.pk),
        organisation_form_data(
            rec,
            [
                {
                    "id": membership.pk,
                    "country": membership.country.pk,
                    "joined_on": "1975-05-28",
                    "left_on": "2000-12-31",
                },
                {"country": membership.country.pk, "joined_on": "2005-01-01"},
            ],
        ),
    )

    assert response.status_code == 302
    assert [m.period_display for m in Membership.objects.filter(organisation=rec)] == [
        "28 May 1975 – 31 December 2000",
        "1 January 2005 –",
    ]


def test_user_admin_edits_organisation_and_language_but_not_superuser_status(
    admin_client, admin_user
):
    response = admin_client.get(url(User, "change", admin_user.pk))

    form = response.context["adminform"].form
    assert {"organisation", "language"} <= set(form.fields)
    assert {"is_superuser", "user_permissions"}.isdisjoint(form.fields)


def test_admin_group_cannot_change_a_superuser_account(admin_client):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)

    page = admin_client.get(url(User, "change", root.pk))
    password = admin_client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "a new long passphrase", "password2": "a new long passphrase"},
    )

    assert page.status_code == 200
    assert "password1" not in page.context["adminform"].form.fields
    assert page.context["has_change_permission"] is False
    assert password.status_code == 403
    root.refresh_from_db()
    assert root.check_password("correct horse battery staple")


def organisations(count):
    factories.OrganisationFactory.create_batch(
        count, parent=factories.organisation("AUC"), headquarters=factories.country("ET")
    )


def people(count):
    factories.PersonFactory.create_batch(count, organisation=factories.organisation("AUC"))


def memberships(count):
    factories.MembershipFactory.create_batch(count)


def events(count):
    for event in factories.EventFactory.create_batch(count, country=factories.country("ML")):
        factories.EventOrganiserFactory(event=event)


def participants(count):
    ecowas = factories.organisation("ECOWAS")
    factories.ParticipantFactory.create_batch(
        count, organisation=ecowas, person__organisation=ecowas
    )


def lessons(count):
    factories.LessonFactory.create_batch(count)


def mandates(count):
    for mandate in factories.MandateFactory.create_batch(count):
        mandate.mandating_organisations.add(factories.organisation("AUC"))


# Every changelist makes 7 queries: the session, the user, the user's own and group permissions
# (2), the filtered count, the total count, the page of rows. Each line adds its own.
CHANGELIST_QUERIES = [
    # + the headquarters filter's countries
    (Organisation, organisations, 8),
    # nothing more: the kind and language filters are fixed lists
    (Person, people, 7),
    # + the organisation and country filters
    (Membership, memberships, 9),
    # + the country filter, the organisers (a prefetch), the date hierarchy's range and days
    (Event, events, 11),
    # + the date hierarchy's range and days
    (Participant, participants, 9),
    # + the organisation, thematic-area and category filters, the date hierarchy's range and days
    (Lesson, lessons, 12),
    # + the mandating organisations (a prefetch), the date hierarchy's range and days
    (Mandate, mandates, 10),
]


@pytest.mark.parametrize(
    ("model", "build", "queries"),
    CHANGELIST_QUERIES,
    ids=[model._meta.label for model, _, _ in CHANGELIST_QUERIES],
)
def test_changelist_queries_do_not_grow_with_the_rows(
    admin_client, django_assert_max_num_queries, model, build, queries
):
    build(1)
    with django_assert_max_num_queries(queries):
        one = admin_client.get(url(model, "changelist"))

    build(49)
    with django_assert_max_num_queries(queries):
        fifty = admin_client.get(url(model, "changelist"))

    assert one.status_code == fifty.status_code == 200
    assert fifty.context["cl"].result_count >= 50
