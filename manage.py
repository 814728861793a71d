#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")
    # With nothing set, manage.py is the developer's tool and runs in development mode, as
    # cookiecutter-django's runs its local settings ("makemigrations --check" in a bare shell
    # stopped on the missing SECRET_KEY, then on models not loaded). A deployment sets
    # SECRET_KEY (or a .env file), and then DEBUG stays as it says: off unless set.
    if "SECRET_KEY" not in os.environ and not (Path(__file__).parent / ".env").exists():
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
