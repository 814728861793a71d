"""The event form: the event's own fields, and its rows (event_rows.py) saved with it."""

import datetime as dt
import functools
import zoneinfo

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partners.models import CoordinationFramework
from ssrportal.languages import Language, current_language
from ssrportal.widgets import SearchSelect
from workshops import choices
from workshops.models import (
    Approximation,
    Event,
    EventContact,
    EventExpectedResult,
    EventLink,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    Mandate,
    MandateObjective,
    ParticipantGroup,
)
from workshops.models.dates import DATE_WINDOW_MESSAGE, in_window
from workshops.models.event import DATELESS_STATUSES, END_OF_DAY
from workshops.services import GroupValues, OrganiserValues

from .dates import DateInput, TimeInput
from .event_rows import (
    ContactForm,
    ContactFormSet,
    EventLinkForm,
    EventLinkFormSet,
    ExpectedResultForm,
    ExpectedResultFormSet,
    ObjectiveForm,
    ObjectiveFormSet,
    OrganiserForm,
    OrganiserFormSet,
    ParticipantGroupForm,
    ParticipantGroupFormSet,
    TranslationForm,
    TranslationFormSet,
)
from .ordered import (
    FormWithRows,
    ordered_formset,
    related_ids,
    saved_text_rows,
    share_choices,
    text_items,
    use_choices,
)
from .sources import source_formset, source_items

DEFAULT_TIME_ZONE = "Africa/Addis_Ababa"
LONG_TEXT = {"rows": 6, "class": "text-long"}


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    """IANA time zones, Africa's first (where the portal's events are held). The form shows the
    chosen one and finds the others as one types (time_zone_search): 600 options would weigh
    35 KB on every event form."""
    names = sorted(zoneinfo.available_timezones(), key=lambda n: (not n.startswith("Africa/"), n))
    return [(name, name.replace("_", " ")) for name in names]


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.text}"


class EventForm(forms.ModelForm):
    """The event itself. Dates are typed as the record gives them, in the event's zone: days
    (all-day, unless times are given), a start only, a start and a number of days, or no date
    yet for a planned event."""

    date_unknown = forms.BooleanField(
        label=_("Date not known yet"),
        required=False,
        help_text=_("For a planned, postponed or cancelled event whose date is not set."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput)
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeInput,
        help_text=_("Only if the record gives times: without them the event runs whole days."),
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty when the record gives a start only."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput)
    duration_days = forms.IntegerField(
        label=_("Or the number of days"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("For “a three-day training that opened on 4 May”: the end date follows."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=SearchSelect(
            search_url="workshops:time_zone_search", placeholder=_("Type a city: Bamako, Nairobi…")
        ),
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
            "reported_participants_approximation",
            "reported_participants",
            "reported_women_approximation",
            "reported_women",
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
            # Found by typing: a select of every mandate grows with the years (40 KB at 400).
            "mandate": SearchSelect(search_url="workshops:mandate_search"),
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
        for name in ("reported_participants_approximation", "reported_women_approximation"):
            self.fields[name].choices = Approximation.choices
            self.fields[name].label = _("As the record gives it")
        if self.instance.pk:
            self.initial.update(span_initial(self.instance))
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
        span = self.clean_span(cleaned)
        if span is not None:
            cleaned["span"] = span
        return cleaned

    def clean_span(self, cleaned) -> dict | None:
        """start, end, all_day and open_end from what was typed; None (with the errors next
        to the fields) when they do not make a span."""
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        days = cleaned.get("duration_days")
        if cleaned.get("date_unknown"):
            if any(v is not None for v in (start_date, end_date, start_time, end_time, days)):
                self.add_error(
                    "date_unknown",
                    _("Clear the dates and times, or untick “date not known yet”."),
                )
                return None
            if cleaned.get("status") not in DATELESS_STATUSES:
                self.add_error(
                    "date_unknown",
                    _("Only a planned, postponed or cancelled event may have no date yet."),
                )
                return None
            return {"start": None, "end": None, "all_day": True, "open_end": False}
        zone_name = cleaned.get("time_zone")
        for name, day in (("start_date", start_date), ("end_date", end_date)):
            if day is not None and not in_window(day):
                self.add_error(name, DATE_WINDOW_MESSAGE)
                return None
        if start_date is None:
            if "start_date" not in self.errors:
                self.add_error(
                    "start_date", _("Give the start date, or tick “date not known yet”.")
                )
            return None
        if days is not None:
            computed = start_date + dt.timedelta(days=days - 1)
            if end_date is not None and end_date != computed:
                self.add_error(
                    "duration_days",
                    _("%(days)s days from the start end on %(date)s, not on the end date given.")
                    % {"days": days, "date": date_format(computed, "j F Y")},
                )
                return None
            if not in_window(computed):
                self.add_error("duration_days", DATE_WINDOW_MESSAGE)
                return None
            end_date = computed
        if end_time is not None and start_time is None:
            self.add_error("start_time", _("Give the start time too, or no time at all."))
            return None
        if start_time is not None and end_time is None and end_date is not None:
            self.add_error(
                "end_time",
                _("Give the end time too, or leave both times empty for whole days."),
            )
            return None
        if not zone_name:
            return None
        zone = zoneinfo.ZoneInfo(zone_name)
        all_day = start_time is None
        open_end = end_date is None and end_time is None
        start = dt.datetime.combine(start_date, start_time or dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(end_date or start_date, end_time or END_OF_DAY, tzinfo=zone)
        if end < start:
            field = "end_time" if (end_date or start_date) == start_date else "end_date"
            self.add_error(field, _("The end cannot be before the start."))
            return None
        return {"start": start, "end": end, "all_day": all_day, "open_end": open_end}

    def event_values(self) -> dict:
        """The event's fields as save_event takes them (many-to-many ones included)."""
        names = [*self._meta.fields, *self.related_fields]
        values = {name: self.cleaned_data[name] for name in names}
        values.update(self.cleaned_data["span"])
        return values


def span_initial(event: Event) -> dict:
    """What the date fields show for a saved event: what its record gave, no more."""
    if event.start is None:
        return {"date_unknown": True}
    start, end = event.local_start, event.local_end
    initial = {"start_date": start.date()}
    if not event.all_day:
        initial["start_time"] = start.time()
    if not event.open_end:
        initial["end_date"] = end.date()
        if not event.all_day:
            initial["end_time"] = end.time()
    return initial


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
        "groups": ordered_formset(
            Event, ParticipantGroup, ParticipantGroupForm, ParticipantGroupFormSet
        ),
        "links": ordered_formset(
            Event, EventLink, EventLinkForm, EventLinkFormSet, fk_name="from_event"
        ),
        "sources": source_formset(Event),
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
                OrganiserValues(
                    organisation=form.cleaned_data["organisation"],
                    role=form.cleaned_data["role"],
                    represented_by=form.cleaned_data["represented_by"],
                    capacity=form.cleaned_data["capacity"],
                )
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
            "groups": [
                GroupValues(
                    row=form.cleaned_data.get("id"),
                    values={
                        name: form.cleaned_data[name]
                        for name in ("name", "description", "count", "count_approximation")
                    }
                    | {"count_kind": form.cleaned_data["count_kind"]},
                    organisations=list(form.cleaned_data["organisations"]),
                    countries=list(form.cleaned_data["countries"]),
                )
                for form in rows["groups"]
            ],
            "links": [
                (form.cleaned_data["kind"], form.cleaned_data["to_event"]) for form in rows["links"]
            ],
            "sources": source_items(self["sources"]),
        }
