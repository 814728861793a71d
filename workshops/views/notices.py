"""An event's notices: sending the invitations, previewing what a participant receives, and the
ledger of every notice recorded for the event, with a way to send one again.

Recording and sending belong to workshops.notices (recording.record_invitations,
recording.resend, compose); these views choose whom, and show what happened.
"""

from collections import Counter
from dataclasses import dataclass

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from ssrportal.access import predicate_required
from workshops.filters import NoticeFilter
from workshops.forms.notices import NoticePreviewForm
from workshops.forms.ordered import collation_key
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
from workshops.views.participants import event_or_404, title_language

PER_PAGE = 50
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


def participants_for_notices(event: Event) -> list[Participant]:
    """The event's participants by name (accents and case ignored), with what a notice to them
    needs: address, language and time zone. One query."""
    participants = (
        Participant.objects.filter(event=event)
        .select_related("person")
        .only(
            "event_id",
            "answer",
            "notice_language",
            "person__title",
            "person__full_name",
            "person__email",
            "person__time_zone",
        )
    )
    return sorted(participants, key=lambda p: collation_key(p.person.full_name))


@dataclass(frozen=True)
class InvitationRow:
    """A participant and their latest invitation (None: never invited)."""

    participant: Participant
    invitation: Notice | None

    @property
    def email(self) -> str:
        return self.participant.person.email.strip()

    @property
    def invited(self) -> bool:
        """An invitation is on its way or arrived (a failed one did not reach them)."""
        return self.invitation is not None and self.invitation.state in recording.LIVE

    @property
    def waiting(self) -> bool:
        """Not invited and not declined: whom "Invite everyone not yet invited" means."""
        return not self.invited and self.participant.answer != Answer.DECLINED

    @property
    def to_invite(self) -> bool:
        """Waiting and with an e-mail address: whom "Invite everyone" invites."""
        return self.waiting and bool(self.email)


def invitation_rows(event: Event) -> list[InvitationRow]:
    """The event's participants by name, each with their latest invitation: two queries."""
    latest = {}
    invitations = (
        Notice.objects.filter(event=event, kind=NoticeKind.INVITATION, participant__isnull=False)
        .order_by("created_at", "pk")
        .only("participant_id", "state", "created_at", "sent_at", "last_error")
    )
    for invitation in invitations:
        latest[invitation.participant_id] = invitation  # the newest wins
    return [InvitationRow(p, latest.get(p.pk)) for p in participants_for_notices(event)]


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


def page_context(request, event: Event, *, rows: list[InvitationRow] | None = None) -> dict:
    """The notices page: the invitations table, the preview form and a page of the ledger.

    Queries: the participants; their invitations; the counts by state and kind; the page of
    the ledger.
    """
    rows = invitation_rows(event) if rows is None else rows
    filterset = NoticeFilter(
        request.GET, queryset=Notice.objects.filter(event=event).only(*LEDGER_FIELDS)
    )
    notices = filterset.qs
    chosen = filterset.form.cleaned_data  # an invalid value is left out of both
    counts = notice_counts(event)
    kept = sum(
        count
        for (state, kind), count in counts.items()
        if chosen.get("state") in (None, "", state) and chosen.get("kind") in (None, "", kind)
    )
    page = KnownCountPaginator(notices, PER_PAGE, count=kept).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "event": event,
        "title_language": title_language(event),
        "rows": rows,
        "to_invite": sum(row.to_invite for row in rows),
        "closed": invitations_closed(event),
        "preview_form": NoticePreviewForm(participants=[row.participant for row in rows]),
        "filter": filterset,
        "state_counts": [
            (value, label, sum(n for (state, _kind), n in counts.items() if state == value))
            for value, label in NoticeState.choices
        ],
        "total": sum(counts.values()),
        "page_obj": page,
        "notices": page.object_list,
        "query": params.urlencode(),
        "pending": sending.PENDING,
        "resendable": RESENDABLE,
    }


def render_page(request, event: Event, *, rows=None, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATE, page_context(request, event, rows=rows), status=status)


class NoticeListView(EditorRequired, View):
    """The event's notices: invite its participants, preview a notice, and the ledger of every
    notice recorded (newest first, 50 a page, by state and kind), each with its outcome.

    Queries (6 whatever the number of participants or notices): the user; the event (title in
    the reader's language, country); the participants with their person; their invitations;
    the notices counted by state and kind (which also feeds the paginator); the page of
    notices.
    """

    def get(self, request, pk):
        return render_page(request, event_or_404(pk))


@predicate_required(can_edit_workshops)
@require_POST
def invite(request, pk):
    """Invite the participants ticked (``invite=selected``), or everyone not yet invited who has
    not declined (``invite=everyone``): recording.record_invitations, in one transaction, with
    their reminders. Those without an e-mail address are left out, and named in a message.
    Nothing to invite, or an event cancelled or over: the page again with a message (400).
    """
    event = event_or_404(pk)
    closed = invitations_closed(event)
    if closed:
        messages.error(request, closed)
        return render_page(request, event, status=400)
    rows = invitation_rows(event)
    if request.POST.get("invite") == "everyone":
        chosen = [row for row in rows if row.waiting]
        nothing = _("Everyone is already invited or has declined.")
    else:
        ticked = set(request.POST.getlist("participants"))
        chosen = [row for row in rows if str(row.participant.pk) in ticked]
        nothing = _("Select the participants to invite.")
    if not chosen:
        messages.error(request, nothing)
        return render_page(request, event, rows=rows, status=400)
    reachable = [row.participant for row in chosen if row.email]
    unreachable = [row.participant.person.display_name for row in chosen if not row.email]
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
    return redirect("workshops:notices", pk=event.pk)


def ledger_url(event_id: int, query: str = "") -> str:
    """The notices page at its ledger, keeping the ledger's filters and page from ``query``."""
    given = QueryDict(query)
    kept = {name: given[name] for name in ("state", "kind", "page") if given.get(name)}
    url = reverse("workshops:notices", args=[event_id])
    return f"{url}?{urlencode(kept)}#ledger" if kept else f"{url}#ledger"


@predicate_required(can_edit_workshops)
@require_POST
def resend(request, pk):
    """Send a notice again: a new row (recording.resend), to the address the directory holds
    now. Only a notice sent or failed; an invitation or reminder of an event cancelled or over
    is refused. Back to the ledger with a message."""
    notice = get_object_or_404(Notice.objects.select_related("event", "participant__person"), pk=pk)
    back = redirect(ledger_url(notice.event_id, request.POST.get("back", "")))
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


class NoticePreviewView(EditorRequired, View):
    """The notice of ``?kind=`` that the participant ``?participant=`` would receive: subject,
    text, the HTML version in a sandboxed frame (notice_preview_html) and the attachments.
    Without a choice, the form alone; with a wrong one, the form with its errors (400).

    Queries: the user; the event; the participants; then what compose.prepare loads for one
    notice (the event with its contacts, objectives and translations; the wording; the agenda
    or report).
    """

    template_name = "workshops/notice_preview.html"

    def get(self, request, pk):
        event = event_or_404(pk)
        form = NoticePreviewForm(request.GET or None, participants=participants_for_notices(event))
        context = {"event": event, "title_language": title_language(event), "form": form}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context, status=400)
        if form.is_bound:
            kind = form.cleaned_data["kind"]
            participant = form.chosen()
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
    frame. Only this response allows the e-mail's inline style and framing by the portal."""
    event = event_or_404(pk)
    form = NoticePreviewForm(request.GET, participants=participants_for_notices(event))
    if not form.is_valid():
        raise Http404(_("No such notice or participant."))
    try:
        preview = preview_notice(form.chosen(), kind=form.cleaned_data["kind"])
    except compose.NoticeNotComposable as error:
        return HttpResponse(str(error), content_type="text/plain; charset=utf-8", status=400)
    return HttpResponse(preview.html)
