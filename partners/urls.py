from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/search/", views.organisation_search, name="organisation_search"),
    path("countries/search/", views.country_search, name="country_search"),
    path("organisations/new/", views.OrganisationAddView.as_view(), name="organisation_add"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "people/<int:pk>/account/",
        views.person_create_account,
        name="person_create_account",
    ),
]
