"""The floor of the page benchmark: a bare Django view, one query and a tiny template, on the
portal's database, served by gunicorn with the same settings as the portal
(``gunicorn bench.floor:application``). No page of the portal can be faster than this one on
this machine: bench/pages.py reports each page's figures beside it and as a ratio to it.
"""

import os

import environ
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

TEMPLATE = Engine().from_string("<!doctype html><title>floor</title><p>{{ name }}</p>")


def floor(request):
    """One query, as small as a page's can be, and a template of one line."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM partners_organisation ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    return HttpResponse(TEMPLATE.render(Context({"name": row[0] if row else ""})))


urlpatterns = [path("", floor)]

if not settings.configured:
    database = environ.Env().db_url("DATABASE_URL")
    database["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    database["CONN_HEALTH_CHECKS"] = True
    settings.configure(
        DEBUG=False,
        SECRET_KEY="floor-of-the-page-benchmark",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        DATABASES={"default": database},
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
    )

application = get_wsgi_application()
