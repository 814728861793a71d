"""The placeholders of the notices about lessons, for the sender in workshops.notices.

workshops cannot import this app, so LessonsConfig.ready() registers :func:`lesson_context`
with workshops.notices.compose for the kinds about a lesson (workshops' LESSON_KINDS).
"""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from workshops.models import Notice
from workshops.notices.compose import event_title

from .models import FollowUpAction, Lesson


def lesson_context(notices: list[Notice]) -> dict[int, dict[str, str]]:
    """Each notice's placeholders but its recipient's name, in the notice's language.

    Queries (at most 3 whatever the rows): the lessons with event and organisation; the
    events' translations; the actions with their action body (when a notice names one).
    A notice whose lesson is gone gets no placeholders.
    """
    lessons = (
        Lesson.objects.select_related("event", "organisation")
        .prefetch_related("event__translations")
        .in_bulk({notice.about_id for notice in notices})
    )
    action_ids = {notice.details.get("action") for notice in notices} - {None}
    actions = (
        FollowUpAction.objects.select_related("action_body").in_bulk(action_ids)
        if action_ids
        else {}
    )
    provided = {}
    for notice in notices:
        lesson = lessons.get(notice.about_id)
        if lesson is None:
            continue
        with translation.override(notice.language):  # the names and dates in its language
            context = {
                "event": event_title(lesson.event, notice.language),
                "lesson": lesson.title,
                "lesson_link": settings.PORTAL_URL + lesson.get_absolute_url(),
                "organisation": lesson.organisation.display_name,
                "comment": notice.details.get("comment", ""),
            }
            action = actions.get(notice.details.get("action"))
            if action is not None:
                body = action.action_body
                context.update(
                    action_body=body.acronym or body.display_name,
                    action=action.description,
                    due=date_format(action.due_date, "j F Y") if action.due_date else "",
                )
        provided[notice.pk] = context
    return provided
