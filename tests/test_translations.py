"""The French catalog: complete, well formed, and used by the admin."""

import subprocess

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

FRENCH_PO = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
FRENCH_MO = FRENCH_PO.with_suffix(".mo")


def test_french_catalog_has_no_untranslated_or_fuzzy_entry():
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(FRENCH_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "translated message" in output
    assert "untranslated" not in output
    assert "fuzzy" not in output


def test_admin_index_in_french(client, admin_user):
    assert FRENCH_MO.exists() and FRENCH_MO.stat().st_mtime >= FRENCH_PO.stat().st_mtime, (
        "compile the catalogs first: manage.py compilemessages (make test does)"
    )
    client.force_login(admin_user)

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    page = response.content.decode()
    for app_name in ("Annuaire des partenaires", "Ateliers et mandats", "Enseignements identifiés"):
        assert app_name in page
    for model_name in ("Organisations", "Événements", "Mandats"):
        assert model_name in page
    assert "Portail de coordination de la RSS" in page
    assert "Partner directory" not in page
