"""Inline rows whose order matters, shared by the event and mandate forms.

A record's page holds one main form and several formsets of rows (objectives, organisers...).
Rows keep their order through Django's ORDER field: static/js/formsets.js moves rows and
renumbers it; with JavaScript off it is a number input. Removing a row ticks its DELETE box.
Choice lists are read once per formset, whatever the number of rows, so a page costs the same
number of queries for 1 objective or 50.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.forms.utils import ErrorDict
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ssrportal.widgets import prime_labels
from workshops import versions
from workshops.choices import Choices, collation_key


def share_choices(objects, *fields: forms.ModelChoiceField, sort: bool = True) -> None:
    """Give model choice fields a list read once instead of a query each, sorted by label.

    Validation still goes through each field's queryset.
    """
    objects = list(objects)
    for field in fields:
        labelled = [(obj.pk, field.label_from_instance(obj)) for obj in objects]
        if sort:
            labelled.sort(key=lambda choice: collation_key(str(choice[1])))
        empty = [("", field.empty_label)] if getattr(field, "empty_label", None) else []
        field.choices = empty + labelled


def use_choices(choices: Choices, *fields: forms.ModelChoiceField) -> None:
    """Give model choice fields a list read from the cache (workshops.choices) instead of a
    query each. Validation still goes through each field's queryset."""
    for field in fields:
        empty = [("", field.empty_label)] if getattr(field, "empty_label", None) else []
        field.choices = empty + choices


class IdList(models.Aggregate):
    """A group's ids as one text, "3,7,12": GROUP_CONCAT, or STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def with_related_ids(queryset: models.QuerySet, *names: str) -> models.QuerySet:
    """Each row with ``<name>_ids``, the ids of its many-to-many ``name``, in the same query
    (a prefetch would cost a query per relation)."""
    for name in names:
        field = queryset.model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        ids = (
            through.objects.filter(**{source: models.OuterRef("pk")})
            .values(source)
            .annotate(ids=IdList(target))
            .values("ids")
        )
        queryset = queryset.annotate(**{f"{name}_ids": models.Subquery(ids)})
    return queryset


def related_ids(instance: models.Model, name: str) -> list[int]:
    """The ids of ``instance``'s many-to-many ``name``: from with_related_ids, else queried."""
    if instance._state.adding:
        return []
    if not hasattr(instance, f"{name}_ids"):
        return list(getattr(instance, name).values_list("pk", flat=True))
    text = getattr(instance, f"{name}_ids") or ""
    return sorted(int(pk) for pk in text.split(",") if pk)


def saved_text_rows(instance: models.Model, **relations: str) -> dict[str, list]:
    """The saved rows of several numbered-text relations of ``instance`` (prefix -> related
    name, each row with a position and a text), read in one query, in their order."""
    if instance._state.adding:
        return {}
    parts = []
    for prefix, name in relations.items():
        manager = getattr(instance, name)
        parts.append(
            manager.annotate(prefix=models.Value(prefix, output_field=models.CharField()))
            .order_by()
            .values_list("prefix", "pk", "position", "text")
        )
    rows = {prefix: [] for prefix in relations}
    for prefix, pk, position, text in parts[0].union(*parts[1:], all=True):
        model = getattr(instance, relations[prefix]).model
        fk = getattr(instance, relations[prefix]).field.attname
        rows[prefix].append(
            model.from_db(
                instance._state.db,
                ["id", "position", "text", fk],
                [pk, position, text, instance.pk],
            )
        )
    for saved in rows.values():
        saved.sort(key=lambda row: (row.position, row.pk))
    return rows


def labelled(label, message) -> str:
    """A message of the error summary, after the name of its field ("Title: ...")."""
    return _("%(label)s: %(message)s") % {"label": label, "message": message}


def field_anchor(bound_field) -> str:
    """The id to link to a field from the error summary (a group of boxes has no input id)."""
    return bound_field.id_for_label or f"div_{bound_field.auto_id}"


def row_helper(*fields, label_class: str = "") -> FormHelper:
    """The crispy layout of one row: its fields, hidden ones included, and no <form> tag."""
    helper = FormHelper()
    helper.label_class = label_class
    helper.form_tag = False
    helper.disable_csrf = True
    helper.render_hidden_fields = True
    # The page's head loads the formsets' media once, not each of its rows.
    helper.include_media = False
    helper.layout = Layout(*fields)
    return helper


class RowForm(forms.ModelForm):
    """One row of a formset.

    A new row that only got a position (the script numbers every row) counts as untouched, and
    uniqueness among rows is checked by the formset against what is submitted, not against the
    rows saved before: the save replaces them all.
    """

    helper = row_helper()

    def has_changed(self):
        return any(
            name not in (ORDERING_FIELD_NAME, DELETION_FIELD_NAME) for name in self.changed_data
        )

    def validate_unique(self):
        pass


class _ExistingRowField(forms.ModelChoiceField):
    """The hidden id of a saved row: one of this record's rows, found without a query."""

    def __init__(self, rows: dict, **kwargs):
        self.rows = rows
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        row = self.rows.get(str(value))
        if row is None:
            raise ValidationError(
                _("This row was removed by someone else meanwhile. Reload the page."),
                code="invalid_choice",
            )
        return row


class OrderedRowsFormSet(forms.BaseInlineFormSet):
    """Rows of a record that are added, removed and moved, saved in the submitted order.

    Subclasses name a row (``row_name``, used in labels and messages), the fields whose choices
    every row shares (``shared_choice_fields``), and the fields no two rows may repeat
    (``distinct_fields`` with ``duplicate_message``).
    """

    row_name = _("row")
    add_label = _("Add a row")
    shared_choice_fields: tuple[str, ...] = ()
    # Fields chosen by typing (ssrportal.widgets.SearchSelect): their labels are read for
    # every row in one query (see FormWithRows).
    searched_fields: tuple[str, ...] = ()
    distinct_fields: tuple[str, ...] = ()
    duplicate_message = _("This row repeats another one.")
    # One empty row to start with: "Add" gives more (each row weighs some 3-6 KB of HTML).
    extra_when_empty = 1
    extra_when_filled = 1

    def __init__(self, *args, saved_rows: list | None = None, **kwargs):
        self.saved_rows = saved_rows
        super().__init__(*args, **kwargs)
        self._shared_choices: dict[str, list] = {}
        if not self.is_bound:
            has_rows = not self.instance._state.adding and len(self.get_queryset()) > 0
            self.extra = self.extra_when_filled if has_rows else self.extra_when_empty

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[ORDERING_FIELD_NAME].label = _("Position")
        form.fields[ORDERING_FIELD_NAME].widget.attrs.update({"min": 1, "class": "formset-order"})
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = _("Remove")
        pk_name = self.model._meta.pk.name
        pk_field = form.fields[pk_name]
        form.fields[pk_name] = _ExistingRowField(
            self._existing_rows,
            queryset=self.model._default_manager.none(),
            initial=pk_field.initial,
            required=pk_field.required,
            widget=forms.HiddenInput,
        )
        for name in self.shared_choice_fields:
            field = form.fields[name]
            if name not in self._shared_choices:
                self.share_choices(name, field)
                self._shared_choices[name] = field.choices
            else:
                field.choices = self._shared_choices[name]

    def share_choices(self, name: str, field: forms.ModelChoiceField) -> None:
        """Give the first row's ``name`` field its choices (the other rows get the same list)."""
        share_choices(list(field.queryset), field)

    def get_queryset(self):
        """The saved rows: given by the page (``saved_rows``, read with others), else queried."""
        if self.saved_rows is not None:
            return self.saved_rows
        return super().get_queryset()

    @cached_property
    def _existing_rows(self) -> dict:
        if self.instance._state.adding:
            return {}
        return {str(row.pk): row for row in self.get_queryset()}

    def _existing_object(self, pk):
        return self._existing_rows.get(str(pk))

    def clean(self):
        """Every saved row must come back, kept or marked to remove: a list sent without some
        of them (a crafted TOTAL_FORMS=0, a page cut short) would delete them silently."""
        super().clean()
        if not self.is_bound or self.instance._state.adding:
            return
        key = self.model._meta.pk.name
        sent = {str(self.data.get(f"{form.prefix}-{key}", "")) for form in self.forms}
        if set(self._existing_rows) - sent:
            raise ValidationError(
                _(
                    "This list came back without some of its saved rows: nothing was saved. "
                    "Reload the page and make your changes again."
                ),
                code="rows_missing",
            )

    def validate_unique(self):
        """Flag, on the row itself, a row that repeats another's ``distinct_fields``."""
        if not self.distinct_fields:
            return
        seen = set()
        for form in self.ordered_forms:
            key = tuple(form.cleaned_data.get(name) for name in self.distinct_fields)
            if None in key or "" in key:
                continue
            if key in seen:
                form.add_error(None, self.duplicate_message)
            seen.add(key)

    @property
    def ordered_forms(self):
        """The rows kept (not removed, not left empty), in the submitted order; after validation."""
        if not hasattr(self, "_kept"):
            kept = []
            for index, form in enumerate(self.forms):
                if index >= self.initial_form_count() and not form.has_changed():
                    continue
                if self._should_delete_form(form):
                    continue
                order = form.cleaned_data.get(ORDERING_FIELD_NAME) if form.is_valid() else None
                kept.append((order is None, order or 0, index, form))
            self._kept = [entry[-1] for entry in sorted(kept, key=lambda e: e[:3])]
        return self._kept

    @property
    def forms_in_order(self) -> list:
        """The rows as the officer left them: by the submitted position, else as saved."""

        def position(entry):
            index, form = entry
            if not self.is_bound:
                return (0, index, index)
            raw = form[ORDERING_FIELD_NAME].data
            try:
                return (0, int(raw), index)
            except (TypeError, ValueError):
                return (1, 0, index)

        return [form for _index, form in sorted(enumerate(self.forms), key=position)]

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) for the summary at the top of the page, in the rows' order."""
        entries = [(f"{self.prefix}-section", str(error)) for error in self.non_form_errors()]
        number = 0
        for form in self.forms_in_order:
            if self.is_bound and self._should_delete_form(form):
                continue
            number += 1
            for name, errors in form.errors.items():
                row = {"row": self.row_name, "number": number}
                if name == NON_FIELD_ERRORS or form.fields[name].widget.is_hidden:
                    anchor = f"{form.prefix}-row"
                    label = _("%(row)s %(number)s") % row
                else:
                    anchor = field_anchor(form[name])
                    label = _("%(row)s %(number)s, %(field)s") % {
                        **row,
                        "field": form.fields[name].label,
                    }
                entries.extend((anchor, labelled(capfirst(label), error)) for error in errors)
        return entries


def text_items(formset: OrderedRowsFormSet) -> list[tuple[int | None, str]]:
    """A valid formset's numbered texts in order: (id of the saved item or None, text)."""
    items = []
    for form in formset.ordered_forms:
        row = form.cleaned_data.get("id")
        items.append((row.pk if row else None, form.cleaned_data["text"]))
    return items


def ordered_formset(parent_model, model, form, formset=OrderedRowsFormSet, **kwargs):
    """An inline formset class of ``parent_model``'s ``model`` rows, ordered and removable."""
    return forms.inlineformset_factory(
        parent_model,
        model,
        form=form,
        formset=formset,
        fields=form._meta.fields,
        can_order=True,
        can_delete=True,
        max_num=200,
        validate_max=True,
        **kwargs,
    )


class FormWithRows:
    """A record's main form and its formsets of rows, validated and shown together.

    Subclasses set ``form_class`` and ``formset_classes`` (prefix -> formset class).
    """

    form_class: type[forms.ModelForm]
    formset_classes: dict[str, type[OrderedRowsFormSet]] = {}

    def __init__(self, data=None, *, instance, initial=None, **form_kwargs):
        self.instance = instance
        # The version the record has now (it was just read), and the one the form was opened
        # at (workshops/versions.py).
        self.loaded_version = versions.version_of(instance)
        self.sent_version = data.get(versions.FIELD, "") if data is not None else None
        self.stale_changes: list[str] | None = None
        self.form = self.form_class(data, instance=instance, initial=initial, **form_kwargs)
        saved = self.saved_rows()
        self.formsets = {
            prefix: formset_class(
                data, instance=instance, prefix=prefix, saved_rows=saved.get(prefix)
            )
            for prefix, formset_class in self.formset_classes.items()
        }
        for formset in self.formsets.values():
            for name in formset.searched_fields:
                prime_labels(formset.forms, name)

    @property
    def media(self) -> forms.Media:
        """What the widgets of the form and of every row need (the search-as-you-type)."""
        media = self.form.media
        for formset in self.formsets.values():
            media += formset.empty_form.media
        return media

    def saved_rows(self) -> dict[str, list]:
        """Saved rows read together for some formsets (prefix -> rows); the others query."""
        return {}

    def __getitem__(self, prefix):
        return self.formsets[prefix]

    @property
    def version_input(self) -> str:
        """The hidden input that carries the version the form was opened at."""
        return versions.hidden_input(
            self.sent_version if self.sent_version is not None else self.loaded_version
        )

    @property
    def is_stale(self) -> bool:
        """Sent from a form opened before the record's last save."""
        return (
            self.form.is_bound
            and self.instance.pk is not None
            and self.sent_version != self.loaded_version
        )

    def refuse_as_stale(self) -> None:
        """Say who saved what since the form was opened, and nothing else: the rows' own
        checks would only repeat it (a row the other save replaced is "missing")."""
        self.stale_changes = versions.changes_since(self.instance, self.sent_version or "")
        self.form.full_clean()
        self.form._errors = ErrorDict()
        for formset in self.formsets.values():
            formset.full_clean()
            formset._non_form_errors = formset.error_class()
            for form in formset.forms:
                form._errors = ErrorDict()

    def is_valid(self) -> bool:
        if self.is_stale:
            self.refuse_as_stale()
            return False
        # Every part is checked, so that all the messages show at once.
        return all([self.form.is_valid()] + [f.is_valid() for f in self.formsets.values()])

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) for every error, in the order of the page."""
        entries = [("main-form", str(error)) for error in self.form.non_field_errors()]
        for name, errors in self.form.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            label = self.form.fields[name].label
            entries.extend((field_anchor(self.form[name]), labelled(label, e)) for e in errors)
        for formset in self.formsets.values():
            entries.extend(formset.error_list())
        return entries
