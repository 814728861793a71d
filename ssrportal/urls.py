from django.contrib import admin
from django.urls import include, path

from workshops.urls import mandate_patterns

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workshops/", include("workshops.urls")),
    path("mandates/", include(mandate_patterns)),
    path("lessons/", include("lessons.urls")),
    path("partners/", include("partners.urls")),
    path("admin/", admin.site.urls),
]
