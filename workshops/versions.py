"""A record's version, carried by its form, so that a save from a stale form is refused.

Two officers open the same event; the first saves. The second's form still holds the event as
it was: saved as is, it would put back what the first changed and drop the rows they added.
So each form carries the version it was opened at (the record's ``updated_at``), and a save
whose version is not the record's any more is refused before anything is written: the page
comes back with what the officer typed still in it, and says who saved what since.
``services.save_event`` and ``save_mandate`` check it again under a row lock, for two saves at
the same instant.
"""

import datetime as dt

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

FIELD = "version"
SHOWN_CHANGES = 5


class StaleRecord(Exception):
    """The record was saved by someone else since the form was opened."""


def version_of(record) -> str:
    """The version of a saved record ("" for a new one)."""
    if record.pk is None or record.updated_at is None:
        return ""
    return record.updated_at.isoformat()


def current_version(model, pk, *, lock: bool = False) -> str:
    """The version in the database now; with ``lock``, the row stays locked until commit."""
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    updated_at = rows.values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


def hidden_input(value: str) -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, value)


def changes_since(record, version: str) -> list[str]:
    """Who saved ``record`` after ``version``, when, and which of its fields changed: one line
    per save, the newest first, at most SHOWN_CHANGES."""
    try:
        since = dt.datetime.fromisoformat(version) if version else None
    except ValueError:
        since = None
    saves = record.history.select_related("history_user").order_by("-history_date")
    if since is not None:
        saves = saves.filter(history_date__gt=since)
    saves = list(saves[: SHOWN_CHANGES + 1])
    lines = []
    for save in saves[:SHOWN_CHANGES]:
        who_and_when = {
            "who": save.history_user.get_username() if save.history_user else _("someone"),
            "when": date_format(localtime(save.history_date), "j F Y H:i"),
        }
        previous = save.prev_record
        if previous is None:  # a record loaded without history: what changed is not known
            lines.append(_("%(who)s, %(when)s") % who_and_when)
            continue
        model = type(record)
        names = [
            str(model._meta.get_field(change.field).verbose_name)
            for change in save.diff_against(previous).changes
        ]
        fields = ", ".join(names) if names else _("its lists (objectives, rows, names)")
        lines.append(
            _("%(who)s, %(when)s: %(fields)s") % {**who_and_when, "fields": capfirst(fields)}
        )
    return lines
