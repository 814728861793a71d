"""The event page's lessons: the lessons identified at the event, and the invitation to submit
some once it was held. Loaded by workshops' templates, so that workshops never imports lessons.
"""

from django import template
from django.utils import timezone

from lessons.permissions import can_submit_lesson_for, visible_lessons
from partners.models.organisation import name_fields
from workshops.models import EventStatus

register = template.Library()


@register.inclusion_tag("lessons/includes/event_lessons.html", takes_context=True)
def event_lessons(context, event):
    """The lessons of ``event`` the reader may see, and whether they may add one.

    One query: the lessons with their organisation. Who may submit is read from the page's
    ``involved_organisations`` (the organisers and participants' organisations it loaded).
    """
    user = context["request"].user
    lessons = list(
        visible_lessons(user)
        .filter(event=event)
        .select_related("organisation")
        .only(
            "title",
            "stage",
            "language",
            "visibility",
            "statement",
            *name_fields("organisation"),
        )
        .order_by("organisation__acronym", "-created_at")
    )
    held = event.status == EventStatus.HELD or (
        event.end is not None
        and event.end < timezone.now()
        and event.status != EventStatus.CANCELLED
    )
    return {
        "event": event,
        "lessons": lessons,
        "held": held,
        "can_submit": can_submit_lesson_for(
            user, event, involved=context.get("involved_organisations")
        ),
    }
