"""CSV and XLSX import and export of the directory (django-import-export), used by the admin.

Rows are matched to existing records by a natural key, never by database id, so a file edited in
a spreadsheet, or sent by a REC, updates the directory instead of duplicating it: organisations by
acronym and parent (by name when there is no acronym), people by e-mail whatever its case (by name
and organisation when there is none). Related records are named the same way: a parent by its
acronym, a country by its ISO code.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from .models import Country, Organisation, Person


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as a code (an acronym, an ISO code), matched whatever its case."""

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {f"{self.field}__iexact": value.strip()}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.MultipleObjectsReturned:
            raise ValueError(
                _("Several records have the code “%(value)s”: edit this row in the admin.")
                % {"value": value}
            ) from None
        except self.model.DoesNotExist:
            # A ValueError becomes a validation error on the row, shown in the preview.
            raise ValueError(
                _("No %(model)s has the code “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


def single_match(queryset, field: str):
    """The one record of ``queryset``, None when there is none; an error on ``field`` if several."""
    matches = list(queryset[:2])
    if len(matches) > 1:
        raise ValidationError(
            {
                field: _(
                    "Several records match this row; give it a unique key, or edit it in the admin."
                )
            }
        )
    return matches[0] if matches else None


class DirectoryResource(resources.ModelResource):
    """Shared habits: cells are trimmed, rows go through the model's validation."""

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = value.strip()


class OrganisationResource(DirectoryResource):
    parent = fields.Field(
        attribute="parent",
        column_name="parent_acronym",
        widget=NaturalKeyWidget(Organisation, field="acronym"),
    )
    headquarters = fields.Field(
        attribute="headquarters",
        column_name="headquarters_iso2",
        widget=NaturalKeyWidget(Country, field="iso2"),
    )

    class Meta:
        model = Organisation
        fields = (
            "acronym",
            "name",
            "name_fr",
            "kind",
            "parent",
            "headquarters",
            "website",
            "description",
            "active",
            "note",
            "name_pt",
            "acronym_fr",
            "acronym_pt",
        )
        import_id_fields = ("acronym",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        name = _("Organisations")

    def get_instance(self, instance_loader, row):
        acronym = row.get("acronym") or ""
        if acronym:
            # Two organisations may share an acronym under different parents (PAPS).
            parent = row.get("parent_acronym") or ""
            same = Organisation.objects.filter(acronym__iexact=acronym)
            if parent:
                same = same.filter(parent__acronym__iexact=parent)
            return single_match(same, "acronym")
        name = row.get("name") or ""
        if not name:
            return None
        return single_match(Organisation.objects.filter(acronym="", name__iexact=name), "name")

    def get_queryset(self):
        return super().get_queryset().select_related("parent", "headquarters")


class PersonResource(DirectoryResource):
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation_acronym",
        widget=NaturalKeyWidget(Organisation, field="acronym"),
    )

    class Meta:
        model = Person
        fields = (
            "email",
            "title",
            "full_name",
            "position",
            "organisation",
            "phone",
            "preferred_language",
            "is_focal_point",
            "note",
        )
        import_id_fields = ("email",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        name = _("People")

    def get_instance(self, instance_loader, row):
        email = row.get("email") or ""
        if email:
            return Person.objects.filter(email__iexact=email).first()
        full_name = row.get("full_name") or ""
        if not full_name:
            return None
        people = Person.objects.filter(email="", full_name__iexact=full_name)
        acronym = row.get("organisation_acronym") or ""
        if acronym:
            people = people.filter(organisation__acronym__iexact=acronym)
        return single_match(people, "full_name")

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")
