"""The portal's form renderer: Django's, with ``<select>`` elements written in Python.

Django renders each ``<option>`` of a select through two templates of its own (the option and
its attributes): the 56 countries and 18 thematic areas of the event list's filters cost more
than its 25 rows. ``render_select`` writes the same HTML as ``django/forms/widgets/select.html``
(tests/ssrportal/test_forms_renderer.py compares them), escaped by ``format_html``; every other
widget keeps its template. In settings: ``FORM_RENDERER``.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def render_attrs(attrs: dict) -> str:
    """As ``django/forms/widgets/attrs.html``: False leaves the attribute out, True writes its
    name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return "".join(parts)


def render_option(option: dict) -> str:
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        mark_safe(render_attrs(option["attrs"])),
        option["label"],
    )


def render_select(widget: dict) -> SafeString | None:
    """The HTML of select.html for the widget context ``widget``; None when an option has a
    template of its own."""
    attrs = mark_safe(render_attrs(widget["attrs"]))
    parts = [format_html('<select name="{}"{}>', widget["name"], attrs)]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            if option.get("template_name", OPTION_TEMPLATE) != OPTION_TEMPLATE:
                return None  # an option of its own template: left to the templates
            # select_option.html ends with a new line, which Django keeps.
            parts.append("\n  " + render_option(option) + "\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    # Every part is format_html's (escaped) or a literal of this function.
    return mark_safe("".join(parts))


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
