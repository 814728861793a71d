"""What each kind of notice says: the portal's wording, the secretariat's, and their placeholders.

A wording is a subject and a body written in Django's template language with a fixed set of
placeholders per kind ({{ name }}, {{ event }}, {{ when }}...). The portal's own wording of
every kind is below, translated in the catalogs like any other text; a NoticeTemplate row of
the secretariat replaces it for one kind and language. Wordings run in an engine of their own
that loads no template and knows only the tags of TAGS and the filters of FILTERS, on a
context of plain strings, so an edited wording can only arrange the placeholders' text, in
time and size linear in it. A wording that does not compile, renders with an error, names an
unknown placeholder or uses another tag or filter is refused when saved (:func:`check`) and
again when sent (:func:`render`: one saved before these rules fails its own notices only).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from workshops.models import NoticeKind, NoticeTemplate

# --- Placeholders ---------------------------------------------------------------------------------

RECIPIENT = {"name": _("the recipient's name")}
EVENT = {
    "event": _("the event's title, in the recipient's language where it has one"),
    "when": _("dates and times, in the recipient's time zone where known"),
    "where": _("venue, city and country, or “online”"),
    "online_link": _("the link to join online, if any"),
    "contacts": _("the event's contacts, one per line"),
}
ANSWER = {"answer_link": _("the recipient's personal link to confirm or decline")}
LESSON = {
    "event": _("the event the lesson was identified at"),
    "lesson": _("the lesson's title"),
    "lesson_link": _("the link to the lesson in the portal"),
    "organisation": _("the organisation that submitted the lesson"),
}

PLACEHOLDERS: dict[str, dict] = {
    NoticeKind.INVITATION: {
        **RECIPIENT,
        **EVENT,
        "summary": _("the event's summary"),
        "objectives": _("the event's objectives, lettered, one per line"),
        "agenda": _("a sentence saying the agenda is attached, if one was uploaded"),
        **ANSWER,
    },
    NoticeKind.REMINDER: {
        **RECIPIENT,
        **EVENT,
        "days": _("the number of days until the event"),
        **ANSWER,
    },
    NoticeKind.REMINDER_UNANSWERED: {
        **RECIPIENT,
        **EVENT,
        "days": _("the number of days until the event"),
        **ANSWER,
    },
    NoticeKind.UPDATE: {
        **RECIPIENT,
        **EVENT,
        "changes": _("what changed, one line per change, with the former and new values"),
        **ANSWER,
    },
    NoticeKind.CANCELLATION: {**RECIPIENT, **EVENT},
    NoticeKind.POSTPONEMENT: {**RECIPIENT, **EVENT},
    NoticeKind.THANK_YOU: {
        **RECIPIENT,
        **EVENT,
        "report": _("a sentence saying the report is attached, if one was uploaded"),
    },
    NoticeKind.LESSON_SUBMITTED: {**RECIPIENT, **LESSON},
    NoticeKind.LESSON_RETURNED: {
        **RECIPIENT,
        **LESSON,
        "comment": _("the secretariat's comment"),
    },
    NoticeKind.LESSON_VALIDATED: {
        **RECIPIENT,
        **LESSON,
        "comment": _("the secretariat's comment, if any"),
    },
    NoticeKind.LESSON_ACTION_ASSIGNED: {
        **RECIPIENT,
        **LESSON,
        "action_body": _("the organisation to act"),
        "action": _("what is to be done"),
        "due": _("the date it is due"),
    },
    NoticeKind.LESSON_ACTION_OVERDUE: {
        **RECIPIENT,
        **LESSON,
        "action_body": _("the organisation to act"),
        "action": _("what is to be done"),
        "due": _("the date it was due"),
    },
}

# --- The portal's wording -------------------------------------------------------------------------

DEFAULT_SUBJECTS = {
    NoticeKind.INVITATION: _("Invitation: {{ event }}"),
    NoticeKind.REMINDER: _("Reminder: {{ event }} in {{ days }} day(s)"),
    NoticeKind.REMINDER_UNANSWERED: _("Will you take part? {{ event }}"),
    NoticeKind.UPDATE: _("Changed: {{ event }}"),
    NoticeKind.CANCELLATION: _("Cancelled: {{ event }}"),
    NoticeKind.POSTPONEMENT: _("Postponed: {{ event }}"),
    NoticeKind.THANK_YOU: _("Thank you for taking part in {{ event }}"),
    NoticeKind.LESSON_SUBMITTED: _("Lesson submitted: {{ lesson }}"),
    NoticeKind.LESSON_RETURNED: _("Lesson returned for revision: {{ lesson }}"),
    NoticeKind.LESSON_VALIDATED: _("Lesson validated: {{ lesson }}"),
    NoticeKind.LESSON_ACTION_ASSIGNED: _("Action assigned: {{ lesson }}"),
    NoticeKind.LESSON_ACTION_OVERDUE: _("Action overdue: {{ lesson }}"),
}

DEFAULT_BODIES = {
    NoticeKind.INVITATION: _(
        "Dear {{ name }},\n\n"
        "You are invited to take part in {{ event }}.\n\n"
        "When: {{ when }}\n"
        "Where: {{ where }}\n"
        "{% if online_link %}Online: {{ online_link }}\n{% endif %}"
        "{% if summary %}\n{{ summary }}\n{% endif %}"
        "{% if objectives %}\nObjectives:\n{{ objectives }}\n{% endif %}"
        "{% if agenda %}\n{{ agenda }}\n{% endif %}"
        "\nPlease confirm or decline your participation with your personal link:\n"
        "{{ answer_link }}\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.REMINDER: _(
        "Dear {{ name }},\n\n"
        "{{ event }} starts in {{ days }} day(s). Thank you for confirming your participation.\n\n"
        "When: {{ when }}\n"
        "Where: {{ where }}\n"
        "{% if online_link %}Online: {{ online_link }}\n{% endif %}"
        "\nIf you can no longer attend, please tell us with your personal link:\n"
        "{{ answer_link }}\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.REMINDER_UNANSWERED: _(
        "Dear {{ name }},\n\n"
        "{{ event }} starts in {{ days }} day(s) and we have not had your answer yet.\n\n"
        "When: {{ when }}\n"
        "Where: {{ where }}\n"
        "{% if online_link %}Online: {{ online_link }}\n{% endif %}"
        "\nPlease confirm or decline your participation with your personal link:\n"
        "{{ answer_link }}\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.UPDATE: _(
        "Dear {{ name }},\n\n"
        "{{ event }} has changed:\n"
        "{{ changes }}\n\n"
        "When: {{ when }}\n"
        "Where: {{ where }}\n"
        "{% if online_link %}Online: {{ online_link }}\n{% endif %}"
        "\nYou can change your answer with your personal link:\n"
        "{{ answer_link }}\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.CANCELLATION: _(
        "Dear {{ name }},\n\n"
        "We regret to inform you that {{ event }}, planned for {{ when }}, is cancelled.\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.POSTPONEMENT: _(
        "Dear {{ name }},\n\n"
        "{{ event }}, planned for {{ when }}, is postponed. "
        "We will write to you again with the new dates.\n"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.THANK_YOU: _(
        "Dear {{ name }},\n\n"
        "Thank you for taking part in {{ event }} ({{ when }}).\n"
        "{% if report %}\n{{ report }}\n{% endif %}"
        "{% if contacts %}\nContacts:\n{{ contacts }}\n{% endif %}"
    ),
    NoticeKind.LESSON_SUBMITTED: _(
        "Dear {{ name }},\n\n"
        "{{ organisation }} submitted a lesson identified at {{ event }}:\n"
        "{{ lesson }}\n\n"
        "Review it in the portal: {{ lesson_link }}\n"
    ),
    NoticeKind.LESSON_RETURNED: _(
        "Dear {{ name }},\n\n"
        "The secretariat returned the lesson “{{ lesson }}” ({{ event }}) for revision:\n"
        "{{ comment }}\n\n"
        "Revise and submit it again in the portal: {{ lesson_link }}\n"
    ),
    NoticeKind.LESSON_VALIDATED: _(
        "Dear {{ name }},\n\n"
        "The secretariat validated the lesson “{{ lesson }}” ({{ event }}).\n"
        "{% if comment %}{{ comment }}\n{% endif %}"
        "\nSee it in the portal: {{ lesson_link }}\n"
    ),
    NoticeKind.LESSON_ACTION_ASSIGNED: _(
        "Dear {{ name }},\n\n"
        "An action was assigned to {{ action_body }} on the lesson “{{ lesson }}” "
        "({{ event }}), due on {{ due }}:\n"
        "{{ action }}\n\n"
        "Follow it in the portal: {{ lesson_link }}\n"
    ),
    NoticeKind.LESSON_ACTION_OVERDUE: _(
        "Dear {{ name }},\n\n"
        "The action assigned to {{ action_body }} on the lesson “{{ lesson }}” "
        "({{ event }}) was due on {{ due }} and is not marked as done:\n"
        "{{ action }}\n\n"
        "Follow it in the portal: {{ lesson_link }}\n"
    ),
}


# --- Wordings in use ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    kind: str
    language: str
    subject: str
    body: str
    edited: bool  # the secretariat's, not the portal's


def default_wording(kind: str, language: str) -> Wording:
    with translation.override(language):
        return Wording(
            kind, language, str(DEFAULT_SUBJECTS[kind]), str(DEFAULT_BODIES[kind]), edited=False
        )


def wordings(pairs) -> dict[tuple[str, str], Wording]:
    """The wording in use for each (kind, language) of ``pairs``: one query for them all."""
    pairs = set(pairs)
    edited = {
        (row.kind, row.language): Wording(row.kind, row.language, row.subject, row.body, True)
        for row in NoticeTemplate.objects.filter(
            kind__in={kind for kind, _ in pairs}, language__in={lang for _, lang in pairs}
        )
    }
    return {pair: edited.get(pair) or default_wording(*pair) for pair in pairs}


# --- Rendering ----------------------------------------------------------------------------------

# What a wording may use: the tags of the portal's own wordings and a few filters that never
# make a text more than a few times longer (none takes a number: ljust:"100000000" would pad
# every message to 100 MB). Anything else is refused by name.
TAGS = ("if", "elif", "else", "endif")
FILTERS = ("capfirst", "default", "lower", "title", "upper")

# Characters a subject or body is written in: Django's lexer is not linear in unclosed "{{"
# (5,000 of them, the longest wording, take half a second to compile; 20,000 take 20 s).
LONGEST_SOURCE = 10_000
LONGEST_SUBJECT = 1_000  # characters a subject may render to
LONGEST_BODY = 100_000  # characters a body may render to

LIBRARY = Library()
LIBRARY.tags["if"] = defaulttags.register.tags["if"]  # parses its elif, else and endif itself
LIBRARY.filters.update({name: defaultfilters.register.filters[name] for name in FILTERS})


class WordingEngine(Engine):
    """Django's engine with LIBRARY as its only built-ins: no other tag or filter compiles."""

    default_builtins = []

    def get_template_builtins(self, builtins):
        return [LIBRARY]


# No loaders (so nothing is included or extended), no libraries to {% load %}, plain strings.
ENGINE = WordingEngine(libraries={}, autoescape=False)
UNKNOWN = "\x00unknown placeholder %s\x00"
CHECKING_ENGINE = WordingEngine(libraries={}, autoescape=False, string_if_invalid=UNKNOWN)


class WordingError(Exception):
    """A wording that cannot be sent. str() says why, for the person who wrote it, in the
    language active when it is read (a notice's row keeps it in the worker's)."""

    def __init__(self, message, **values):
        super().__init__(message)
        self.values = values

    def __str__(self) -> str:
        values = {
            name: number_format(value, force_grouping=True) if isinstance(value, int) else value
            for name, value in self.values.items()
        }
        return str(self.args[0]) % values if values else str(self.args[0])


# Quoted text in a tag or placeholder, where a "|" is not a filter.
QUOTED = re.compile(r"\"[^\"\\]*(?:\\.[^\"\\]*)*\"|'[^'\\]*(?:\\.[^'\\]*)*'")
FILTER = re.compile(r"\|\s*(\w+)")


def refusal(source: str) -> tuple | None:
    """The tag or filter off the lists that ``source`` uses, as (message, values) for a
    WordingError; None if it uses none. Only to name it: the engine compiles no other anyway."""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            command, expression = [*token.contents.split(None, 1), "", ""][:2]
            if command and command not in TAGS:
                return _(
                    "The tag “%(tag)s” cannot be used in a wording: the tags it may use are "
                    "%(allowed)s."
                ), {"tag": command, "allowed": ", ".join(TAGS)}
        elif token.token_type == TokenType.VAR:
            expression = token.contents
        else:
            continue
        for name in FILTER.findall(QUOTED.sub("", expression)):
            if name not in FILTERS:
                return _(
                    "The filter “%(filter)s” cannot be used in a wording: the filters it may "
                    "use are %(allowed)s."
                ), {"filter": name, "allowed": ", ".join(FILTERS)}
    return None


def compiled(source: str, *, checking: bool = False):
    """A wording's template; WordingError if it is too long or does not compile (a tag or
    filter off the lists, named)."""
    if len(source) > LONGEST_SOURCE:
        raise WordingError(
            _("A wording may be at most %(limit)s characters long."), limit=LONGEST_SOURCE
        )
    template = _compile(source, checking)
    if isinstance(template, tuple):
        message, values = template
        raise WordingError(message, **values)
    return template


@lru_cache(maxsize=256)
def _compile(source: str, checking: bool):
    """The template of each text, compiled once per process, or why it does not compile: a
    batch of rows on a wording that fails compiles it once."""
    try:
        return (CHECKING_ENGINE if checking else ENGINE).from_string(source)
    except TemplateSyntaxError as error:
        return refusal(source) or (str(error), {})
    except Exception as error:  # RecursionError of hundreds of nested {% if %}...
        return f"{type(error).__name__}: {error}", {}


def render(source: str, context: dict, *, longest: int = LONGEST_BODY) -> str:
    """``source`` on ``context``; WordingError if refused or longer than ``longest``."""
    text = compiled(source).render(Context(context, autoescape=False))
    if len(text) > longest:
        raise WordingError(
            _("The wording renders to more than %(limit)s characters."), limit=longest
        )
    return text


def check(kind: str, source: str) -> None:
    """Raise WordingError unless ``source`` compiles and renders on ``kind``'s placeholders.

    It is rendered twice, with every placeholder filled in and with every one empty, so a
    mistake inside an {% if %} shows too.
    """
    names = PLACEHOLDERS[kind]
    try:
        template = compiled(source, checking=True)
        for value in ("x", ""):
            text = template.render(Context(dict.fromkeys(names, value), autoescape=False))
            if "\x00unknown placeholder " in text:
                unknown = text.split("\x00unknown placeholder ", 1)[1].split("\x00", 1)[0]
                raise WordingError(
                    _("“%(name)s” is not a placeholder of this notice."), name=unknown
                )
    except WordingError:
        raise
    except Exception as error:  # any failure of a template the secretariat wrote
        raise WordingError(f"{type(error).__name__}: {error}") from error
