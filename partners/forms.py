"""Forms of the directory's pages: the organisation picker, and adding a missing organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ssrportal.widgets import SearchSelect, SearchSelectMultiple

from .models import Country, Organisation
from .models.organisation import OrganisationKind
from .search import labelled

SEARCH_URL = "partners:organisation_search"
ADD_URL = "partners:organisation_add"


class OrganisationChoiceField(forms.ModelChoiceField):
    """An organisation found by typing, labelled with its parent: "PAPS – Political Affairs,
    Peace and Security (ECOWAS)". ``can_add=True`` offers to add a missing one in place."""

    def __init__(self, queryset=None, *, can_add: bool = False, **kwargs):
        kwargs.setdefault(
            "widget", SearchSelect(search_url=SEARCH_URL, create_url=ADD_URL if can_add else "")
        )
        super().__init__(queryset=labelled() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, organisation):
        return organisation.label


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several organisations found by typing (see OrganisationChoiceField)."""

    def __init__(self, queryset=None, *, can_add: bool = False, **kwargs):
        kwargs.setdefault(
            "widget",
            SearchSelectMultiple(search_url=SEARCH_URL, create_url=ADD_URL if can_add else ""),
        )
        super().__init__(queryset=labelled() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, organisation):
        return organisation.label


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, country):
        return country.name


class OrganisationAddForm(forms.ModelForm):
    """A missing organisation: name, acronym, kind, parent, headquarters country. ``confirm``
    (the "Add it as a new organisation" button) says the officer has seen the look-alikes and
    still wants a new one."""

    parent = OrganisationChoiceField(
        required=False,
        label=_("Part of"),
        help_text=_("For a department: its organisation, e.g. ECOWAS for ECOWAS's PAPS."),
    )
    headquarters = CountryChoiceField(
        queryset=Country.objects.order_by("name_en"),
        required=False,
        label=_("Headquarters country"),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "parent", "headquarters"]
        help_texts = {"acronym": _("As the organisation writes it, e.g. ECOWAS.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "---------"), *OrganisationKind.choices]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_acronym(self):
        return self.cleaned_data["acronym"].strip()

    def clean(self):
        cleaned_data = super().clean()
        acronym, parent = cleaned_data.get("acronym"), cleaned_data.get("parent")
        if acronym and "parent" not in self.errors:
            same = Organisation.objects.filter(acronym__iexact=acronym, parent=parent)
            taken = labelled(same).first()
            if taken is not None:
                self.add_error(
                    "acronym",
                    _(
                        "%(organisation)s already has this acronym. Choose it instead, or give "
                        "the organisation this one is part of."
                    )
                    % {"organisation": taken.label},
                )
        return cleaned_data

    def validate_unique(self):
        # clean() said it next to the field; the constraints would say it again, less clearly.
        if "acronym" not in self.errors:
            super().validate_unique()
