"""An event's participants: the table with answers and attendance, adding people, importing a
file with a preview, exporting the list, and the printable attendance sheet."""

import datetime as dt
import secrets
from collections import Counter
from dataclasses import asdict

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Func, Q, QuerySet
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from partners.models import Person
from partners.models.organisation import name_fields
from ssrportal.access import predicate_required
from ssrportal.exports import FORMATS, export_response
from ssrportal.ids import row_id
from ssrportal.languages import current_language
from ssrportal.textsearch import UNACCENT_FUNCTION
from workshops import services
from workshops.filters import NOT_RECORDED, ParticipantFilter
from workshops.forms.ordered import collation_key
from workshops.forms.participants import (
    ParticipantAddForm,
    ParticipantBulkForm,
    ParticipantImportConfirmForm,
    ParticipantImportForm,
)
from workshops.imports import EXPORT_HEADERS, ParticipantRow, check_rows
from workshops.models import Answer, Attendance, Event, Participant
from workshops.permissions import EditorRequired, can_edit_workshops
from workshops.views.events import KnownCountPaginator
from workshops.views.when import When

MAX_MATCHES = 20


def event_or_404(pk: int) -> Event:
    return get_object_or_404(Event.objects.with_reader_language().select_related("country"), pk=pk)


PER_PAGE = 50
# What the participants page's query string may hold: its filter and page. A bulk change goes
# back to them (and to nothing else the posted value holds).
FILTER_PARAMS = ("search", "answer", "attendance")
PAGE_PARAMS = (*FILTER_PARAMS, "page")
TABLE_FIELDS = (
    "role",
    "answer",
    "attendance",
    "notice_language",
    "group__name",
    "person__title",
    "person__full_name",
    "person__email",
    "person__position",
    *name_fields("person__organisation"),
    *name_fields("organisation"),
)


class NameOrder(Func):
    """A person's name as lists sort it: case ignored, and accents too on PostgreSQL
    (imm_unaccent, workshops migration 0006), so "Élise" stands with the E's; SQLite lowers
    ASCII letters only."""

    function = "LOWER"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template=f"LOWER({UNACCENT_FUNCTION}(%(expressions)s))"
        )


def by_name(participants: QuerySet) -> QuerySet:
    """Participants by the person's name, then in the order they were added."""
    return participants.order_by(NameOrder("person__full_name"), "pk")


def participant_rows(event: Event) -> QuerySet:
    """The event's participants with what the table shows, not yet ordered or filtered."""
    return (
        Participant.objects.filter(event=event)
        .select_related("person", "organisation", "group", "person__organisation")
        .only(*TABLE_FIELDS)
    )


def participants_of(event: Event) -> list[Participant]:
    """All the event's participants by name (accents and case ignored), with what the table
    shows: for the export and the attendance sheet, which list everyone."""
    return sorted(participant_rows(event), key=lambda p: collation_key(p.person.full_name))


def participant_counts(event: Event) -> Counter:
    """How many of the event's participants have each (answer, attendance): one query over all
    of them, whatever page or filter is shown. It gives the counts above the table, the total,
    and the number of rows an answer or attendance filter keeps (for the paginator)."""
    rows = (
        Participant.objects.filter(event=event)
        .order_by()
        .values_list("answer", "attendance")
        .annotate(count=Count("pk"))
    )
    return Counter({(answer, attendance): count for answer, attendance, count in rows})


def kept_count(counts: Counter, chosen: dict) -> int:
    """How many participants the answer and attendance ``chosen`` keep, from ``counts``."""
    answer = chosen.get("answer") or None
    attendance = chosen.get("attendance") or None
    if attendance == NOT_RECORDED:
        attendance = ""
    return sum(
        count
        for (their_answer, their_attendance), count in counts.items()
        if answer in (None, their_answer) and attendance in (None, their_attendance)
    )


def kept_params(query: str, names: tuple[str, ...]) -> str:
    """The parameters ``names`` of the query string ``query``, urlencoded (the others dropped)."""
    given = QueryDict(query)
    return urlencode({name: given[name] for name in names if given.get(name)})


def find_people(query: str, *, event: Event | None = None) -> list[Person]:
    """At most 20 people whose name, e-mail or organisation holds every word of ``query``,
    leaving out those already taking part in ``event``. One query."""
    words = query.split()[:5]
    if len(query.strip()) < 2:
        return []
    people = Person.objects.select_related("organisation").only(
        "title",
        "full_name",
        "email",
        *name_fields("organisation"),
    )
    for word in words:
        people = people.filter(
            Q(full_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__acronym__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__name_fr__icontains=word)
        )
    if event is not None:
        people = people.exclude(participations__event=event)
    return list(people.order_by("full_name")[:MAX_MATCHES])


def title_language(event: Event) -> str:
    """The language of ``event.display_title``, for its lang attribute."""
    translated = getattr(event, "title_in_reader_language", None)
    return current_language() if translated else event.language


def has_started(event: Event) -> bool:
    """An event whose date is not known yet has not started."""
    return event.start is not None and event.start <= timezone.now()


def page_context(request, event: Event, *, add_form=None) -> dict:
    """The participants page: a page of the table (filtered by ?search=, ?answer=,
    ?attendance=; ?page=), the counts over all the participants, the bulk form and the add form.

    Queries: the counts; the number of rows a search keeps (none without one); the page of
    participants; the event's groups (and the people an add-form search found, ?q=). The
    organisation fields are searched as one types: they list no organisation.
    """
    params = request.GET
    filterset = ParticipantFilter(params, queryset=participant_rows(event))
    participants = by_name(filterset.qs)
    chosen = filterset.form.cleaned_data  # an invalid value is left out of both
    counts = participant_counts(event)
    if chosen.get("search"):
        paginator = Paginator(participants, PER_PAGE)
    else:
        paginator = KnownCountPaginator(participants, PER_PAGE, count=kept_count(counts, chosen))
    page = paginator.get_page(params.get("page"))
    if add_form is None:
        query = params.get("q", "")
        matches = find_people(query, event=event) if query else []
        add_form = ParticipantAddForm(event=event, matches=matches)
    answers, attendances = Counter(), Counter()
    for (answer, attended), count in counts.items():
        answers[answer] += count
        attendances[attended] += count
    return {
        "event": event,
        "title_language": title_language(event),
        "participants": page.object_list,
        "page_obj": page,
        "total": sum(counts.values()),
        "filter": filterset,
        "filtered": any(chosen.get(name) for name in FILTER_PARAMS),
        "page_query": kept_params(params.urlencode(), FILTER_PARAMS),
        "back": kept_params(params.urlencode(), PAGE_PARAMS),
        "started": has_started(event),
        "answer_counts": [(label, answers[value]) for value, label in Answer.choices],
        "attendance_counts": [
            *((label, attendances[value]) for value, label in Attendance.choices),
            (_("not recorded"), attendances[""]),
        ],
        "bulk_form": ParticipantBulkForm(event=event),
        "add_form": add_form,
        "query": params.get("q", ""),  # the add form's search
    }


class ParticipantListView(EditorRequired, TemplateView):
    """The event's participants, 50 a page by name, filtered by words, answer and attendance,
    with the counts over all of them, bulk changes and the add form.

    Queries (5 whatever the number of participants): the user; the event (title in the
    reader's language, country); the participants counted by answer and attendance (which also
    feeds the paginator); the page of participants with person, organisations and group; the
    event's groups. One more with ?search= (the rows it keeps, counted), one more with ?q= (the
    people the add form's search found).
    """

    template_name = "workshops/participant_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = event_or_404(self.kwargs["pk"])
        context.update(page_context(self.request, event))
        return context


@predicate_required(can_edit_workshops)
@require_POST
def participant_add(request, pk):
    """Add a person of the directory, or a new person, to the event; the page again on errors."""
    event = event_or_404(pk)
    form = ParticipantAddForm(request.POST, event=event)
    if form.is_valid():
        try:
            participant = services.add_participant(
                event=event, **form.participant_fields(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a participant.") % {"name": participant.person.display_name},
            )
            return redirect("workshops:participants", pk=event.pk)
    context = page_context(request, event, add_form=form)
    return render(request, "workshops/participant_list.html", context)


@predicate_required(can_edit_workshops)
@require_POST
def participants_bulk(request, pk):
    """One answer or attendance for the participants ticked in the table, in one transaction.
    Back to the page and filter the table showed (``back``: its query string)."""
    event = get_object_or_404(Event, pk=pk)
    form = ParticipantBulkForm(request.POST, event=event)
    url = reverse("workshops:participants", args=[event.pk])
    kept = kept_params(request.POST.get("back", ""), PAGE_PARAMS)
    back = redirect(f"{url}?{kept}" if kept else url)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back
    selected = list(form.cleaned_data["participants"])
    kind, value = form.chosen_change()
    try:
        if kind == "answer":
            services.set_answer(event=event, participants=selected, answer=value, by=request.user)
            label = Answer(value).label
            text = ngettext(
                "Answer “%(value)s” recorded for %(count)s participant.",
                "Answer “%(value)s” recorded for %(count)s participants.",
                len(selected),
            )
        else:
            services.record_attendance(
                event=event, participants=selected, attendance=value, by=request.user
            )
            label = Attendance(value).label
            text = ngettext(
                "Attendance “%(value)s” recorded for %(count)s participant.",
                "Attendance “%(value)s” recorded for %(count)s participants.",
                len(selected),
            )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, text % {"value": label, "count": len(selected)})
    return back


@predicate_required(can_edit_workshops)
@require_GET
def person_autocomplete(request):
    """The people matching ?q= (name, e-mail, organisation), at most 20, as the add form's
    choices (an HTML fragment for htmx). ?event= leaves out those already taking part.

    Queries: the user; the event named; the people.
    """
    query = request.GET.get("q", "").strip()
    event_id = request.GET.get("event", "")
    event = Event.objects.filter(pk=event_id).first() if row_id(event_id) is not None else None
    matches = find_people(query, event=event)
    form = ParticipantAddForm(event=event, matches=matches)
    return render(
        request,
        "workshops/includes/participant_person_choices.html",
        {"add_form": form, "query": query},
    )


# --- Import ---------------------------------------------------------------------------------------


IMPORT_SECONDS = 60 * 60


def import_cache_key(*, user) -> str:
    """Where a user's preview waits, with its event and token: one per user, the latest, so that
    uploads do not pile up in the cache (each holds at most MAX_ROWS rows and MAX_TEXT_SIZE)."""
    return f"workshops:participants-import:{user.pk}"


class ParticipantImportView(EditorRequired, View):
    """Import participants from a CSV or XLSX file in two steps.

    1. The file (POST with ``file``) is read and each row checked: the preview says what each
       row would do and what is wrong with it. Nothing is written to the database; the rows
       wait in the cache for an hour under a token kept in the form (no database write).
    2. "Import N rows" (POST with ``token``) checks the rows again and imports the valid ones
       in one transaction (workshops.services.import_participants), if every row is valid or
       the user agreed to skip the others.

    A file refused (too large, unreadable, past a limit of workshops.imports) answers 400 with
    the reason next to the field.
    """

    template_name = "workshops/participant_import.html"

    def get(self, request, pk):
        event = event_or_404(pk)
        return self.show(event, upload_form=ParticipantImportForm())

    def post(self, request, pk):
        event = event_or_404(pk)
        if "token" in request.POST:
            return self.confirm(event)
        form = ParticipantImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(event, upload_form=form, status=400)
        rows = form.parsed.rows
        pending = {
            "event": event.pk,
            "token": secrets.token_urlsafe(16),
            "filename": form.cleaned_data["file"].name,
            "unused_columns": form.parsed.unused_columns,
            "rows": [asdict(row) for row in rows],
        }
        cache.set(import_cache_key(user=request.user), pending, IMPORT_SECONDS)
        confirm_form = ParticipantImportConfirmForm(initial={"token": pending["token"]})
        return self.show(
            event,
            checks=check_rows(event=event, rows=rows),
            confirm_form=confirm_form,
            pending=pending,
        )

    def confirm(self, event: Event):
        request = self.request
        form = ParticipantImportConfirmForm(request.POST)
        key = import_cache_key(user=request.user)
        pending = cache.get(key) if form.is_valid() else None
        if (
            not pending
            or pending["event"] != event.pk
            or not secrets.compare_digest(
                pending["token"].encode(), form.cleaned_data["token"].encode()
            )
        ):
            upload_form = ParticipantImportForm()
            messages.error(request, _("This preview has expired. Upload the file again."))
            return self.show(event, upload_form=upload_form)
        rows = [ParticipantRow.from_dict(row) for row in pending["rows"]]
        checks = check_rows(event=event, rows=rows)
        invalid = sum(not check.is_valid for check in checks)
        if invalid and not form.cleaned_data["skip_invalid"]:
            form.add_error(
                "skip_invalid",
                ngettext(
                    "%(count)s row has problems. Fix the file and upload it again, or tick "
                    "“Import the valid rows and skip the others”.",
                    "%(count)s rows have problems. Fix the file and upload it again, or tick "
                    "“Import the valid rows and skip the others”.",
                    invalid,
                )
                % {"count": invalid},
            )
            return self.show(event, checks=checks, confirm_form=form, pending=pending)
        summary = services.import_participants(event=event, rows=rows, by=request.user)
        cache.delete(key)
        added = ngettext(
            "%(count)s participant added.", "%(count)s participants added.", summary.added
        ) % {"count": summary.added}
        details = _(
            "New in the directory: %(new)s. Already taking part: %(already)s. Rows skipped: "
            "%(skipped)s."
        ) % {"new": summary.new_people, "already": summary.already, "skipped": summary.skipped}
        messages.success(request, f"{added} {details}")
        return redirect("workshops:participants", pk=event.pk)

    def show(
        self, event, *, upload_form=None, checks=None, confirm_form=None, pending=None, status=200
    ):
        context = {
            "event": event,
            "title_language": title_language(event),
            "upload_form": upload_form,
        }
        if checks is not None:
            context.update(
                checks=checks,
                confirm_form=confirm_form,
                filename=pending["filename"],
                unused_columns=pending["unused_columns"],
                importable=sum(check.adds_participant for check in checks),
                invalid=sum(not check.is_valid for check in checks),
                already=sum(check.is_valid and check.already for check in checks),
                new_people=sum(check.adds_participant and check.person is None for check in checks),
                matched=sum(
                    check.adds_participant and check.person is not None for check in checks
                ),
            )
        return render(self.request, self.template_name, context, status=status)


# --- Export and attendance sheet ------------------------------------------------------------------


def export_rows(participants: list[Participant]) -> list[list[str]]:
    rows = []
    for participant in participants:
        person = participant.person
        organisation = participant.organisation
        rows.append(
            [
                person.full_name,
                person.title,
                person.email,
                (organisation.acronym or organisation.name) if organisation else "",
                person.position,
                participant.get_notice_language_display(),
                participant.get_role_display(),
                participant.group.name if participant.group else "",
                participant.get_answer_display(),
                participant.get_attendance_display(),
            ]
        )
    return rows


@predicate_required(can_edit_workshops)
@require_GET
def participants_export(request, pk):
    """The participant list as CSV (UTF-8 with a byte order mark, for Excel) or XLSX, with the
    headers the import reads, in the reader's language. Queries: the user, the event, the
    participants."""
    export_format = request.GET.get("format", "csv")
    if export_format not in FORMATS:
        return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
    event = event_or_404(pk)
    headers = EXPORT_HEADERS.get(current_language(), EXPORT_HEADERS["en"])
    day = f"{event.local_start:%Y-%m-%d}-" if event.start else ""
    return export_response(
        headers,
        export_rows(participants_of(event)),
        export_format=export_format,
        filename=f"participants-{day}{slugify(event.title)[:40]}.{export_format}",
        title=_("Participants"),
    )


class AttendanceSheetView(EditorRequired, TemplateView):
    """A printable attendance sheet: the event, then everyone invited who has not declined, by
    name, with an empty signature column for each day (up to five).

    Queries (3 whatever the number of participants): the user, the event, the participants.
    """

    template_name = "workshops/participant_sheet.html"
    max_day_columns = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = event_or_404(self.kwargs["pk"])
        participants = [p for p in participants_of(event) if p.answer != Answer.DECLINED]
        days = []
        if event.start is not None:  # an undated event's sheet has no day columns yet
            first, last = event.local_start.date(), event.local_end.date()
            days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        context.update(
            event=event,
            title_language=title_language(event),
            when=When.of(event),
            participants=participants,
            days=days if 1 < len(days) <= self.max_day_columns else [],
            blank_rows=range(5),
        )
        return context
