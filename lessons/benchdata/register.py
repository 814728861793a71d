"""Generated lessons: 60 % English, 30 % French, 10 % Portuguese, written for held events by
their organisers; most validated, some in every other stage, each with the stage changes that
brought it there, follow-up actions (some overdue) and a few comments."""

import datetime as dt

from lessons.models import Comment, FollowUpAction, Lesson, StageChange

from .batch import quota, weighted
from .context import ANCHOR, Context, LessonRef, Pools
from .lesson_words import ACTION_RESULTS, ACTION_TEXTS, REVIEW_COMMENTS

LANGUAGES = {"en": 60, "fr": 30, "pt": 10}
# Stages of lessons written in the last year before the anchor, and of older ones.
RECENT_STAGES = {
    "draft": 14,
    "submitted": 14,
    "returned": 5,
    "validated": 45,
    "action_assigned": 15,
    "implemented": 3,
    "rejected": 4,
}
OLDER_STAGES = {
    "validated": 80,
    "action_assigned": 4,
    "implemented": 6,
    "learned": 5,
    "rejected": 3,
    "returned": 1,
    "draft": 1,
}
# The stage changes that lead to each stage, after the draft.
PATHS = {
    "draft": [],
    "submitted": ["submitted"],
    "returned": ["submitted", "returned"],
    "rejected": ["submitted", "rejected"],
    "validated": ["submitted", "validated"],
    "action_assigned": ["submitted", "validated", "action_assigned"],
    "implemented": ["submitted", "validated", "action_assigned", "implemented"],
    "learned": ["submitted", "validated", "action_assigned", "implemented", "learned"],
}
WITH_ACTION = {"action_assigned", "implemented", "learned"}
LATEST = dt.datetime.combine(ANCHOR, dt.time(6), tzinfo=dt.UTC) - dt.timedelta(days=1)


def create_lessons(ctx: Context, pools: Pools) -> None:
    rng, writer = ctx.rng, ctx.writer
    held = [index for index, ref in enumerate(ctx.events) if ref.status == "held"]
    if not held:  # too few events at a tiny scale: lessons of any dated past event
        held = [i for i, ref in enumerate(ctx.events) if ref.start and ref.start.date() < ANCHOR]
    held = held or list(range(len(ctx.events)))
    with_lessons = rng.sample(held, max(1, round(len(held) * 0.8)))
    by_language: dict[str, list[int]] = {}
    for index in with_lessons:
        by_language.setdefault(ctx.events[index].language, []).append(index)
    area_codes = {pk: code for code, pk in ctx.areas.items()}
    categories = ctx.categories
    plans: list[tuple[LessonRef, list[int], list[int], list[tuple]]] = []

    def rows():
        for language in quota(rng, ctx.volumes["lessons"], LANGUAGES):
            index = rng.choice(by_language.get(language) or with_lessons)
            event = ctx.events[index]
            organisation = rng.choice(event.organisers)
            users = pools.orgs[organisation].users
            author = rng.choice(users) if users else None
            if author is None and rng.random() < 0.3:
                author = rng.choice(ctx.secretariat)
            ended = event.end or event.start
            created = ended + dt.timedelta(days=rng.randint(2, 120), hours=rng.randint(0, 8))
            created = max(min(created, LATEST), ended + dt.timedelta(hours=2))
            recent = created.date() >= ANCHOR - dt.timedelta(days=365)
            stage = weighted(rng, RECENT_STAGES if recent else OLDER_STAGES)
            changes = _changes(ctx, stage, created, author)
            area = area_codes.get(rng.choice(event.areas)) if event.areas else None
            slots = writer.slots(language, area=area, kind=event.kind, iso2=event.iso2)
            text = writer.lesson(slots)
            action_body = due = None
            if stage in WITH_ACTION:
                assigned = next(at for to, at, _by in changes if to == "action_assigned")
                action_body = rng.choice(pools.regional)
                due = assigned.date() + dt.timedelta(days=rng.randint(45, 400))
            ref = LessonRef(
                pk=0,
                event=index,
                organisation=organisation,
                author=author,
                stage=stage,
                language=language,
                title=text["title"],
                created_at=created,
                submitted_at=changes[0][1] if changes else None,
                reviewed_at=changes[1][1] if len(changes) > 1 else None,
                action_body=action_body,
                action_due=due,
                overdue=stage == "action_assigned" and due < ANCHOR,
            )
            areas = event.areas[: rng.randint(1, 3)]
            countries = event.countries[: rng.randint(1, 3)]
            plans.append((ref, areas, countries, changes))
            yield Lesson(
                event_id=event.pk,
                organisation_id=organisation,
                author_id=author,
                language=language,
                level=weighted(rng, {"": 20, "political": 20, "strategic": 30, "operational": 30}),
                category_id=rng.choice(categories) if categories and rng.random() < 0.8 else None,
                stage=stage,
                action_body_id=action_body,
                due_date=due,
                visibility=weighted(rng, {"internal": 60, "public": 40}),
                created_at=created,
                updated_at=changes[-1][1] if changes else created,
                **text,
            )

    pks = ctx.inserter.insert(
        Lesson,
        rows(),
        label="Lessons",
        expected=ctx.volumes["lessons"],
        keep=lambda lesson: lesson.pk,
    )
    for (ref, *_parts), pk in zip(plans, pks, strict=True):
        ref.pk = pk
    ctx.lessons = [plan[0] for plan in plans]
    area_through = Lesson.thematic_areas.through
    country_through = Lesson.countries.through
    ctx.inserter.insert(
        area_through,
        (
            area_through(lesson_id=ref.pk, thematicarea_id=pk)
            for ref, areas, _c, _s in plans
            for pk in areas
        ),
        label="Lessons' thematic areas",
        discard=True,
    )
    ctx.inserter.insert(
        country_through,
        (
            country_through(lesson_id=ref.pk, country_id=pk)
            for ref, _a, countries, _s in plans
            for pk in countries
        ),
        label="Lessons' countries",
        discard=True,
    )
    _stage_changes(ctx, plans)
    _actions(ctx)
    _comments(ctx)


def _changes(ctx: Context, stage: str, created: dt.datetime, author) -> list[tuple]:
    """(to stage, when, by) of each move that led the lesson to ``stage``."""
    rng = ctx.rng
    moves, at = [], created
    for to_stage in PATHS[stage]:
        at = min(at + dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 6)), LATEST)
        by = author if to_stage == "submitted" else rng.choice(ctx.secretariat)
        moves.append((to_stage, at, by))
    return moves


def _stage_changes(ctx: Context, plans) -> None:
    rng = ctx.rng

    def rows():
        for ref, _areas, _countries, changes in plans:
            comments = REVIEW_COMMENTS[ref.language]
            from_stage = "draft"
            for to_stage, at, by in changes:
                comment = ""
                if to_stage in ("returned", "rejected"):
                    comment = comments[3] if to_stage == "returned" else comments[0]
                elif to_stage == "validated" and rng.random() < 0.3:
                    comment = comments[1]
                yield StageChange(
                    lesson_id=ref.pk,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    by_id=by,
                    at=at,
                    comment=comment,
                )
                from_stage = to_stage

    ctx.inserter.insert(StageChange, rows(), label="Stage changes", discard=True)


def _actions(ctx: Context) -> None:
    """One follow-up action per lesson with a remedial action: open ones (overdue when their
    due date is past the anchor) and done ones."""
    with_action = [ref for ref in ctx.lessons if ref.stage in WITH_ACTION]
    rows = []
    for ref in with_action:
        slots = ctx.writer.slots(ref.language)
        done = ref.stage != "action_assigned"
        overdue_noticed = None
        if ref.overdue:
            overdue_noticed = dt.datetime.combine(
                ref.action_due + dt.timedelta(days=1), dt.time(6), tzinfo=dt.UTC
            )
        rows.append(
            FollowUpAction(
                lesson_id=ref.pk,
                action_body_id=ref.action_body,
                description=ctx.writer.pick(ACTION_TEXTS, slots),
                due_date=ref.action_due,
                status="done" if done else "open",
                done_on=min(ref.action_due, ANCHOR) if done else None,
                result=ACTION_RESULTS[ref.language] if done else "",
                created_at=ref.reviewed_at or ref.created_at,
                overdue_noticed_at=overdue_noticed,
            )
        )
    saved = ctx.inserter.insert(FollowUpAction, rows, label="Follow-up actions")
    for ref, action in zip(with_action, saved, strict=True):
        ref.action = action.pk


def _comments(ctx: Context) -> None:
    rng = ctx.rng

    def rows():
        for ref in ctx.lessons:
            if ref.submitted_at and rng.random() < 0.1:
                yield Comment(
                    lesson_id=ref.pk,
                    author_id=rng.choice(ctx.secretariat),
                    text=REVIEW_COMMENTS[ref.language][2],
                    created_at=ref.submitted_at + dt.timedelta(hours=rng.randint(2, 72)),
                )

    ctx.inserter.insert(Comment, rows(), label="Comments", discard=True)
