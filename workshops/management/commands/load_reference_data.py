from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners import services as partners_services
from partners.services import ReferenceDataError
from workshops import services as workshops_services


class Command(BaseCommand):
    help = (
        "Load or update the reference data from partners/data and workshops/data: countries, "
        "AU suspensions, organisations, memberships, thematic areas, target organisation types; "
        "then that of the apps above workshops (lessons/data: lesson categories). "
        "Safe to run again: rows that match their data file are not saved."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                loaded = [
                    *partners_services.load_reference_data(),
                    *workshops_services.load_vocabularies(),
                    *workshops_services.load_reference_data_of_apps_above(),
                ]
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error

        if options["verbosity"] >= 2:
            for each in loaded:
                self.stdout.write(
                    f"{each.what}: {each.created} created, {each.updated} updated, "
                    f"{each.unchanged} unchanged."
                )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Reference data: {', '.join(str(each) for each in loaded)}.")
