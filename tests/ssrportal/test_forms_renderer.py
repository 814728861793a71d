"""The portal's form renderer writes selects as Django's templates do, faster."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from ssrportal.forms_renderer import PortalFormRenderer


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("ml", "Mali"), ("ci", "Côte d'Ivoire")])
    grouped = forms.ChoiceField(
        choices=[
            ("Africa", [("Africa/Bamako", "Africa/Bamako"), ("Africa/Dakar", "<Dakar> & co")]),
            ("Other", [("UTC", "UTC")]),
        ]
    )
    several = forms.MultipleChoiceField(
        choices=[(1, "Défense"), (2, mark_safe("<b>Police</b>")), (3, 'Say "justice"')],
        widget=forms.SelectMultiple(attrs={"data-x": 'a"b', "disabled": True, "hidden": False}),
    )
    number = forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"plain": "ci", "grouped": "Africa/Dakar", "several": ["1", "3"], "number": "2"},
        {"plain": "<script>", "several": ["2"]},
    ],
)
def test_selects_are_the_same_html_as_djangos_templates(data):
    form = Everything(data or None, initial={"plain": "ml"})
    for name in form.fields:
        ours = form[name].as_widget()
        form.renderer = DjangoTemplates()
        theirs = form[name].as_widget()
        form.renderer = PortalFormRenderer()
        assert ours == theirs, name


def test_a_label_is_escaped_once():
    form = Everything(renderer=PortalFormRenderer())

    html = str(form["grouped"])

    assert "&lt;Dakar&gt; &amp; co" in html
    assert "Côte d&#x27;Ivoire" in str(form["plain"])
