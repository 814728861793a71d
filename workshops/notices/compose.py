"""Notice rows into e-mail messages: each in its recipient's language, as text and HTML.

:func:`compose_batch` prepares what a batch shares in a fixed number of queries (the events with
their objectives and contacts, the wordings, the agendas and reports, the lessons through the
providers that app registers) and then builds one message per row: the wording rendered on
the row's placeholders, the footer, an HTML version, the .ics file and the documents.
"""

import datetime as dt
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from workshops import ical
from workshops.answer import answer_url
from workshops.models import (
    Document,
    Event,
    EventTranslation,
    Notice,
    NoticeKind,
)
from workshops.models.participant import DocumentKind
from workshops.views.when import date_span, start_time, time_span, zone_label

from . import wording

logger = logging.getLogger(__name__)

# Kinds that carry the event's .ics file, and those with the answer link.
WITH_CALENDAR = {
    NoticeKind.INVITATION,
    NoticeKind.REMINDER,
    NoticeKind.REMINDER_UNANSWERED,
    NoticeKind.UPDATE,
    NoticeKind.CANCELLATION,
    NoticeKind.POSTPONEMENT,
}
WITH_ANSWER = {
    NoticeKind.INVITATION,
    NoticeKind.REMINDER,
    NoticeKind.REMINDER_UNANSWERED,
    NoticeKind.UPDATE,
}
ATTACHED_DOCUMENT = {
    NoticeKind.INVITATION: DocumentKind.AGENDA,
    NoticeKind.THANK_YOU: DocumentKind.REPORT,
}
LARGEST_ATTACHMENT = 10 * 1024 * 1024

# The lessons app fills its kinds' placeholders: kind -> function(notices) -> {notice pk: dict}.
CONTEXT_PROVIDERS: dict[str, Callable[[list[Notice]], dict[int, dict]]] = {}


def register_context(kinds: Iterable[str], provider) -> None:
    """Let an app above this one fill the placeholders of ``kinds`` (lessons.apps.ready)."""
    for kind in kinds:
        CONTEXT_PROVIDERS[kind] = provider


class NoticeNotComposable(Exception):
    """This row cannot become a message (its wording fails); the reason is the message."""


@dataclass
class Batch:
    """What the notices of one batch share, loaded once."""

    events: dict[int, Event]
    wordings: dict
    documents: dict[tuple[int, str], Document] = field(default_factory=dict)
    calendars: dict[int, bytes] = field(default_factory=dict)
    files: dict[int, bytes | None] = field(default_factory=dict)
    provided: dict[int, dict] = field(default_factory=dict)


def load_notices(pks) -> list[Notice]:
    """The rows with their event, participant, person and account: one query."""
    return list(
        Notice.objects.filter(pk__in=pks)
        .select_related("event", "participant__person", "user")
        .order_by("pk")
    )


def prepare(notices: list[Notice]) -> Batch:
    event_ids = {notice.event_id for notice in notices}
    events = ical.events_for_calendar(
        Event.objects.filter(pk__in=event_ids).select_related("country")
    ).prefetch_related(Prefetch("translations", queryset=EventTranslation.objects.all()))
    batch = Batch(
        events={event.pk: event for event in events},
        wordings=wording.wordings({(notice.kind, notice.language) for notice in notices}),
    )
    document_kinds = {ATTACHED_DOCUMENT[n.kind] for n in notices if n.kind in ATTACHED_DOCUMENT}
    if document_kinds:
        for document in Document.objects.filter(
            event__in=event_ids, kind__in=document_kinds
        ).order_by("uploaded_at", "pk"):
            batch.documents[document.event_id, document.kind] = document  # the latest wins
    for kind in {notice.kind for notice in notices} & CONTEXT_PROVIDERS.keys():
        batch.provided.update(CONTEXT_PROVIDERS[kind]([n for n in notices if n.kind == kind]))
    return batch


# --- Placeholders ---------------------------------------------------------------------------------


def recipient_zone(notice: Notice, event: Event) -> zoneinfo.ZoneInfo:
    person = notice.participant.person if notice.participant_id else None
    if person is not None and person.time_zone:
        try:
            return zoneinfo.ZoneInfo(person.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return event.tz


def when_text(span: dict, zone, event_zone) -> str:
    """ "7 December 2020, 10:00–13:00 Addis Ababa (UTC+3)" in the recipient's zone, and the
    venue's times too when that zone is another. Whole days read as the days of the venue
    ("12–14 December 2018"), the same for every recipient; a start only, as "from"."""
    start, end = span["start"], span["end"]
    if isinstance(start, str):
        start, end = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    if span.get("all_day"):
        first = start.astimezone(event_zone).date()
        if span.get("open_end"):
            return _("%(date)s (end not given)") % {"date": date_format(first, "j F Y")}
        return date_span(first, end.astimezone(event_zone).date())
    text = span_in(start, end, zone, open_end=span.get("open_end", False))
    if zone.key != event_zone.key:
        venue = span_in(start, end, event_zone, open_end=span.get("open_end", False))
        text += " · " + _("at the venue: %(times)s") % {"times": venue}
    return text


def span_in(start: dt.datetime, end: dt.datetime, zone, *, open_end: bool = False) -> str:
    start, end = start.astimezone(zone), end.astimezone(zone)
    if open_end:
        return f"{date_format(start, 'j F Y')}, {start_time(start, zone)}"
    if start.date() == end.date():
        return f"{date_format(start, 'j F Y')}, {time_span(start, end, zone)}"
    return (
        f"{date_format(start, 'j F Y')} {start:%H:%M} – {date_format(end, 'j F Y')} {end:%H:%M} "
        f"{zone_label(zone, start)}"
    )


def event_when(event: Event, zone) -> str:
    if event.start is None:
        return _("date not known yet")
    return when_text(
        {name: getattr(event, name) for name in ("start", "end", "all_day", "open_end")},
        zone,
        event.tz,
    )


def where_text(event: Event) -> str:
    return ical.place_of(event) or (_("online") if event.online_url else _("to be announced"))


def event_title(event: Event, language: str) -> str:
    for translation_row in event.translations.all():
        if translation_row.language == language and translation_row.title:
            return translation_row.title
    return event.title


def event_context(notice: Notice, event: Event) -> dict:
    zone = recipient_zone(notice, event)
    context = {
        "name": notice.recipient_name,
        "event": event_title(event, notice.language),
        "when": event_when(event, zone),
        "where": where_text(event),
        "online_link": event.online_url,
        "contacts": "\n".join(
            " – ".join(
                part
                for part in [contact.person.full_name, contact.purpose, contact.person.email]
                if part
            )
            for contact in event.contacts.all()
        ),
    }
    if notice.kind == NoticeKind.INVITATION:
        context["summary"] = event.summary.strip()
        context["objectives"] = "\n".join(f"{o.letter}) {o.text}" for o in event.objectives.all())
    if notice.kind in WITH_ANSWER and notice.participant_id:
        context["answer_link"] = answer_url(notice.participant)
    if notice.kind in {NoticeKind.REMINDER, NoticeKind.REMINDER_UNANSWERED} and event.start:
        days = max((event.start - timezone.now()).days, 0)
        context["days"] = str(notice.details.get("days", days))
    if notice.kind == NoticeKind.UPDATE:
        context["changes"] = "\n".join(
            change_line(change, zone, event.tz) for change in notice.details.get("changes", [])
        )
    if notice.kind in {NoticeKind.CANCELLATION, NoticeKind.POSTPONEMENT}:
        details = notice.details
        if "start" in details:  # the dates it was planned for, as the row recorded them
            context["when"] = when_text(details, zone, event.tz)
    return context


def change_line(change: dict, zone, event_zone) -> str:
    """One line of an update: "Dates: 26–27 January … (before: 20–21 January …)"."""
    what = change["field"]
    if what == "dates":
        before = when_text(span_of(change["before"]), zone, event_zone)
        after = when_text(span_of(change["after"]), zone, event_zone)
        label = _("Dates")
    else:
        before, after = change["before"] or "—", change["after"] or "—"
        label = {"venue": _("Venue"), "online_link": _("Online link")}.get(what, what)
    return _("%(what)s: now %(after)s (was %(before)s)") % {
        "what": label,
        "after": after,
        "before": before,
    }


def span_of(recorded) -> dict:
    """A recorded span: a dict (now), or [start, end] as rows recorded before whole days."""
    if isinstance(recorded, dict):
        return recorded
    return {"start": recorded[0], "end": recorded[1]}


# --- Messages -------------------------------------------------------------------------------------


def footer() -> str:
    return settings.NOTICE_FOOTER or _(
        "This message was sent by the SSR Coordination Portal of the African Union Commission. "
        "Reply to it to reach the secretariat."
    )


def compose(notice: Notice, batch: Batch) -> EmailMultiAlternatives:
    """The message of one row, in its language. Raises NoticeNotComposable."""
    event = batch.events[notice.event_id]
    with translation.override(notice.language):
        if notice.kind in CONTEXT_PROVIDERS:
            if notice.pk not in batch.provided:
                raise NoticeNotComposable("What this notice is about no longer exists.")
            context = {"name": notice.recipient_name, **batch.provided[notice.pk]}
        else:
            context = event_context(notice, event)
        document = None
        if notice.kind in ATTACHED_DOCUMENT:
            document = batch.documents.get((event.pk, ATTACHED_DOCUMENT[notice.kind]))
            content = document_bytes(document, batch) if document else None
            if content is None:
                document = None
            sentence = (
                _("The agenda is attached.")
                if notice.kind == NoticeKind.INVITATION
                else _("The report of the meeting is attached.")
            )
            context["agenda" if notice.kind == NoticeKind.INVITATION else "report"] = (
                sentence if document else ""
            )
        chosen = batch.wordings[notice.kind, notice.language]
        try:
            subject = wording.render(chosen.subject, context, longest=wording.LONGEST_SUBJECT)
            text = wording.render(chosen.body, context, longest=wording.LONGEST_BODY).strip()
        except wording.WordingError as error:  # saved before a rule existed, or too long
            raise NoticeNotComposable(error) from error  # said in the language of its reader
        except Exception as error:  # a bad value
            raise NoticeNotComposable(f"{type(error).__name__}: {error}") from error
        subject = one_line(subject)
        closing = footer()
        html = render_to_string(
            "notices/email.html",
            {
                "subject": subject,
                "body": html_of(text),
                "answer_link": context.get("answer_link", ""),
                "footer": closing,
                "language": notice.language,
            },
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body=f"{text}\n\n-- \n{closing}\n",
        from_email=settings.NOTICE_FROM_EMAIL,
        to=[formataddr((notice.recipient_name, notice.recipient_email))],
        reply_to=settings.NOTICE_REPLY_TO or None,
        headers={
            "Message-ID": notice.message_id,
            "Auto-Submitted": "auto-generated",
            "Content-Language": notice.language,
        },
    )
    message.attach_alternative(html, "text/html")
    if notice.kind in WITH_CALENDAR:
        message.attach("event.ics", calendar_bytes(event, batch), "text/calendar")
    if document is not None:
        message.attach(document.file.name.rsplit("/", 1)[-1], batch.files[document.pk], None)
    return message


# Composing is linear in the text: no pattern here starts again at every character of a run
# (the former "[ \t]*[\r\n]+[ \t]*" did: 40,000 spaces took 6 s, ljust:"100000000" forever).
LINE_BREAKS = re.compile(r"[\r\n]+")

# A web address in a notice's escaped text: up to a space, a bracket or an escaped quote or
# bracket (an "&" there only starts an entity; &amp; is part of the address).
LINK = re.compile(r"https?://(?:[^\s<>\"&]|&amp;)+")
CLOSING = ".,;:!?)]"


def one_line(text: str) -> str:
    """A subject on one line: its lines without their outer spaces and tabs, blank ones left out,
    joined by one space. No-break spaces (French typography) stay as written."""
    return " ".join(
        line for line in (part.strip(" \t") for part in LINE_BREAKS.split(text)) if line
    )


def _link(found: re.Match) -> str:
    address = found[0].rstrip(CLOSING)  # the punctuation that closes a sentence stays outside
    return f'<a href="{address}">{address}</a>{found[0][len(address) :]}'


def html_of(text: str) -> str:
    """The text as HTML paragraphs, escaped, with its web addresses as links.

    Django's urlize does the same for any text; the notices' links are whole addresses, and
    this costs a fraction of it, which counts at hundreds of notices a second.
    """
    return mark_safe(linebreaks(LINK.sub(_link, escape(text))))  # escaped before linking


def calendar_bytes(event: Event, batch: Batch) -> bytes:
    if event.pk not in batch.calendars:
        batch.calendars[event.pk] = ical.calendar_of(
            [event], base_url=settings.PORTAL_URL, uid=f"calendar-event-{event.pk}"
        )
    return batch.calendars[event.pk]


def document_bytes(document: Document, batch: Batch) -> bytes | None:
    """The file's content, read once a batch; None when missing or too large to attach."""
    if document.pk not in batch.files:
        content = None
        try:
            if document.file.size <= LARGEST_ATTACHMENT:
                with document.file.open("rb") as handle:
                    content = handle.read()
        except OSError:
            logger.warning("Document %s is missing from storage: not attached", document.pk)
        batch.files[document.pk] = content
    return batch.files[document.pk]
