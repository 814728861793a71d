from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import resolve_url

from workshops.demo import ReferenceDataMissing, load_demo_data

# `make run` serves the portal here.
BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Load the demo records of seeds 000 to 003 and one demo user per role, then print their "
        "logins. Needs load_reference_data first. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        try:
            logins = load_demo_data()
        except ReferenceDataMissing as missing:
            if "AUC" in str(missing).split(", "):
                raise CommandError("Run `python manage.py load_reference_data` first.") from None
            raise CommandError(
                f"The reference data lacks {missing}. "
                "Run `python manage.py load_reference_data` first."
            ) from None

        self.stdout.write(self.style.SUCCESS("Demo data loaded: seeds 000, 001, 002 and 003."))
        self.stdout.write(
            self.style.WARNING(
                "These are demo accounts for a local run only: never load them on a shared server."
            )
        )
        for login in logins:
            url = (
                f"{BASE_URL}/admin/"
                if login.username == "admin"
                else BASE_URL + resolve_url(settings.LOGIN_URL)
            )
            password = login.password or "(changed since it was created: not shown)"
            self.stdout.write(
                f"{login.label} login: {url}  user {login.username}  password {password}"
            )
