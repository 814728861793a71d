"""Fill Organisation.search_names for the rows that existed before it: their own names."""

from django.db import migrations

from ssrportal.text import plain

FIELDS = ("acronym", "acronym_fr", "acronym_pt", "name", "name_fr", "name_pt")


def fill_search_names(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    for organisation in Organisation.objects.all():
        names = dict.fromkeys(plain(getattr(organisation, field)) for field in FIELDS)
        names.pop("", None)
        organisation.search_names = "|" + "|".join(names) + "|" if names else ""
        organisation.save(update_fields=["search_names"])


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_organisation_names_and_successors")]

    operations = [migrations.RunPython(fill_search_names, migrations.RunPython.noop)]
