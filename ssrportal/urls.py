from django.contrib import admin
from django.urls import include, path

from workshops.urls import mandate_patterns

from . import views
from .password_reset import QueuedPasswordResetView

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Before Django's own: the reset mail leaves from a task (ssrportal/password_reset.py).
    path("accounts/password_reset/", QueuedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workshops/", include("workshops.urls")),
    path("mandates/", include(mandate_patterns)),
    path("lessons/", include("lessons.urls")),
    path("partners/", include("partners.urls")),
    path("admin/", admin.site.urls),
]
