"""The mandate form: its fields, ordered outputs/products, outcome objectives and sources."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.forms import OrganisationMultipleChoiceField
from ssrportal.languages import current_language
from ssrportal.widgets import labels_of
from workshops import choices
from workshops.models import Mandate, MandateObjective, MandateOutput
from workshops.models.dates import DATE_WINDOW_MESSAGE, in_window

from .dates import DateInput
from .ordered import (
    FormWithRows,
    OrderedRowsFormSet,
    RowForm,
    ordered_formset,
    related_ids,
    row_helper,
    saved_text_rows,
    text_items,
    use_choices,
)
from .sources import source_formset, source_items


class MandateForm(forms.ModelForm):
    """Every field but the title is optional: real mandate records are often incomplete."""

    # Many-to-many fields are declared, not in Meta.fields, so that their current values come
    # from the mandate query (with_related_ids) rather than a query each.
    # Three roles an ISSAT record tells apart: who asked, who mandated, who benefits. Each is
    # found by typing (never a list of every organisation); a missing one can be added in place.
    requesters = OrganisationMultipleChoiceField(
        required=False,
        can_add=True,
        label=_("Requested by"),
        help_text=_(
            "Who asked for the support, e.g. ECOWAS requesting help for a member state. "
            "Often not the one that gave the mandate."
        ),
    )
    mandating_organisations = OrganisationMultipleChoiceField(
        required=False,
        can_add=True,
        label=_("Mandating organisations"),
        help_text=_(
            "Who gave or authorised the mandate: the record's “mandating organisation / "
            "agency / department / ministry”. Leave empty when the record does not say."
        ),
    )
    beneficiaries = OrganisationMultipleChoiceField(
        required=False,
        can_add=True,
        label=_("Beneficiaries"),
        help_text=_(
            "Who receives the support: a national institution, a REC department... "
            "Leave empty when the record does not say."
        ),
    )
    target_countries = Mandate._meta.get_field("target_countries").formfield(
        widget=forms.CheckboxSelectMultiple
    )
    target_organisation_types = Mandate._meta.get_field("target_organisation_types").formfield(
        widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Mandate
        fields = [
            "title",
            "language",
            "status",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8, "class": "text-long"}),
            "start_date": DateInput,
            "end_date": DateInput,
        }
        help_texts = {
            "description": _("The aim of the mandate, as the request states it."),
            "status": _("Unsupported: a request that was not taken up."),
            "start_date": _(
                "The mandate's own dates, as the record gives them; its events may be held "
                "outside them."
            ),
        }

    organisation_fields = ("requesters", "mandating_organisations", "beneficiaries")
    related_fields = (*organisation_fields, "target_countries", "target_organisation_types")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.related_fields:
            if name not in self.initial:
                self.initial[name] = related_ids(self.instance, name)
        # Reference lists come from the cache, sorted by the label the reader sees.
        self.prime_organisation_labels()
        use_choices(choices.countries(), self.fields["target_countries"])
        use_choices(choices.target_organisation_types(), self.fields["target_organisation_types"])
        if not self.instance.pk:
            self.initial.setdefault("language", current_language())

    def prime_organisation_labels(self) -> None:
        """Read the labels of the organisations chosen in the three fields in one query."""
        fields = [self.fields[name] for name in self.organisation_fields]
        chosen = {
            value
            for name, field in zip(self.organisation_fields, fields, strict=True)
            for value in field.widget.chosen_values(self[name].value())
        }
        labels = labels_of(fields[0], chosen)
        for field in fields:
            field.widget.labels = labels

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        for name, day in (("start_date", start), ("end_date", end)):
            if day is not None and not in_window(day):
                self.add_error(name, DATE_WINDOW_MESSAGE)
                return cleaned
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned

    def mandate_values(self) -> dict:
        """The mandate's fields as save_mandate takes them (many-to-many ones included)."""
        names = [*self._meta.fields, *self.related_fields]
        return {name: self.cleaned_data[name] for name in names}


class OutputForm(RowForm):
    helper = row_helper("text", label_class="visually-hidden")

    class Meta:
        model = MandateOutput
        fields = ["text"]
        labels = {"text": _("Output or product")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class MandateObjectiveForm(RowForm):
    helper = row_helper("text", label_class="visually-hidden")

    class Meta:
        model = MandateObjective
        fields = ["text"]
        labels = {"text": _("Outcome objective")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class OutputFormSet(OrderedRowsFormSet):
    row_name = _("output or product")
    add_label = _("Add an output or product")


class MandateObjectiveFormSet(OrderedRowsFormSet):
    row_name = _("outcome objective")
    add_label = _("Add an outcome objective")


class MandateForms(FormWithRows):
    form_class = MandateForm
    formset_classes = {
        "outputs": ordered_formset(Mandate, MandateOutput, OutputForm, OutputFormSet),
        "objectives": ordered_formset(
            Mandate, MandateObjective, MandateObjectiveForm, MandateObjectiveFormSet
        ),
        "sources": source_formset(Mandate),
    }

    def saved_rows(self) -> dict[str, list]:
        return saved_text_rows(self.instance, outputs="outputs", objectives="objectives")

    def service_arguments(self) -> dict:
        """The keyword arguments of services.save_mandate, once everything is valid."""
        return {
            "values": self.form.mandate_values(),
            "outputs": text_items(self["outputs"]),
            "objectives": text_items(self["objectives"]),
            "sources": source_items(self["sources"]),
        }
