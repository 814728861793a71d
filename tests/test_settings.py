"""The settings and project checks that a deployment and CI rely on, run as a user runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # As a deployment starts: without our test-only variables (the browser tests set one).
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_prints_no_warning():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x7!k2-production-like-secret-key-with-enough-length-and-variety-9q",
        ALLOWED_HOSTS="ssr.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_missing_secret_key_stops_start_up_with_a_sentence():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="ssr.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set. Set SECRET_KEY to a long random string" in result.stderr


def test_missing_allowed_hosts_stops_start_up_with_a_sentence():
    result = manage("check", DEBUG="0", SECRET_KEY="s" * 60, ALLOWED_HOSTS="")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set." in result.stderr


def test_manage_py_in_a_bare_shell_checks_the_migrations():
    result = manage("makemigrations", "--check", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
