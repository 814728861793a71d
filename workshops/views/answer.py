"""The page a participant's answer link opens: confirm or decline, with no account."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ssrportal.access import public
from ssrportal.languages import current_language
from workshops import services
from workshops.answer import AnswerLinkExpired, AnswerLinkInvalid, read_answer_token
from workshops.models import Answer, Event, EventContact, EventStatus, Participant

from .when import When

TEMPLATE = "workshops/answer.html"


def page_language(request, participant: Participant) -> str:
    """The participant's notice language, unless the visitor chose one with the switcher (as
    ssrportal.middleware does) or the portal does not speak it yet."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return translation.get_language()
    if participant.notice_language in settings.UI_LANGUAGES:
        return participant.notice_language
    return translation.get_language()


def closed_because(event: Event) -> str:
    """Why answers are closed, or "" while the participant may still answer."""
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled: answers are closed.")
    if event.start is not None and event.start <= timezone.now():
        return _("This event has started: answers are closed.")
    return ""


def answer_page(
    request, participant: Participant, event: Event, *, state: str, closed: str = "", status=200
):
    """The page in ``state``: "open" (the buttons), "closed" (the answer, and ``closed``: why no
    more may be given) or "expired" (whom to ask instead)."""
    translated_title = event.display_title != event.title
    context = {
        "state": state,
        "participant": participant,
        "event": event,
        "when": When.of(event),
        "title_language": current_language() if translated_title else event.language,
        "closed_because": closed,
        "contacts": list(
            EventContact.objects.filter(event=event)
            .select_related("person")
            .only("event_id", "purpose", "person__title", "person__full_name", "person__email")
        ),
    }
    response = render(request, TEMPLATE, context, status=status)
    response["Content-Language"] = translation.get_language()
    return response


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer_view(request, token):
    """Public: the signed token is the credential (workshops/answer.py).

    GET shows the invitation and the participant's answer and changes nothing; POST records
    "confirmed" or "declined" and redirects to the same page with a message. A token the portal
    did not sign answers 400, an expired one 410, a deleted participant 404; once the event has
    started or is cancelled the page shows the answer without buttons, and a POST answers 409.

    Queries: the participant with the person; the event with its country and title in the
    reader's language; the contacts (a page); the update and its history row, in a savepoint
    (a POST).
    """
    try:
        participant_id, expired = read_answer_token(token), False
    except AnswerLinkExpired as error:
        participant_id, expired = error.participant_id, True
    except AnswerLinkInvalid:
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    participant = Participant.objects.select_related("person").filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    with translation.override(page_language(request, participant)):
        event = (
            Event.objects.with_reader_language()
            .select_related("country")
            .get(pk=participant.event_id)
        )
        if expired:
            return answer_page(request, participant, event, state="expired", status=410)
        closed = closed_because(event)
        state = "closed" if closed else "open"
        if request.method != "POST":
            return answer_page(request, participant, event, state=state, closed=closed)
        if closed:
            messages.error(request, _("Your answer was not recorded.") + " " + closed)
            return answer_page(request, participant, event, state=state, closed=closed, status=409)
        answer = request.POST.get("answer", "")
        if answer not in (Answer.CONFIRMED, Answer.DECLINED):
            messages.error(request, _("Choose one of the buttons: nothing was recorded."))
            return answer_page(request, participant, event, state=state, status=400)
        services.set_answer(event=event, participants=[participant], answer=answer, by=None)
        if answer == Answer.CONFIRMED:
            messages.success(request, _("Thank you: your participation is confirmed."))
        else:
            messages.success(request, _("Thank you: you have declined the invitation."))
    return redirect("workshops:answer", token=token)
