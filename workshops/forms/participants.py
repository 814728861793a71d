"""Forms of an event's participants: add one, change several at once, import a file."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.forms import OrganisationChoiceField
from partners.models import Person
from ssrportal.ids import row_id
from ssrportal.languages import Language
from workshops.imports import MAX_FILE_SIZE, ImportFileError, read_participant_file
from workshops.models import Answer, Attendance, Participant, ParticipantGroup
from workshops.models.participant import ParticipantRole
from workshops.services import ALREADY_A_PARTICIPANT


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        parts = [person.display_name]
        if person.organisation_id:
            parts.append(person.organisation.acronym or person.organisation.display_name)
        if person.email:
            parts.append(person.email)
        return " · ".join(parts)


class NewPersonForm(forms.ModelForm):
    """A person typed in by hand, saved to the directory with the participant."""

    prefix = "new"
    # The fields that make a new person: a language or organisation alone does not.
    TYPED = {"title", "full_name", "email", "position"}

    organisation = OrganisationChoiceField(required=False, can_add=True, label=_("Organisation"))

    class Meta:
        model = Person
        fields = ["title", "full_name", "email", "organisation", "position", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ParticipantAddForm(forms.Form):
    """A person of the directory, or a new one (``new_person``), and how they take part.

    Unbound, the person choices are the people a search found (``matches``); bound, the person
    chosen, so a re-shown form keeps the choice.
    """

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Person from the directory"),
    )
    organisation = OrganisationChoiceField(
        required=False,
        can_add=True,
        label=_("Organisation represented"),
        help_text=_("Leave empty for the person's own organisation."),
    )
    group = forms.ModelChoiceField(
        queryset=ParticipantGroup.objects.none(), required=False, label=_("Group")
    )
    role = forms.ChoiceField(
        choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT, label=_("Role")
    )
    notice_language = forms.ChoiceField(
        choices=[("", _("The person's preferred language")), *Language.choices],
        required=False,
        label=_("Language for notices"),
    )

    def __init__(self, *args, event, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.new_person = NewPersonForm(self.data if self.is_bound else None)
        person = self.fields["person"]
        if self.is_bound:
            person.queryset = Person.objects.select_related("organisation")
            chosen = self.data.get(self.add_prefix("person"), "")
            matches = person.queryset.filter(pk=chosen) if row_id(chosen) is not None else []
        person.choices = [(match.pk, person.label_from_instance(match)) for match in matches]
        self.fields["group"].queryset = ParticipantGroup.objects.filter(event=event)

    @property
    def media(self):
        return super().media + self.new_person.media

    def clean(self):
        cleaned_data = super().clean()
        person = cleaned_data.get("person")
        typed = bool(set(self.new_person.changed_data) & self.new_person.TYPED)
        if person and typed:
            raise forms.ValidationError(
                _("Choose a person from the directory or type a new person, not both.")
            )
        if not person and not typed and "person" not in self.errors:
            raise forms.ValidationError(
                _("Choose a person from the directory, or type a new person's full name.")
            )
        if typed and not self.new_person.is_valid():
            raise forms.ValidationError(_("Correct the new person's details below."))
        if person and Participant.objects.filter(event=self.event, person=person).exists():
            self.add_error("person", ALREADY_A_PARTICIPANT)
        return cleaned_data

    def participant_fields(self) -> dict:
        """The service's arguments: the person (or an unsaved new one) and how they take part."""
        data = self.cleaned_data
        return {
            "person": data["person"],
            "new_person": None if data["person"] else self.new_person.save(commit=False),
            "organisation": data["organisation"],
            "group": data["group"],
            "role": data["role"],
            "notice_language": data["notice_language"],
        }


def change_choices(event) -> list:
    """Answers, and attendance once the event has started, as "answer:confirmed" values."""
    answers = [(f"answer:{value}", label) for value, label in Answer.choices]
    choices = [(pgettext_lazy("participant", "Answer"), answers)]
    if event.start <= timezone.now():
        attendances = [(f"attendance:{value}", label) for value, label in Attendance.choices]
        choices.append((_("Attendance"), attendances))
    return choices


class ParticipantBulkForm(forms.Form):
    """One answer or attendance for the participants ticked in the table."""

    participants = forms.ModelMultipleChoiceField(
        queryset=Participant.objects.none(),
        error_messages={"required": _("Select at least one participant in the table.")},
    )
    change = forms.ChoiceField(label=_("Set for the selected participants"))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Participant.objects.filter(event=event)
        self.fields["change"].choices = [("", _("Choose…")), *change_choices(event)]

    def chosen_change(self) -> tuple[str, str]:
        """("answer", "confirmed") or ("attendance", "attended")."""
        kind, value = self.cleaned_data["change"].split(":")
        return kind, value


class ParticipantImportForm(forms.Form):
    """Step 1: the file, read and checked; ``parsed`` holds its rows."""

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "At most 2 MB. The first row names the columns: full_name (or nom complet), email "
            "(or courriel), organisation, position (or fonction), language (or langue), role, "
            "group (or groupe)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than 2 MB. Split it into smaller files.")
            )
        try:
            self.parsed = read_participant_file(upload)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ParticipantImportConfirmForm(forms.Form):
    """Step 2: the preview's token and whether rows with problems may be skipped."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    skip_invalid = forms.BooleanField(
        required=False, label=_("Import the valid rows and skip the others")
    )
