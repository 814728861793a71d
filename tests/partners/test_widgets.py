"""The search-as-you-type widget: a select of the chosen rows only, labels read once."""

import re

import pytest
from django import forms

from partners.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from partners.models import Organisation
from ssrportal.widgets import SearchSelect, prime_labels
from tests import factories

pytestmark = pytest.mark.django_db

EN_DASH = "\N{EN DASH}"


class OrganiserForm(forms.Form):
    organisation = OrganisationChoiceField(can_add=True)


class PartnersForm(forms.Form):
    partners = OrganisationMultipleChoiceField(required=False)


def options(html: str) -> list[str]:
    return re.findall(r"<option[^>]*>([^<]*)</option>", html)


def test_an_unbound_field_renders_no_organisation_and_no_query(django_assert_num_queries):
    form = OrganiserForm()

    with django_assert_num_queries(0):
        html = str(form["organisation"])

    assert options(html) == []
    assert 'data-search-url="/partners/organisations/search/"' in html
    assert 'data-create-url="/partners/organisations/new/"' in html
    assert 'data-search-select="single"' in html


def test_the_chosen_organisation_is_the_only_option_with_its_parent(django_assert_num_queries):
    ecowas_paps = factories.organisation("PAPS", parent="ECOWAS")
    form = OrganiserForm(data={"organisation": ecowas_paps.pk})
    assert form.is_valid()

    # The label of the chosen row (validation read it already, through the queryset).
    with django_assert_num_queries(1):
        html = str(form["organisation"])

    assert options(html) == [f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS)"]
    assert f'value="{ecowas_paps.pk}" selected' in html
    assert Organisation.objects.count() > 40


def test_validation_stays_the_queryset_s():
    form = OrganiserForm(data={"organisation": "999999"})

    assert not form.is_valid()
    assert form.errors["organisation"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_an_optional_field_offers_an_empty_choice_without_javascript():
    form = PartnersForm(data={"partners": [factories.organisation("EU").pk]})
    single = forms.Form()
    single.fields["organisation"] = OrganisationChoiceField(required=False)

    assert options(str(form["partners"])) == [f"EU {EN_DASH} European Union"]
    assert options(str(single["organisation"])) == ["—"]


def test_prime_labels_reads_fifty_rows_labels_in_one_query(django_assert_num_queries):
    factories.OrganisationFactory.create_batch(10, parent=factories.organisation("ECOWAS"))
    chosen = list(Organisation.objects.order_by("-pk")[:50])
    formset_class = forms.formset_factory(OrganiserForm, extra=0)
    formset = formset_class(initial=[{"organisation": org.pk} for org in chosen])

    with django_assert_num_queries(1):
        prime_labels(formset.forms, "organisation")
        html = "".join(str(form["organisation"]) for form in formset.forms)

    assert len(options(html)) == 50
    assert options(html)[0] == chosen[0].label


def test_static_choices_work_without_a_queryset():
    widget = SearchSelect(search_url="/somewhere/")
    widget.choices = [("fr", "French"), ("pt", "Portuguese")]

    html = widget.render("language", "pt")

    assert options(html) == ["—", "Portuguese"]
    assert 'data-search-url="/somewhere/"' in html


def test_the_widget_brings_tom_select_and_its_script():
    media = str(OrganiserForm().media)

    assert "vendor/tom-select/tom-select.complete.min.js" in media
    assert "js/search-select.js" in media
    assert "vendor/tom-select/tom-select.bootstrap5.min.css" in media


def test_the_participant_form_lists_no_organisation(client, secretariat_user):
    event = factories.EventFactory()
    client.force_login(secretariat_user)

    page = client.get(f"/workshops/{event.pk}/participants/").content.decode()

    assert page.count('data-search-url="/partners/organisations/search/"') == 2
    assert "Economic Community of West African States" not in page
    assert "js/search-select.js" in page


def test_a_participant_added_with_an_organisation_picked_by_search(client, secretariat_user):
    event = factories.EventFactory()
    person = factories.PersonFactory(full_name="Aminata Coulibaly")
    ecowas_paps = factories.organisation("PAPS", parent="ECOWAS")
    client.force_login(secretariat_user)

    response = client.post(
        f"/workshops/{event.pk}/participants/add/",
        {"person": person.pk, "organisation": ecowas_paps.pk, "role": "participant"},
    )

    assert response.status_code == 302
    assert event.participants.get().organisation == ecowas_paps
