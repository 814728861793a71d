"""Search-as-you-type choices among thousands of rows (organisations, events, people).

``SearchSelect`` and ``SearchSelectMultiple`` render a plain ``<select>`` that holds only the
chosen option(s), never every row of the field's queryset. static/js/search-select.js turns it
into a Tom Select that asks ``search_url?q=...`` for options as the user types, answered as
``{"results": [{"value": "12", "text": "ECOWAS – ...", "detail": "REC"}]}`` (see
``search_results``). With a ``create_url`` it also offers "Add “typed text”…", which opens that
page's form in a modal and chooses the new row when it is saved. Without JavaScript the select
still submits what was chosen. The field (a ModelChoiceField) validates as usual, against its
queryset.

Labels of the chosen rows cost one query per rendered field; ``prime_labels(forms, name)`` reads
them for every form of a formset in one query instead.

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.select_related("parent"),
        widget=SearchSelect(search_url="partners:organisation_search",
                            create_url="partners:organisation_add"),
    )
    # the template's head: {{ form.media }} (or {{ formset.media }})
"""

from collections.abc import Iterable

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ssrportal.ids import row_id

MEDIA = forms.Media(
    css={"all": ["vendor/tom-select/tom-select.bootstrap5.min.css", "css/search-select.css"]},
    js=["vendor/tom-select/tom-select.complete.min.js", "js/search-select.js"],
)


def resolve_url(url: str) -> str:
    """A URL name ("partners:organisation_search") or a path, as a path."""
    if not url or "/" in url:
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return url


def search_results(objects: Iterable, *, text=str, detail=lambda obj: "") -> dict:
    """The JSON a search endpoint answers: ``JsonResponse(search_results(rows, text=...))``."""
    return {
        "results": [
            {"value": str(obj.pk), "text": str(text(obj)), "detail": str(detail(obj) or "")}
            for obj in objects
        ]
    }


class SearchSelectMixin:
    """What SearchSelect and SearchSelectMultiple share: the data attributes, the chosen
    options only, and labels read once."""

    def __init__(self, search_url: str, create_url: str = "", attrs=None, placeholder=""):
        super().__init__(attrs)
        self.search_url = search_url
        self.create_url = create_url
        self.placeholder = placeholder
        # {value as text: label}: filled by prime_labels, or read at render time.
        self.labels: dict[str, str] | None = None

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.labels = None
        return copy

    @property
    def media(self):
        return MEDIA

    def use_required_attribute(self, initial):
        # The first option may be the chosen row, and the script manages the choice: the form's
        # validation says what is missing.
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        data = {
            "data-search-select": "multiple" if self.allow_multiple_selected else "single",
            "data-search-url": resolve_url(self.search_url),
            "data-placeholder": str(self.placeholder or _("Type to search…")),
            "data-text-no-results": str(_("Nothing found. Try another spelling or an acronym.")),
            "data-text-loading": str(_("Searching…")),
            "data-text-type-more": str(_("Type at least two letters.")),
        }
        if self.create_url:
            data["data-create-url"] = resolve_url(self.create_url)
            data["data-text-create"] = str(_("Add “{text}”…"))
        context["widget"]["attrs"].update(data)
        return context

    def chosen_values(self, value) -> list[str]:
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def labels_for(self, values: list[str]) -> dict[str, str]:
        """{value: label} of the chosen values: primed, or one query (none when none chosen)."""
        if self.labels is not None and all(v in self.labels for v in values):
            return self.labels
        if not values:
            return {}
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            return labels_of(choices.field, values)
        return {str(key): str(label) for key, label in choices if str(key) in values}

    def optgroups(self, name, value, attrs=None):
        values = self.chosen_values(value)
        labels = self.labels_for(values)
        options = []
        if not self.allow_multiple_selected and not self.is_required:
            options.append(self.create_option(name, "", "—", not values, 0, attrs=attrs))
        for index, chosen in enumerate(values, start=len(options)):
            if chosen in labels:
                options.append(
                    self.create_option(name, chosen, labels[chosen], True, index, attrs=attrs)
                )
        return [(None, options, 0)] if options else []


class SearchSelect(SearchSelectMixin, forms.Select):
    """One row, found by typing: ``SearchSelect(search_url, create_url="")``."""


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    """Several rows, found by typing: ``SearchSelectMultiple(search_url, create_url="")``."""


def labels_of(field: forms.ModelChoiceField, values: Iterable[str]) -> dict[str, str]:
    """{value: label} for ``values`` of a model choice field: one query on its queryset."""
    # A value past 64 bits cannot be a row (and SQLite cannot even compare it): none is read.
    keys = {str(value) for value in values if row_id(value) is not None}
    if not keys:
        return {}
    key = field.to_field_name or "pk"
    rows = field.queryset.filter(**{f"{key}__in": keys})
    return {str(getattr(row, key)): str(field.label_from_instance(row)) for row in rows}


def prime_labels(forms_: Iterable[forms.BaseForm], field_name: str) -> None:
    """Read the labels of ``field_name``'s chosen values in every form (a formset's rows) in
    one query, so that rendering 50 rows does not cost 50 queries."""
    forms_ = [form for form in forms_ if field_name in form.fields]
    if not forms_:
        return
    chosen = {}
    for form in forms_:
        widget = form.fields[field_name].widget
        chosen[form] = widget.chosen_values(form[field_name].value())
    labels = labels_of(
        forms_[0].fields[field_name], {v for values in chosen.values() for v in values}
    )
    for form in forms_:
        form.fields[field_name].widget.labels = labels
