"""The event form: the event's own fields and its rows (objectives, organisers, contacts...)."""

import datetime as dt
import functools
import zoneinfo

from crispy_forms.layout import Column, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import CoordinationFramework, Organisation, Person
from ssrportal.languages import Language, current_language
from workshops import choices
from workshops.models import (
    Event,
    EventContact,
    EventExpectedResult,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    Mandate,
    MandateObjective,
)

from .ordered import (
    FormWithRows,
    OrderedRowsFormSet,
    RowForm,
    ordered_formset,
    related_ids,
    row_helper,
    saved_text_rows,
    share_choices,
    text_items,
    use_choices,
)

DEFAULT_TIME_ZONE = "Africa/Addis_Ababa"
LONG_TEXT = {"rows": 6, "class": "text-long"}


@functools.cache
def time_zone_choices() -> list:
    """IANA time zones, Africa's first (where the portal's events are held)."""
    names = sorted(zoneinfo.available_timezones())

    def labelled(zones):
        return [(name, name.replace("_", " ")) for name in zones]

    african = [n for n in names if n.startswith("Africa/")]
    others = [n for n in names if not n.startswith("Africa/")]
    return [(_("Africa"), labelled(african)), (_("Other time zones"), labelled(others))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.text}"


class EventForm(forms.ModelForm):
    """The event itself. Start and end are typed as a date and a time in the event's zone."""

    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeInput,
        help_text=_("Leave empty for the start of the day."),
    )
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=TimeInput,
        help_text=_("Leave empty for the end of the day."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial=DEFAULT_TIME_ZONE,
        help_text=_("Where the event takes place: the times above are in this zone."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The meeting link, for an online or hybrid event."),
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages spoken at the event (interpretation)."),
    )
    # Many-to-many fields are declared, not in Meta.fields, so that their current values come
    # from the event query (with_related_ids) rather than a query each.
    thematic_areas = Event._meta.get_field("thematic_areas").formfield(
        widget=forms.CheckboxSelectMultiple
    )
    target_countries = Event._meta.get_field("target_countries").formfield(
        widget=forms.CheckboxSelectMultiple
    )
    served_objectives = ObjectiveChoiceField(
        label=_("Outcome objectives of the mandate it serves"),
        queryset=MandateObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "language",
            "kind",
            "status",
            "summary",
            "working_languages",
            "time_zone",
            "format",
            "venue",
            "city",
            "country",
            "online_url",
            "mandate",
            "framework",
            "background",
            "outcome",
        ]
        widgets = {
            "summary": forms.Textarea(attrs=LONG_TEXT),
            "background": forms.Textarea(attrs={**LONG_TEXT, "rows": 12}),
            "outcome": forms.Textarea(attrs=LONG_TEXT),
        }
        help_texts = {
            "summary": _("A few lines that say what the event is, shown in lists."),
            "background": _("Why the event is held: context, earlier work, funded projects."),
        }

    related_fields = ("thematic_areas", "target_countries", "served_objectives")
    field_order = [
        "title",
        "language",
        "kind",
        "status",
        "summary",
        "working_languages",
        "thematic_areas",
        "time_zone",
        "format",
        "venue",
        "city",
        "country",
        "online_url",
        "target_countries",
        "mandate",
        "served_objectives",
        "framework",
        "background",
        "outcome",
    ]

    def __init__(self, *args, refresh_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.related_fields:
            if name not in self.initial:
                self.initial[name] = related_ids(self.instance, name)
        # Reference lists come from the cache, sorted by the label the reader sees.
        use_choices(choices.countries(), self.fields["country"], self.fields["target_countries"])
        use_choices(choices.thematic_areas(), self.fields["thematic_areas"])
        self.fields["mandate"].queryset = Mandate.objects.only("title")
        use_choices(choices.mandates(), self.fields["mandate"])
        self.fields["framework"].queryset = CoordinationFramework.objects.only("name", "acronym")
        use_choices(choices.frameworks(), self.fields["framework"])
        mandate_id = self._chosen_mandate_id()
        if mandate_id is not None:
            served = self.fields["served_objectives"]
            served.queryset = MandateObjective.objects.filter(mandate_id=mandate_id)
            share_choices(served.queryset, served, sort=False)
        if refresh_url:
            # Choosing a mandate lists its objectives at once (htmx asks the same page).
            self.fields["mandate"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-select": "#served-objectives",
                    "hx-target": "#served-objectives",
                    "hx-swap": "outerHTML",
                }
            )
        if self.instance.pk:
            zone = self.instance.tz
            start = timezone.localtime(self.instance.start, zone)
            end = timezone.localtime(self.instance.end, zone)
            self.initial.update(
                start_date=start.date(),
                start_time=start.time(),
                end_date=end.date(),
                end_time=end.time(),
            )
        else:
            self.initial.setdefault("language", current_language())

    def _chosen_mandate_id(self):
        value = self["mandate"].value()
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    @property
    def has_mandate(self) -> bool:
        return self._chosen_mandate_id() is not None

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        if not zone_name or not start_date or not end_date:
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        start_time = cleaned.get("start_time") or dt.time(0, 0)
        end_time = cleaned.get("end_time") or dt.time(23, 59)
        start = dt.datetime.combine(start_date, start_time, tzinfo=zone)
        end = dt.datetime.combine(end_date, end_time, tzinfo=zone)
        if end < start:
            field = "end_time" if end_date == start_date else "end_date"
            self.add_error(field, _("The end cannot be before the start."))
            return cleaned
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def event_values(self) -> dict:
        """The event's fields as save_event takes them (many-to-many ones included)."""
        names = [*self._meta.fields, *self.related_fields]
        values = {name: self.cleaned_data[name] for name in names}
        values.update(start=self.cleaned_data["start"], end=self.cleaned_data["end"])
        return values


class TextRowForm(RowForm):
    """An objective or expected result: one numbered text."""

    helper = row_helper("text", label_class="visually-hidden")

    class Meta:
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ObjectiveForm(TextRowForm):
    class Meta(TextRowForm.Meta):
        model = EventObjective
        labels = {"text": _("Objective")}


class ExpectedResultForm(TextRowForm):
    class Meta(TextRowForm.Meta):
        model = EventExpectedResult
        labels = {"text": _("Expected result")}


class OrganiserForm(RowForm):
    helper = row_helper(
        Row(Column("organisation", css_class="col-md-8"), Column("role", css_class="col-md-4"))
    )

    class Meta:
        model = EventOrganiser
        fields = ["organisation", "role"]


class ContactForm(RowForm):
    helper = row_helper(
        Row(Column("person", css_class="col-md-6"), Column("purpose", css_class="col-md-6"))
    )

    class Meta:
        model = EventContact
        fields = ["person", "purpose"]
        help_texts = {"purpose": _("For example: for media inquiries.")}


class TranslationForm(RowForm):
    helper = row_helper(
        Row(Column("language", css_class="col-md-3"), Column("title", css_class="col-md-9")),
        "summary",
    )

    class Meta:
        model = EventTranslation
        fields = ["language", "title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ObjectiveFormSet(OrderedRowsFormSet):
    row_name = _("objective")
    add_label = _("Add an objective")


class ExpectedResultFormSet(OrderedRowsFormSet):
    row_name = _("expected result")
    add_label = _("Add an expected result")


class OrganiserFormSet(OrderedRowsFormSet):
    row_name = _("organiser")
    add_label = _("Add an organiser")
    shared_choice_fields = ("organisation",)
    distinct_fields = ("organisation", "role")
    duplicate_message = _("This organisation is already listed with this role.")

    def add_fields(self, form, index):
        form.fields["organisation"].queryset = Organisation.objects.only(
            "name", "name_fr", "acronym"
        )
        super().add_fields(form, index)

    def share_choices(self, name, field):
        use_choices(choices.organisations(), field)


class ContactFormSet(OrderedRowsFormSet):
    row_name = _("contact")
    add_label = _("Add a contact")
    shared_choice_fields = ("person",)
    distinct_fields = ("person",)
    duplicate_message = _("This person is already a contact of the event.")
    extra_when_empty = 2

    def add_fields(self, form, index):
        form.fields["person"].queryset = Person.objects.select_related("organisation")
        super().add_fields(form, index)


class TranslationFormSet(OrderedRowsFormSet):
    row_name = _("title in another language")
    add_label = _("Add a title in another language")
    distinct_fields = ("language",)
    duplicate_message = _("There is already a title in this language.")
    extra_when_empty = 1
    record_language = None

    def clean(self):
        super().clean()
        for form in self.ordered_forms:
            if self.record_language and form.cleaned_data.get("language") == self.record_language:
                form.add_error(
                    "language",
                    _("This is the language of the record: its title is the one above."),
                )


class EventForms(FormWithRows):
    """The event form with its rows, in the order of the page."""

    form_class = EventForm
    formset_classes = {
        "organisers": ordered_formset(Event, EventOrganiser, OrganiserForm, OrganiserFormSet),
        "objectives": ordered_formset(Event, EventObjective, ObjectiveForm, ObjectiveFormSet),
        "results": ordered_formset(
            Event, EventExpectedResult, ExpectedResultForm, ExpectedResultFormSet
        ),
        "contacts": ordered_formset(Event, EventContact, ContactForm, ContactFormSet),
        "translations": ordered_formset(
            Event, EventTranslation, TranslationForm, TranslationFormSet
        ),
    }

    def saved_rows(self) -> dict[str, list]:
        return saved_text_rows(self.instance, objectives="objectives", results="expected_results")

    def is_valid(self) -> bool:
        self.formsets["translations"].record_language = self.form["language"].value()
        return super().is_valid()

    def service_arguments(self) -> dict:
        """The keyword arguments of services.save_event, once everything is valid."""
        rows = {prefix: formset.ordered_forms for prefix, formset in self.formsets.items()}
        return {
            "values": self.form.event_values(),
            "objectives": text_items(self["objectives"]),
            "expected_results": text_items(self["results"]),
            "organisers": [
                (form.cleaned_data["organisation"], form.cleaned_data["role"])
                for form in rows["organisers"]
            ],
            "contacts": [
                (form.cleaned_data["person"], form.cleaned_data["purpose"])
                for form in rows["contacts"]
            ],
            "translations": [
                (data["language"], data["title"], data["summary"])
                for data in (form.cleaned_data for form in rows["translations"])
            ],
        }
