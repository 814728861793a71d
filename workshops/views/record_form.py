"""What the event and mandate forms share once posted: validate the record with its rows, save
it with the version the form was opened at, or show it again (409 when a colleague saved it
since, workshops/versions.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from workshops.versions import StaleRecord


class SavesRecordWithRows:
    """For a view with ``show(forms, status)``: ``saved_or_shown(forms, save, detail=...)``.

    ``save(forms, version)`` writes the record through its service; ``created_message`` is
    said after a new record is saved.
    """

    created_message: str

    def saved_or_shown(self, forms, save, *, detail: str):
        if not forms.is_valid():
            return self.show(forms, status=409 if forms.is_stale else 200)
        record = forms.instance
        adding = record._state.adding
        try:
            save(forms, None if adding else forms.sent_version)
        except StaleRecord:  # saved by someone else between the check and the lock
            forms.refuse_as_stale()
            return self.show(forms, status=409)
        messages.success(self.request, self.created_message if adding else _("Changes saved."))
        return redirect(detail, pk=record.pk)
