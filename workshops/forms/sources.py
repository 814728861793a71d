"""Where a record came from: the sources rows of the mandate form and of the event form.

A source is a press release, a news item or a mandate record: its address or reference, its
headline as published, its own publication date and dateline, its language. Its publication
date is the source's, never the record's: the labels say so, and the record's dates are
elsewhere on the form.

    formset_classes = {"sources": source_formset(Event), ...}
    ...
    services.save_event(..., sources=source_items(forms["sources"]))
"""

from crispy_forms.layout import Column, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workshops.models import Source

from .dates import DateInput
from .ordered import OrderedRowsFormSet, RowForm, ordered_formset, row_helper

# A tuple: an inline formset adds its foreign key to a list of fields in place, and this form
# serves two parents (Django copies a tuple instead).
SOURCE_FIELDS = ("url", "reference", "headline", "published_on", "dateline", "language")
# What makes a source findable again; a row with none of them says nothing.
IDENTIFYING_FIELDS = ("url", "reference", "headline")


class SourceForm(RowForm):
    helper = row_helper(
        Row(Column("headline", css_class="col-md-9"), Column("language", css_class="col-md-3")),
        Row(Column("url", css_class="col-md-7"), Column("reference", css_class="col-md-5")),
        Row(
            Column("published_on", css_class="col-md-4"),
            Column("dateline", css_class="col-md-4"),
        ),
    )

    url = Source._meta.get_field("url").formfield(
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("The page or document where it was published."),
    )

    class Meta:
        model = Source
        fields = SOURCE_FIELDS
        labels = {
            "published_on": _("Published on (the source's date)"),
            "dateline": _("Dateline (city of publication)"),
            "language": _("Language of the source"),
        }
        help_texts = {
            "headline": _("The title exactly as published."),
            "published_on": _(
                "The day the press release, article or record was published. Not the date of "
                "the event or mandate: those are given above."
            ),
            "dateline": _("For example: Abuja, Bamako, Addis Ababa."),
        }
        widgets = {
            "published_on": DateInput,
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in IDENTIFYING_FIELDS) and not any(
            name in self.errors for name in IDENTIFYING_FIELDS
        ):
            raise ValidationError(
                _("Give the source's address (URL), its reference or its headline."),
                code="source_says_nothing",
            )
        return cleaned


class SourceFormSet(OrderedRowsFormSet):
    row_name = _("source")
    add_label = _("Add a source")
    extra_when_empty = 1


def source_formset(parent_model):
    """The sources formset of ``parent_model`` (Event or Mandate)."""
    return ordered_formset(parent_model, Source, SourceForm, SourceFormSet)


def source_items(formset: SourceFormSet) -> list[dict]:
    """A valid sources formset's rows in order, as services.save_sources takes them."""
    return [
        {name: form.cleaned_data[name] for name in SOURCE_FIELDS} for form in formset.ordered_forms
    ]
