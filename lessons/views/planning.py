"""Lessons for planning: those to consider for an event, and the secretariat's follow-up."""

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.views.generic import TemplateView

from lessons.consider import Plan, lessons_to_consider
from lessons.models import ActionStatus, FollowUpAction, Lesson
from lessons.permissions import can_review_lessons, visible_lessons
from ssrportal.access import requires
from ssrportal.ids import row_id, row_ids
from workshops.permissions import can_read_workshops
from workshops.views.events import KnownCountPaginator

SOON = dt.timedelta(days=30)  # "due within a month" on the page


class ConsiderView(requires(can_read_workshops), TemplateView):
    """Lessons to consider for a saved event (?event=) or one being written: the event form
    sends its countries (target_countries, country), thematic areas and organisers
    (organisers-N-organisation) as they are chosen, and htmx swaps in the fragment.

    Queries (at most 11, whatever the number of lessons): the user; the saved event's
    countries, areas and organisers (with ?event=); the closest past events; the candidate
    lessons (three); the lessons; the countries, target countries, areas and organisers they
    share.
    """

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["lessons/includes/lessons_to_consider.html"]
        return ["lessons/lesson_consider.html"]

    def plan(self) -> Plan:
        params = self.request.GET
        event = params.get("event", "")
        event_id = row_id(event)
        # The event form always sends its country select: then the form's choices are the plan
        # (a country just unticked no longer counts), else the saved event's.
        from_form = "country" in params
        plan = Plan(event_id=event_id) if from_form or event_id is None else Plan.of_event(event_id)
        plan.countries |= row_ids(params.getlist("target_countries") + params.getlist("country"))
        plan.thematic_areas |= row_ids(params.getlist("thematic_areas"))
        deleted = {key[: -len("-DELETE")] for key in params if key.endswith("-DELETE")}
        plan.organisers |= row_ids(
            value
            for key in params
            if key.startswith("organisers-")
            and key.endswith("-organisation")
            and key[: -len("-organisation")] not in deleted
            for value in params.getlist(key)
        )
        return plan

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.plan()
        context.update(
            plan=plan,
            lessons=lessons_to_consider(visible_lessons(self.request.user), plan),
        )
        return context


class FollowUpView(requires(can_review_lessons), TemplateView):
    """The secretariat's follow-up: open actions by action body, 50 a page, with the numbers
    overdue, due within a month and later over all of them.

    Queries (5 whatever the rows): the user; the counts (one aggregate, which also gives the
    paginator its count); a page of open actions with their body; their lessons with event and
    organisation; how many of each body's actions on the page are overdue, over all its open
    actions.
    """

    template_name = "lessons/follow_up.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        soon = today + SOON
        open_actions = FollowUpAction.objects.filter(status=ActionStatus.OPEN)
        overdue, due_soon = Q(due_date__lt=today), Q(due_date__gte=today, due_date__lte=soon)
        counts = open_actions.aggregate(
            overdue=Count("pk", filter=overdue),
            soon=Count("pk", filter=due_soon),
            total=Count("pk"),
        )
        counts["later"] = counts["total"] - counts["overdue"] - counts["soon"]
        paginator = KnownCountPaginator(
            # The page's lessons are read for its 50 actions apart: joined to every open action
            # before the page is cut, they cost a scan of every lesson (150 ms at ten years).
            open_actions.select_related("action_body")
            .prefetch_related(
                Prefetch("lesson", queryset=Lesson.objects.select_related("event", "organisation"))
            )
            .order_by("action_body__acronym", "action_body__name", "due_date", "pk"),
            self.paginate_by,
            count=counts["total"],
        )
        page = paginator.get_page(self.request.GET.get("page"))
        bodies: dict[int, dict] = {}
        for action in page:
            if action.due_date and action.due_date < today:
                action.urgency = "overdue"
            elif action.due_date and action.due_date <= soon:
                action.urgency = "soon"
            else:
                action.urgency = "later"
            body = bodies.setdefault(
                action.action_body_id, {"organisation": action.action_body, "actions": []}
            )
            body["actions"].append(action)
        late = dict(
            open_actions.filter(overdue, action_body__in=list(bodies))
            .order_by()
            .values("action_body")
            .annotate(n=Count("pk"))
            .values_list("action_body", "n")
        )
        for key, body in bodies.items():
            body["overdue"] = late.get(key, 0)
        context.update(
            bodies=list(bodies.values()),
            counts=counts,
            today=today,
            page_obj=page,
            page_links=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        )
        return context
