"""Browser tests: Playwright drives Debian's Chromium, headless, against the live server.

Never `playwright install`: the browser is /usr/bin/chromium (apt-get install chromium).
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

# The live server and the test share the database from Playwright's event-loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct horse battery staple"
# Set to a folder to keep the pages' full-page screenshots (e.g. SCREENSHOTS=var/screenshots).
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        message = "browser tests need Debian's chromium (apt-get install chromium)"
        if settings.REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def portal(live_server, transactional_db):
    """The live portal's address, with reference data and role groups.

    A transactional test may start after another's flush, which empties every table, the groups
    of migration lessons/0003 included; the portal's pages know roles by group name.
    """
    call_command("load_reference_data", verbosity=0)
    roles = importlib.import_module("lessons.migrations.0003_create_role_groups").ROLES
    for name in roles:
        Group.objects.get_or_create(name=name)
    return live_server.url


@pytest.fixture
def csp_violations(page):
    """Console messages that report a content-security-policy violation on the page."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def sign_in(page, portal: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{portal}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{portal}/")


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    """The whole page (or what the window shows: a modal) as SCREENSHOTS/<name>.png, when
    SCREENSHOTS names a folder."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=full_page)


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the given impacts on the current page (from npm, injected)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
