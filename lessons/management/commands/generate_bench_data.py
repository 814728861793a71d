from django.core.management.base import BaseCommand, CommandError

from lessons.benchdata import VOLUMES, BenchDataError, generate


class Command(BaseCommand):
    help = (
        "Generate bench data: at scale 1.0, "
        + ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in VOLUMES.items())
        + ", over 15 years in all AU Member States (lessons/benchdata). The same seed gives the "
        "same records. Needs load_reference_data first; refuses to run on a database that "
        "already holds generated data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplies every volume (default 1.0)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, **options):
        try:
            generate(scale=options["scale"], seed=options["seed"], out=self.stdout)
        except BenchDataError as error:
            raise CommandError(str(error)) from error
