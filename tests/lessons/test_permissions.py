import pytest
from django.contrib.auth.models import AnonymousUser

from lessons.models import Stage
from lessons.permissions import (
    can_edit_lesson,
    can_move_lesson,
    can_submit_lesson_for,
    visible_lessons,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _lesson(title, stage, organisation="ECOWAS", visibility="internal", **kwargs):
    if stage in {Stage.ACTION_ASSIGNED, Stage.IMPLEMENTED}:
        kwargs.update(action_body=factories.organisation("AUC"), due_date="2031-06-30")
    return factories.LessonFactory(
        title=title,
        stage=stage,
        organisation=factories.organisation(organisation),
        visibility=visibility,
        **kwargs,
    )


def _titles(user):
    return set(visible_lessons(user).values_list("title", flat=True))


@pytest.fixture
def register():
    """One lesson per stage for ECOWAS and for SADC, internal, plus public published ones."""
    for organisation in ("ECOWAS", "SADC"):
        for stage in Stage.values:
            _lesson(f"{organisation} {stage}", stage, organisation)
    _lesson("SADC public validated", Stage.VALIDATED, "SADC", "public")
    _lesson("SADC public learned", Stage.LEARNED, "SADC", "public")
    _lesson("SADC public submitted", Stage.SUBMITTED, "SADC", "public")
    _lesson("SADC public rejected", Stage.REJECTED, "SADC", "public")


PUBLISHED = ["validated", "action_assigned", "implemented", "learned"]


def test_focal_point_sees_own_drafts_and_every_organisations_validated_lessons(
    register, focal_point_user
):
    assert _titles(focal_point_user) == {
        *(f"ECOWAS {stage}" for stage in Stage.values),
        *(f"SADC {stage}" for stage in PUBLISHED),
        "SADC public validated",
        "SADC public learned",
    }


def test_focal_point_cannot_see_other_org_draft(register, focal_point_user):
    assert not visible_lessons(focal_point_user).filter(title="SADC draft").exists()


def test_focal_point_cannot_see_other_org_rejected_lesson(register, focal_point_user):
    assert (
        not visible_lessons(focal_point_user)
        .filter(title__endswith="rejected")
        .exclude(organisation__acronym="ECOWAS")
        .exists()
    )


def test_focal_point_without_organisation_sees_published_lessons_only(register, focal_point_user):
    focal_point_user.organisation = None

    assert _titles(focal_point_user) == {
        *(f"{org} {stage}" for org in ("ECOWAS", "SADC") for stage in PUBLISHED),
        "SADC public validated",
        "SADC public learned",
    }


def test_anonymous_sees_only_public_validated_or_later_lessons(register, django_user_model):
    signed_in_without_role = factories.UserFactory(username="no-role")

    assert _titles(AnonymousUser()) == {"SADC public validated", "SADC public learned"}
    assert _titles(signed_in_without_role) == {"SADC public validated", "SADC public learned"}


@pytest.mark.parametrize("role", ["secretariat_user", "admin_user"])
def test_secretariat_and_admin_see_all_lessons(request, register, role):
    assert visible_lessons(request.getfixturevalue(role)).count() == 20


@pytest.mark.parametrize(
    ("stage", "expected"),
    [(stage, stage in {"draft", "returned"}) for stage in Stage.values],
    ids=str,
)
def test_focal_point_edits_own_lesson_only_while_draft_or_returned(
    focal_point_user, stage, expected
):
    lesson = _lesson("Own", stage)

    assert can_edit_lesson(focal_point_user, lesson) is expected


def test_focal_point_of_another_organisation_cannot_edit(other_focal_point_user):
    assert can_edit_lesson(other_focal_point_user, _lesson("ECOWAS draft", Stage.DRAFT)) is False


def test_secretariat_never_edits_the_authors_text(secretariat_user, focal_point_user):
    for stage in Stage.values:
        lesson = _lesson("Author's", stage, author=focal_point_user)
        assert can_edit_lesson(secretariat_user, lesson) is False


def test_secretariat_edits_its_own_draft(secretariat_user):
    lesson = _lesson("Secretariat's", Stage.DRAFT, author=secretariat_user)

    assert can_edit_lesson(secretariat_user, lesson) is True


def test_admin_may_edit_at_any_stage(admin_user):
    assert all(can_edit_lesson(admin_user, _lesson("Any", stage)) for stage in Stage.values)


def test_anonymous_cannot_edit_or_move():
    lesson = _lesson("ECOWAS draft", Stage.DRAFT)

    assert can_edit_lesson(AnonymousUser(), lesson) is False
    assert can_move_lesson(AnonymousUser(), lesson, Stage.SUBMITTED) is False


@pytest.mark.parametrize(
    ("role", "to_stage", "expected"),
    [
        ("focal_point_user", "submitted", True),
        ("other_focal_point_user", "submitted", False),
        ("secretariat_user", "submitted", False),
        ("admin_user", "submitted", False),
        *(
            (role, stage, True)
            for role in ("secretariat_user", "admin_user")
            for stage in (
                "returned",
                "validated",
                "rejected",
                "action_assigned",
                "implemented",
                "learned",
            )
        ),
        *(
            (role, stage, False)
            for role in ("focal_point_user", "other_focal_point_user")
            for stage in ("returned", "validated", "rejected", "action_assigned")
        ),
    ],
)
def test_who_makes_each_move(request, role, to_stage, expected):
    lesson = _lesson("ECOWAS lesson", Stage.DRAFT)

    assert can_move_lesson(request.getfixturevalue(role), lesson, to_stage) is expected


def test_focal_point_submits_for_an_event_its_organisation_organised(focal_point_user):
    event = factories.EventFactory()
    factories.EventOrganiserFactory(event=event, organisation=factories.organisation("ECOWAS"))

    assert can_submit_lesson_for(focal_point_user, event) is True


def test_focal_point_submits_for_an_event_its_organisation_took_part_in(focal_point_user):
    event = factories.EventFactory()
    factories.ParticipantFactory(event=event, organisation=factories.organisation("ECOWAS"))

    assert can_submit_lesson_for(focal_point_user, event) is True


def test_focal_point_cannot_submit_for_an_event_its_organisation_had_no_part_in(
    focal_point_user,
):
    event = factories.EventFactory()
    factories.EventOrganiserFactory(event=event, organisation=factories.organisation("SADC"))
    factories.ParticipantFactory(event=event, organisation=factories.organisation("SADC"))

    assert can_submit_lesson_for(focal_point_user, event) is False


@pytest.mark.parametrize(("role", "expected"), [("secretariat_user", True), ("admin_user", True)])
def test_secretariat_submits_for_any_event(request, role, expected):
    assert (
        can_submit_lesson_for(request.getfixturevalue(role), factories.EventFactory()) is expected
    )


def test_anonymous_cannot_submit_for_an_event():
    assert can_submit_lesson_for(AnonymousUser(), factories.EventFactory()) is False
