"""An event's notices: sending the invitations, previewing what a participant receives, and the
ledger of every notice recorded for the event, with a way to send one again.

Recording and sending belong to workshops.notices (recording.record_invitations,
recording.resend, compose); these views choose whom, and show what happened.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.mail import EmailMultiAlternatives
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Trim
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST, require_safe

from ssrportal.access import predicate_required
from ssrportal.ids import row_ids
from ssrportal.widgets import search_results
from workshops.filters import NoticeFilter, ParticipantSearchFilter, participant_words_q
from workshops.forms.notices import NO_EMAIL, NoticePreviewForm
from workshops.models import (
    Answer,
    Event,
    EventStatus,
    Notice,
    NoticeKind,
    NoticeState,
    Participant,
)
from workshops.notices import compose, recording, sending, wording
from workshops.permissions import EditorRequired, can_edit_workshops
from workshops.views.events import KnownCountPaginator
from workshops.views.participants import by_name, event_or_404, kept_params, title_language

PER_PAGE = 50
MAX_MATCHES = 20
TEMPLATE = "workshops/notice_list.html"
# A row sent, or given up on, may be sent again; one still on its way may not (twice in the box).
RESENDABLE = {NoticeState.SENT, NoticeState.FAILED}
LEDGER_FIELDS = (
    "kind",
    "recipient_name",
    "recipient_email",
    "language",
    "state",
    "not_before",
    "attempts",
    "last_error",
    "created_at",
    "sent_at",
)
# The e-mail's HTML keeps its style in a <style> element (mail clients need it), and is shown in
# a sandboxed frame of the portal's own pages: that response alone allows both.
PREVIEW_POLICY = {"style-src": ["'unsafe-inline'"], "frame-ancestors": ["'self'"]}


# --- The participants and their invitations -------------------------------------------------------

NOTICE_FIELDS = (
    "event_id",
    "answer",
    "notice_language",
    "person__title",
    "person__full_name",
    "person__email",
    "person__time_zone",
)
# What the notices page's query string may hold: the invitations table's search and page, the
# ledger's filters and page. Inviting and resending go back to them, and to nothing else.
INVITE_PARAMS = ("search", "invite_page")
LEDGER_PARAMS = ("state", "kind", "page")


def participants_for_notices(event: Event) -> QuerySet:
    """The event's participants with what a notice to them needs: address, language and time
    zone (not yet ordered)."""
    return Participant.objects.filter(event=event).select_related("person").only(*NOTICE_FIELDS)


def latest_invitation_state() -> Subquery:
    """The state of a participant's latest invitation (None: never invited), for annotate()."""
    latest = Notice.objects.filter(participant=OuterRef("pk"), kind=NoticeKind.INVITATION).order_by(
        "-created_at", "-pk"
    )
    return Subquery(latest.values("state")[:1])


# Not invited (no invitation on its way or arrived: a failed one did not reach them) and not
# declined: whom "Invite everyone not yet invited" means. Over participants annotated with
# invitation_state=latest_invitation_state().
WAITING = (Q(invitation_state__isnull=True) | ~Q(invitation_state__in=recording.LIVE)) & ~Q(
    answer=Answer.DECLINED
)
# An address the sender can use (the directory may hold spaces around it).
REACHABLE = ~Q(email_given="")


def waiting_participants(event: Event) -> QuerySet:
    """The event's participants whom "Invite everyone" means, with or without an address."""
    return (
        participants_for_notices(event)
        .annotate(invitation_state=latest_invitation_state())
        .filter(WAITING)
    )


@dataclass(frozen=True)
class InvitationRow:
    """A participant and their latest invitation (None: never invited)."""

    participant: Participant
    invitation: Notice | None

    @property
    def email(self) -> str:
        return self.participant.person.email.strip()


def invitation_rows(participants: Iterable[Participant]) -> list[InvitationRow]:
    """``participants`` (a page of the table), each with their latest invitation: one query."""
    participants = list(participants)
    latest = {}
    invitations = (
        Notice.objects.filter(
            kind=NoticeKind.INVITATION, participant__in=[p.pk for p in participants]
        )
        .order_by("created_at", "pk")
        .only("participant_id", "state", "created_at", "sent_at", "last_error")
    )
    for invitation in invitations:
        latest[invitation.participant_id] = invitation  # the newest wins
    return [InvitationRow(p, latest.get(p.pk)) for p in participants]


def invitation_counts(event: Event) -> dict:
    """How many participants the event has, and how many "Invite everyone" would invite (not
    yet invited, not declined, with an address): one query over all of them."""
    participants = (
        Participant.objects.filter(event=event)
        .annotate(invitation_state=latest_invitation_state(), email_given=Trim("person__email"))
        .order_by()
    )
    return participants.aggregate(
        total=Count("pk"), to_invite=Count("pk", filter=WAITING & REACHABLE)
    )


def page_url(event_id: int, query: str, *, anchor: str = "") -> str:
    """The notices page with the table's and the ledger's parameters of ``query`` (the others
    dropped), at ``anchor``."""
    kept = kept_params(query, INVITE_PARAMS + LEDGER_PARAMS)
    url = reverse("workshops:notices", args=[event_id])
    return url + (f"?{kept}" if kept else "") + (f"#{anchor}" if anchor else "")


def invitations_closed(event: Event) -> str:
    """Why invitations to ``event`` can no longer go out; empty when they can."""
    if event.status == EventStatus.CANCELLED:
        return _("This event is cancelled: no invitation is sent any more.")
    if event.start is None:
        return _("The date of this event is not known yet: give it before inviting.")
    if event.status == EventStatus.HELD or event.end <= timezone.now():
        return _("This event is over: no invitation is sent any more.")
    return ""


# --- The page -------------------------------------------------------------------------------------


def notice_counts(event: Event) -> Counter:
    """How many notices of ``event`` in each (state, kind): one query. It gives the counts by
    state on top of the ledger and the number of rows any filter keeps (for the paginator)."""
    rows = (
        Notice.objects.filter(event=event)
        .order_by()
        .values_list("state", "kind")
        .annotate(count=Count("pk"))
    )
    return Counter({(state, kind): count for state, kind, count in rows})


def page_context(request, event: Event) -> dict:
    """The notices page: a page of the invitations table, the preview form and a page of the
    ledger.

    Queries: the participants counted (all, and whom "Invite everyone" invites); the rows a
    search keeps, counted (none without one); the page of participants; their invitations;
    the first participant with an address (the preview's default); the notices counted by
    state and kind; the page of the ledger.
    """
    params = request.GET
    invited = invitation_counts(event)
    table = ParticipantSearchFilter(params, queryset=participants_for_notices(event))
    participants = by_name(table.qs)
    if table.form.cleaned_data.get("search"):
        table_pages = Paginator(participants, PER_PAGE)
    else:
        table_pages = KnownCountPaginator(participants, PER_PAGE, count=invited["total"])
    table_page = table_pages.get_page(params.get("invite_page"))

    filterset = NoticeFilter(
        params, queryset=Notice.objects.filter(event=event).only(*LEDGER_FIELDS)
    )
    notices = filterset.qs
    chosen = filterset.form.cleaned_data  # an invalid value is left out of both
    counts = notice_counts(event)
    kept = sum(
        count
        for (state, kind), count in counts.items()
        if chosen.get("state") in (None, "", state) and chosen.get("kind") in (None, "", kind)
    )
    page = KnownCountPaginator(notices, PER_PAGE, count=kept).get_page(params.get("page"))
    query = params.urlencode()
    # Each part's links and forms keep the other part's parameters.
    invite_query, ledger_query = (
        kept_params(query, INVITE_PARAMS),
        kept_params(query, LEDGER_PARAMS),
    )
    return {
        "event": event,
        "title_language": title_language(event),
        "participant_total": invited["total"],
        "rows": invitation_rows(table_page.object_list),
        "table_page": table_page,
        "table_filter": table,
        "table_page_query": kept_params(query, ("search", *LEDGER_PARAMS)),
        "ledger_query": ledger_query,
        "ledger_fields": QueryDict(ledger_query).items(),
        "back": kept_params(query, INVITE_PARAMS + LEDGER_PARAMS),
        "to_invite": invited["to_invite"],
        "closed": invitations_closed(event),
        "preview_form": preview_form(event) if invited["total"] else None,
        "filter": filterset,
        "state_counts": [
            (value, label, sum(n for (state, _kind), n in counts.items() if state == value))
            for value, label in NoticeState.choices
        ],
        "total": sum(counts.values()),
        "page_obj": page,
        "notices": page.object_list,
        "query": kept_params(query, ("state", "kind", *INVITE_PARAMS)),  # the ledger's pages
        "filtered_ledger": bool(chosen.get("state") or chosen.get("kind")),
        "invite_query": invite_query,
        "invite_fields": QueryDict(invite_query).items(),
        "pending": sending.PENDING,
        "resendable": RESENDABLE,
    }


def render_page(request, event: Event, *, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATE, page_context(request, event), status=status)


class NoticeListView(EditorRequired, View):
    """The event's notices: invite its participants (50 a page by name, found by words), preview
    a notice, and the ledger of every notice recorded (newest first, 50 a page, by state and
    kind), each with its outcome.

    Queries (8 whatever the number of participants or notices): the user; the event (title in
    the reader's language, country); the participants counted (all, and whom "Invite
    everyone" invites; this also feeds the table's paginator); the page of participants with
    their person; their invitations; the preview's default participant; the notices counted
    by state and kind (which also feeds the ledger's paginator); the page of notices. One more
    with ?search= (the participants it keeps, counted).
    """

    def get(self, request, pk):
        return render_page(request, event_or_404(pk))


@predicate_required(can_edit_workshops)
@require_POST
def invite(request, pk):
    """Invite the participants ticked (``invite=selected``), or everyone not yet invited who has
    not declined (``invite=everyone``, chosen in SQL over all the event's participants):
    recording.record_invitations, in one transaction, with their reminders. Those without an
    e-mail address are left out, and named in a message. Nothing to invite, or an event
    cancelled or over: the page again with a message (400). Back to the page and search the
    table showed (``back``).
    """
    event = event_or_404(pk)
    closed = invitations_closed(event)
    if closed:
        messages.error(request, closed)
        return render_page(request, event, status=400)
    if request.POST.get("invite") == "everyone":
        chosen = waiting_participants(event)
        nothing = _("Everyone is already invited or has declined.")
    else:
        ticked = row_ids(request.POST.getlist("participants"))
        chosen = participants_for_notices(event).filter(pk__in=ticked)
        nothing = _("Select the participants to invite.")
    chosen = list(by_name(chosen))
    if not chosen:
        messages.error(request, nothing)
        return render_page(request, event, status=400)
    reachable = [p for p in chosen if p.person.email.strip()]
    unreachable = [p.person.display_name for p in chosen if not p.person.email.strip()]
    if reachable:
        invitations = recording.record_invitations(
            event=event, participants=reachable, by=request.user
        )
        messages.success(
            request,
            ngettext(
                "%(count)s invitation queued.", "%(count)s invitations queued.", len(invitations)
            )
            % {"count": len(invitations)},
        )
    if unreachable:
        messages.warning(
            request,
            ngettext(
                "Not invited, with no e-mail address: %(names)s.",
                "Not invited, with no e-mail address (%(count)s): %(names)s.",
                len(unreachable),
            )
            % {"count": len(unreachable), "names": ", ".join(unreachable)},
        )
    return redirect(page_url(event.pk, request.POST.get("back", "")))


@predicate_required(can_edit_workshops)
@require_POST
def resend(request, pk):
    """Send a notice again: a new row (recording.resend), to the address the directory holds
    now. Only a notice sent or failed; an invitation or reminder of an event cancelled or over
    is refused. Back to the ledger, its filters and page, with a message."""
    notice = get_object_or_404(Notice.objects.select_related("event", "participant__person"), pk=pk)
    back = redirect(page_url(notice.event_id, request.POST.get("back", ""), anchor="ledger"))
    refusal = ""
    if notice.state not in RESENDABLE:
        refusal = _("This notice is still on its way: it can be sent again once sent or failed.")
    elif notice.kind in compose.WITH_ANSWER:
        refusal = invitations_closed(notice.event)
    if not refusal and notice.participant_id and not notice.participant.person.email.strip():
        refusal = _("%(name)s has no e-mail address now: add one in the directory first.") % {
            "name": notice.participant.person.display_name
        }
    if refusal:
        messages.error(request, refusal)
        return back
    copy = recording.resend(notice, by=request.user)
    messages.success(
        request,
        _("%(kind)s to %(email)s queued again.")
        % {"kind": capfirst(copy.get_kind_display()), "email": copy.recipient_email},
    )
    return back


# --- Previews -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What a recipient would read: subject, text and HTML versions, the attachments' names."""

    subject: str
    text: str
    html: str
    attachments: list[str]
    language: str

    @classmethod
    def of(cls, message: EmailMultiAlternatives, language: str) -> "Preview":
        return cls(
            subject=message.subject,
            text=message.body,
            html=message.alternatives[0][0],
            attachments=[attachment[0] for attachment in message.attachments],
            language=language,
        )


def preview_notice(
    participant: Participant,
    *,
    kind: str,
    language: str | None = None,
    custom: wording.Wording | None = None,
) -> Preview:
    """The ``kind`` notice ``participant`` would receive, composed as the sender composes it,
    from a row that is not saved (nothing is recorded, nothing is sent). ``language`` replaces
    the participant's; ``custom`` replaces the wording in use (one being edited).

    Raises compose.NoticeNotComposable when the wording fails.
    """
    notice = recording.notice_to(
        participant, kind, language=language or participant.notice_language
    )
    batch = compose.prepare([notice])
    if custom is not None:
        batch.wordings[kind, notice.language] = custom
    return Preview.of(compose.compose(notice, batch), notice.language)


def preview_form(event: Event, data=None) -> NoticePreviewForm:
    """The preview's form for ``event``'s participants; unbound, it starts on the first of them
    by name with an e-mail address (one query)."""
    participants = participants_for_notices(event)
    search_url = reverse("workshops:notice_participant_search", args=[event.pk])
    if data is not None:
        return NoticePreviewForm(data, participants=participants, search_url=search_url)
    reachable = participants.annotate(email_given=Trim("person__email")).filter(REACHABLE)
    default = by_name(reachable).first()
    return NoticePreviewForm(participants=participants, search_url=search_url, default=default)


class NoticePreviewView(EditorRequired, View):
    """The notice of ``?kind=`` that the participant ``?participant=`` would receive: subject,
    text, the HTML version in a sandboxed frame (notice_preview_html) and the attachments.
    Without a choice, the form alone; with a wrong one (another event's participant, a kind
    not for participants), the form with its errors (400).

    Queries: the user; the event; the participant chosen; then what compose.prepare loads for
    one notice (the event with its contacts, objectives and translations; the wording; the
    agenda or report).
    """

    template_name = "workshops/notice_preview.html"

    def get(self, request, pk):
        event = event_or_404(pk)
        form = preview_form(event, request.GET or None)
        context = {"event": event, "title_language": title_language(event), "form": form}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context, status=400)
        if form.is_bound:
            kind = form.cleaned_data["kind"]
            participant = form.cleaned_data["participant"]
            context.update(kind=kind, participant=participant)
            try:
                context["preview"] = preview_notice(participant, kind=kind)
            except compose.NoticeNotComposable as error:
                context["problem"] = str(error)
            else:
                query = urlencode({"kind": kind, "participant": participant.pk})
                context["html_url"] = (
                    reverse("workshops:notice_preview_html", args=[event.pk]) + f"?{query}"
                )
        return render(request, self.template_name, context)


@predicate_required(can_edit_workshops)
@require_GET
@csp_replace(PREVIEW_POLICY)
@xframe_options_sameorigin
def notice_preview_html(request, pk):
    """The HTML version of a preview (same parameters as the preview page), for its sandboxed
    frame. Only this response allows the e-mail's inline style and framing by the portal. A
    participant of another event, or none, is not found (404)."""
    event = event_or_404(pk)
    form = preview_form(event, request.GET)
    if not form.is_valid():
        raise Http404(_("No such notice or participant."))
    try:
        preview = preview_notice(form.cleaned_data["participant"], kind=form.cleaned_data["kind"])
    except compose.NoticeNotComposable as error:
        return HttpResponse(str(error), content_type="text/plain; charset=utf-8", status=400)
    return HttpResponse(preview.html)


@predicate_required(can_edit_workshops)
@require_safe
def participant_search(request, pk):
    """The preview's participant picker: at most 20 of this event's participants by name whose
    name, e-mail or organisation holds every word of ``?q=``, as JSON (search_results). An
    event that does not exist is not found (404).

    Queries: the user; the event; the participants.
    """
    event = get_object_or_404(Event.objects.only("pk"), pk=pk)
    text = request.GET.get("q", "")
    found = []
    if len(text.strip()) >= 2:
        matching = participants_for_notices(event).filter(participant_words_q(text))
        found = by_name(matching)[:MAX_MATCHES]
    return JsonResponse(
        search_results(
            found,
            text=lambda participant: participant.person.display_name,
            detail=lambda participant: participant.person.email.strip() or NO_EMAIL,
        )
    )
