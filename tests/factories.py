"""factory-boy factories whose defaults come from the seed records (../shared/seeds)."""

import datetime as dt
import zoneinfo

import factory

from partners.models import Country, Organisation, Person, User
from workshops.models import Event, Mandate, Participant

ADDIS = zoneinfo.ZoneInfo("Africa/Addis_Ababa")


# Acronyms two organisations share, and the one that factories.organisation() means by default.
SHARED_ACRONYMS = {"PAPS": "AUC"}  # not ECOWAS's PAPS


def organisation(acronym: str, parent: str = "") -> Organisation:
    """A reference-data organisation, loaded by load_reference_data; ``parent`` picks one of
    the organisations that share an acronym (``organisation("PAPS", parent="ECOWAS")``)."""
    parent = parent or SHARED_ACRONYMS.get(acronym, "")
    lookup = {"parent__acronym": parent} if parent else {}
    return Organisation.objects.get(acronym=acronym, **lookup)


def country(iso2: str) -> Country:
    return Country.objects.get(iso2=iso2)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Civil society network {n}")
    kind = "civil_society"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    title = "Mr."
    full_name = factory.Sequence(lambda n: f"Oumar Diop {n}")
    position = "JLMP Support Unit Coordinator"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    title = "AU/REC Workshop"
    start_date = dt.date(2016, 12, 1)
    end_date = dt.date(2016, 12, 17)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = (
        "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme "
        "Strategic Framework"
    )
    kind = "high_level_meeting"
    format = "online"
    start = dt.datetime(2020, 12, 7, 10, 0, tzinfo=ADDIS)
    end = dt.datetime(2020, 12, 7, 13, 0, tzinfo=ADDIS)
    working_languages = ["en", "fr"]


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)


# Factories for the rest of the model (models named as "app.Model" so this block needs no import).


class MembershipFactory(factory.django.DjangoModelFactory):
    """Mali in a REC of its own, so the period cannot overlap the reference memberships."""

    class Meta:
        model = "partners.Membership"

    organisation = factory.SubFactory(
        OrganisationFactory, kind="rec", acronym=factory.Sequence(lambda n: f"REC-{n}")
    )
    country = factory.LazyFunction(lambda: country("ML"))
    joined_on = dt.date(1975, 5, 28)


class OrganisationNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.OrganisationName"

    organisation = factory.LazyFunction(lambda: organisation("ECOWAS"))
    name = factory.Sequence(lambda n: f"Communauté des États ouest-africains {n}")
    kind = "other_spelling"
    language = "fr"


class AUSuspensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.AUSuspension"

    country = factory.LazyFunction(lambda: country("ML"))
    suspended_on = dt.date(2012, 3, 23)
    lifted_on = dt.date(2012, 10, 24)
    decision = "PSC 315th meeting"


class CoordinationFrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.CoordinationFramework"

    name = factory.Sequence(lambda n: f"Ministerial Coordination Platform for the Sahel {n}")
    cadence = "biannual plenaries"


class FrameworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.FrameworkMember"

    framework = factory.SubFactory(CoordinationFrameworkFactory)
    organisation = factory.LazyFunction(lambda: organisation("ECOWAS"))


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.WorkingGroup"

    framework = factory.SubFactory(CoordinationFrameworkFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Governance"


class MandateOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.MandateOutput"

    mandate = factory.SubFactory(MandateFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Provide expertise and advice to the workshop organizers."


class MandateObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.MandateObjective"

    mandate = factory.SubFactory(MandateFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Enhance institutional coordination in SSR support."


class EventTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.EventTranslation"

    event = factory.SubFactory(EventFactory)
    language = "fr"
    title = "Réunion de haut niveau CUA-CER"


class EventOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.EventOrganiser"

    event = factory.SubFactory(EventFactory)
    organisation = factory.LazyFunction(lambda: organisation("IOM"))
    role_id = "organiser"


class EventObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.EventObjective"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Launch the JLMP Strategic Framework."


class EventExpectedResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.EventExpectedResult"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "The JLMP Strategic Framework is launched."


class EventContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.EventContact"

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    purpose = "For media inquiries"


class ParticipantGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.ParticipantGroup"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "CEOs of the 8 RECs"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Document"

    event = factory.SubFactory(EventFactory)
    kind = "agenda"
    title = "Agenda"
    file = factory.django.FileField(filename="agenda.pdf", data=b"%PDF-1.4\n")


class EventLinkFactory(factory.django.DjangoModelFactory):
    """A seminar that follows up an earlier joint assessment mission."""

    class Meta:
        model = "workshops.EventLink"

    from_event = factory.SubFactory(
        EventFactory,
        title="Seminar on the follow-up of the joint assessment mission",
        kind="seminar",
    )
    kind = "follow_up"
    to_event = factory.SubFactory(
        EventFactory, title="Joint assessment mission", kind="joint_assessment_mission"
    )


class SourceFactory(factory.django.DjangoModelFactory):
    """The press release an event's record was entered from; published before the event."""

    class Meta:
        model = "workshops.Source"

    event = factory.SubFactory(EventFactory)
    url = "https://www.example.org/press-releases/jlmp-strategic-framework-launch"
    headline = "The AUC and the RECs launch the JLMP Strategic Framework"
    published_on = dt.date(2020, 12, 4)
    dateline = "Addis Ababa"
    language = "en"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Lesson"

    event = factory.SubFactory(EventFactory)
    organisation = factory.LazyFunction(lambda: organisation("ECOWAS"))
    title = "Plan joint events with the RECs from the start"
    observation = "The RECs were invited after the agenda was set."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Attachment"

    lesson = factory.SubFactory(LessonFactory)
    title = "Extract of the workshop report"
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n")


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Notice"

    kind = "lesson_submitted"
    event = factory.SubFactory(EventFactory)
    recipient_name = "Secretariat of the AUC SSR Unit"
    recipient_email = "secretariat@example.org"


class NoticeTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.NoticeTemplate"

    kind = "invitation"
    language = "en"
    subject = "Save the date: {{ event }}"
    body = "Dear {{ name }},\n\nPlease answer: {{ answer_link }}"


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.FollowUpAction"

    lesson = factory.SubFactory(LessonFactory)
    action_body = factory.LazyFunction(lambda: organisation("AUC"))
    description = "Share the draft agenda with the REC focal points."


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.StageChange"

    lesson = factory.SubFactory(LessonFactory)
    from_stage = "draft"
    to_stage = "submitted"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Comment"

    lesson = factory.SubFactory(LessonFactory)
    text = "Which REC raised this first?"
