"""The secretariat's wording of a notice (refused, with the error, unless it renders with the
tags and filters wordings may use), and the choice of the participant a notice is previewed
for."""

from django import forms
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from ssrportal.ids import row_id
from ssrportal.widgets import SearchSelect
from workshops.models import NoticeTemplate, Participant
from workshops.models.notice import PARTICIPANT_KINDS
from workshops.notices import wording


class WordingForm(forms.ModelForm):
    """Subject and body of one kind and language; each is checked on the kind's placeholders."""

    class Meta:
        model = NoticeTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}

    def __init__(self, *args, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind or self.instance.kind
        self.fields["body"].help_text = _(
            "Besides the placeholders, a wording may use the tags %(tags)s and the filters "
            "%(filters)s, in at most %(limit)s characters."
        ) % {
            "tags": ", ".join(wording.TAGS),
            "filters": ", ".join(wording.FILTERS),
            "limit": number_format(wording.LONGEST_SOURCE, force_grouping=True),
        }

    def _checked(self, name: str) -> str:
        value = self.cleaned_data[name]
        try:
            wording.check(self.kind, value)
        except wording.WordingError as error:
            raise forms.ValidationError(str(error), code="broken_wording") from error
        return value

    def clean_subject(self):
        return self._checked("subject")

    def clean_body(self):
        return self._checked("body")


class AdminWordingForm(WordingForm):
    class Meta(WordingForm.Meta):
        fields = ["kind", "language", "subject", "body"]

    def _checked(self, name: str) -> str:
        self.kind = self.cleaned_data.get("kind") or self.instance.kind
        return super()._checked(name) if self.kind else self.cleaned_data[name]


# --- Previews -------------------------------------------------------------------------------------

NO_EMAIL = _("no e-mail address")


class PreviewParticipantForm(forms.Form):
    """The participant a preview is composed for, among ``participants`` (already loaded: the
    choices cost no query). Unbound, the first with an e-mail address is chosen."""

    participant = forms.TypedChoiceField(label=_("Participant"), coerce=int)

    def __init__(self, *args, participants, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        label = label or participant_label
        self.participants = {participant.pk: participant for participant in participants}
        field = self.fields["participant"]
        field.choices = [(participant.pk, label(participant)) for participant in participants]
        with_email = [p for p in participants if p.person.email.strip()]
        if with_email and not self.is_bound and not self.initial.get("participant"):
            self.initial["participant"] = with_email[0].pk

    def chosen(self) -> Participant:
        return self.participants[self.cleaned_data["participant"]]


class ParticipantSearchSelect(SearchSelect):
    """SearchSelect that reads no label for a value past any id: ssrportal.widgets.labels_of
    filters with pk__in, which SQLite cannot bind past 64 bits (OverflowError, a 500), when a
    refused ?participant=99999999999999999999 is shown again."""

    def labels_for(self, values: list[str]) -> dict[str, str]:
        return super().labels_for([v for v in values if row_id(v) is not None])


class PreviewParticipantField(forms.ModelChoiceField):
    def label_from_instance(self, participant):
        return participant_label(participant)


class NoticePreviewForm(forms.Form):
    """Which notice to an event's participants, for which of them (the notices page). The
    participant is typed (SearchSelect on ``search_url``, the event's participant search) and
    checked against ``participants``, the event's: another event's is refused. Unbound, it
    starts on ``default``, whose label costs no query."""

    kind = forms.ChoiceField(
        label=_("Notice"),
        choices=[(kind.value, capfirst(kind.label)) for kind in PARTICIPANT_KINDS],
    )
    participant = PreviewParticipantField(
        label=_("Participant"),
        queryset=Participant.objects.none(),
        widget=ParticipantSearchSelect(search_url=""),
    )

    def __init__(self, *args, participants, search_url: str, default=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        field.queryset = participants
        field.widget.search_url = search_url
        if default is not None and not self.is_bound:
            self.initial["participant"] = default.pk
            field.widget.labels = {str(default.pk): participant_label(default)}

    def clean_participant(self):
        participant = self.cleaned_data["participant"]
        # The form shown again names the participant without reading them a second time.
        self.fields["participant"].widget.labels = {
            str(participant.pk): participant_label(participant)
        }
        return participant


def participant_label(participant: Participant) -> str:
    person = participant.person
    return " · ".join([person.display_name, person.email.strip() or str(NO_EMAIL)])


def recent_participant_label(participant: Participant) -> str:
    """ "Ms. Aminata Traoré · a.traore@example.org · Validation workshop (14 December 2026)"."""
    event = participant.event
    when = date_format(event.local_start, "j F Y") if event.start else _("date not known yet")
    return " · ".join(
        [participant_label(participant), f"{Truncator(event.title).chars(60)} ({when})"]
    )
