"""Generated participants: a few big events (500 and more at scale 1.0), the rest spread
unevenly over the dated events, with answers and attendance that fit each event's status."""

import datetime as dt

from workshops.models import Participant

from .batch import weighted
from .context import ANCHOR, Context, ParticipantRef

# A usual event has at most this many participants (the big ones have more).
USUAL_MOST = 300
ROLES = {
    "participant": 850,
    "speaker": 60,
    "moderator": 20,
    "rapporteur": 20,
    "resource_person": 20,
    "observer": 15,
    "organiser": 10,
    "media": 5,
}


def participant_counts(ctx: Context) -> dict[int, int]:
    """How many participants each dated event gets (index in ctx.events -> count), summing to
    the volume: the big events' planned sizes, the rest drawn from an exponential law."""
    rng = ctx.rng
    total = ctx.volumes["participants"]
    people = len(ctx.people)
    dated = [index for index, ref in enumerate(ctx.events) if ref.start is not None]
    counts = {
        index: min(ctx.events[index].size, people) for index in dated if ctx.events[index].size
    }
    others = [index for index in dated if index not in counts]
    left = max(0, total - sum(counts.values()))
    most = min(people, max(USUAL_MOST, -(-left // max(1, len(others))) + 1))
    left = min(left, most * len(others))
    weights = [rng.expovariate(1.0) for _ in others]
    weight_sum = sum(weights) or 1.0
    sizes = [min(most, int(left * weight / weight_sum)) for weight in weights]
    missing = left - sum(sizes)
    while missing > 0:
        index = rng.randrange(len(others))
        if sizes[index] < most:
            sizes[index] += 1
            missing -= 1
    counts.update(zip(others, sizes, strict=True))
    return counts


def create_participants(ctx: Context) -> None:
    rng = ctx.rng
    counts = participant_counts(ctx)
    people = ctx.people
    plans: list[ParticipantRef] = []

    def rows():
        for index in sorted(counts):
            ref = ctx.events[index]
            for person_index in rng.sample(range(len(people)), counts[index]):
                person = people[person_index]
                answer, attendance = _answer(rng, ref)
                added = ref.created_at + dt.timedelta(days=rng.randint(0, 10), hours=1)
                added = min(added, max(ref.created_at, ref.start - dt.timedelta(days=1)))
                answered = None
                if answer != "invited":
                    answered = added + dt.timedelta(days=rng.randint(1, 12), hours=3)
                plans.append(
                    ParticipantRef(
                        pk=0,
                        event=index,
                        person=person_index,
                        answer=answer,
                        attendance=attendance,
                        language=person.language,
                    )
                )
                yield Participant(
                    event_id=ref.pk,
                    person_id=person.pk,
                    organisation_id=person.org if rng.random() < 0.92 else None,
                    group_id=rng.choice(ref.groups) if ref.groups and rng.random() < 0.5 else None,
                    role=weighted(rng, ROLES),
                    answer=answer,
                    answered_at=answered,
                    attendance=attendance,
                    notice_language=person.language,
                    created_at=added,
                )

    pks = ctx.inserter.insert(
        Participant,
        rows(),
        label="Participants",
        expected=sum(counts.values()),
        keep=lambda participant: participant.pk,
    )
    for plan, pk in zip(plans, pks, strict=True):
        plan.pk = pk
    ctx.participants = plans


def _answer(rng, ref) -> tuple[str, str]:
    """The participant's answer and attendance, as the event's status and dates allow."""
    if ref.status == "held":
        answer = weighted(rng, {"confirmed": 82, "declined": 8, "invited": 10})
        if answer == "confirmed":
            return answer, weighted(rng, {"attended": 92, "absent": 5, "excused": 3})
        if answer == "invited":
            return answer, weighted(rng, {"": 60, "absent": 40})
        return answer, ""
    if ref.start.date() < ANCHOR:
        return weighted(rng, {"confirmed": 60, "declined": 10, "invited": 30}), ""
    return weighted(rng, {"invited": 50, "confirmed": 40, "declined": 10}), ""
