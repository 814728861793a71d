"""The event form's rows: objectives, expected results, organisers and what they did,
contacts, titles in other languages, participant groups and links to other events."""

from crispy_forms.layout import Column, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation, Person
from ssrportal.widgets import SearchSelect, SearchSelectMultiple
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
    OrganiserRole,
    ParticipantGroup,
)

from .ordered import OrderedRowsFormSet, RowForm, row_helper, use_choices


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
    """An organisation and what it did; who acted for it when the record names them (the head
    of a joint mission leads on behalf of ECOWAS without being an organiser)."""

    helper = row_helper(
        Row(Column("organisation", css_class="col-md-8"), Column("role", css_class="col-md-4")),
        Row(
            Column("represented_by", css_class="col-md-8"),
            Column("capacity", css_class="col-md-4"),
        ),
    )

    class Meta:
        model = EventOrganiser
        fields = ["organisation", "role", "represented_by", "capacity"]
        widgets = {
            "organisation": SearchSelect(
                "partners:organisation_search", create_url="partners:organisation_add"
            ),
            "represented_by": SearchSelect("workshops:person_search"),
        }


class ContactForm(RowForm):
    helper = row_helper(
        Row(Column("person", css_class="col-md-6"), Column("purpose", css_class="col-md-6"))
    )

    class Meta:
        model = EventContact
        fields = ["person", "purpose"]
        widgets = {"person": SearchSelect("workshops:person_search")}
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


class ParticipantGroupForm(RowForm):
    """Who took part as the record says it: "une trentaine de représentants des OSC",
    "government experts of the member states", with a count where it gives one."""

    helper = row_helper(
        Row(Column("name", css_class="col-md-8"), Column("count_kind", css_class="col-md-4")),
        Row(
            Column("count_approximation", css_class="col-md-4"),
            Column("count", css_class="col-md-4"),
        ),
        "description",
        Row(
            Column("organisations", css_class="col-md-6"), Column("countries", css_class="col-md-6")
        ),
    )

    class Meta:
        model = ParticipantGroup
        fields = [
            "name",
            "count_kind",
            "count_approximation",
            "count",
            "description",
            "organisations",
            "countries",
        ]
        labels = {
            "name": _("Group"),
            "count_approximation": _("As the record gives it"),
            "count": _("How many"),
            "count_kind": _("The number is"),
        }
        help_texts = {
            "name": _("For example: civil society representatives."),
            "count": _("Leave empty when the record gives no number."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "organisations": SearchSelectMultiple(
                "partners:organisation_search", create_url="partners:organisation_add"
            ),
            "countries": SearchSelectMultiple("partners:country_search"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count_approximation"].choices = Approximation.choices


class EventLinkForm(RowForm):
    helper = row_helper(
        Row(Column("kind", css_class="col-md-5"), Column("to_event", css_class="col-md-7"))
    )

    class Meta:
        model = EventLink
        fields = ["kind", "to_event"]
        labels = {"kind": _("This event"), "to_event": _("Other event")}
        widgets = {"to_event": SearchSelect("workshops:event_search")}


class ObjectiveFormSet(OrderedRowsFormSet):
    row_name = _("objective")
    add_label = _("Add an objective")


class ExpectedResultFormSet(OrderedRowsFormSet):
    row_name = _("expected result")
    add_label = _("Add an expected result")


class OrganiserFormSet(OrderedRowsFormSet):
    row_name = _("organiser")
    add_label = _("Add an organiser")
    shared_choice_fields = ("role",)
    searched_fields = ("organisation", "represented_by")
    distinct_fields = ("organisation", "role")
    duplicate_message = _("This organisation is already listed with this role.")

    def add_fields(self, form, index):
        form.fields["organisation"].queryset = Organisation.objects.select_related("parent")
        form.fields["role"].queryset = OrganiserRole.objects.all()
        form.fields["role"].empty_label = None
        form.fields["represented_by"].queryset = Person.objects.select_related("organisation")
        super().add_fields(form, index)

    def share_choices(self, name, field):
        use_choices(choices.organiser_roles(), field)


class ContactFormSet(OrderedRowsFormSet):
    row_name = _("contact")
    add_label = _("Add a contact")
    searched_fields = ("person",)
    distinct_fields = ("person",)
    duplicate_message = _("This person is already a contact of the event.")

    def add_fields(self, form, index):
        form.fields["person"].queryset = Person.objects.select_related("organisation")
        super().add_fields(form, index)


class ParticipantGroupFormSet(OrderedRowsFormSet):
    row_name = _("participant group")
    add_label = _("Add a participant group")
    extra_when_empty = 1
    searched_fields = ("organisations", "countries")

    def add_fields(self, form, index):
        form.fields["organisations"].queryset = Organisation.objects.select_related("parent")
        super().add_fields(form, index)

    def __init__(self, *args, **kwargs):
        # Each row's form reads its organisations and countries from the prefetch: two queries
        # whatever the rows.
        kwargs.setdefault(
            "queryset", ParticipantGroup.objects.prefetch_related("organisations", "countries")
        )
        super().__init__(*args, **kwargs)


class EventLinkFormSet(OrderedRowsFormSet):
    row_name = _("link to another event")
    add_label = _("Add a link to another event")
    distinct_fields = ("kind", "to_event")
    duplicate_message = _("This event is already linked this way.")
    extra_when_empty = 1
    searched_fields = ("to_event",)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["to_event"].queryset = Event.objects.all()

    def clean(self):
        super().clean()
        for form in self.ordered_forms:
            other = form.cleaned_data.get("to_event")
            if other is not None and other.pk == self.instance.pk:
                form.add_error("to_event", _("An event cannot be linked to itself."))


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
