"""Events: create and edit on one page with the event's rows, and duplicate an event."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin

from ssrportal.access import predicate_required
from workshops import services
from workshops.forms import EventForms
from workshops.forms.ordered import with_related_ids
from workshops.models import Event
from workshops.permissions import EditorRequired, can_edit_workshops

from .record_form import SavesRecordWithRows


class EventFormView(EditorRequired, SavesRecordWithRows, TemplateResponseMixin, View):
    """/workshops/new/ and /workshops/<id>/edit/: the event, its rows, saved all at once.

    The page leaves out the empty row of each list (eight of them weighed some 40 KB):
    ``?row=<prefix>`` answers that row alone, which static/js/formsets.js asks for on the first
    "Add" of a list.
    """

    template_name = "workshops/event_form.html"
    created_message = gettext_lazy("Event created.")

    def get_event(self) -> Event:
        if "pk" not in self.kwargs:
            return Event()
        return get_object_or_404(
            with_related_ids(
                Event.objects.all(), "target_countries", "thematic_areas", "served_objectives"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        event = self.get_event()
        # ?mandate= lists that mandate's objectives (asked by htmx when the mandate changes).
        initial = {"mandate": request.GET["mandate"]} if "mandate" in request.GET else None
        forms = EventForms(instance=event, initial=initial, refresh_url=request.path)
        if "row" in request.GET:
            return self.empty_row(forms, request.GET["row"])
        return self.show(forms)

    def empty_row(self, forms: EventForms, prefix: str):
        formset = forms.formsets.get(prefix)
        if formset is None:
            raise Http404(_("This form has no such list."))
        return render(
            self.request,
            "workshops/includes/formset_row.html",
            {"form": formset.empty_form, "formset": formset, "number": ""},
        )

    def post(self, request, *args, **kwargs):
        event = self.get_event()

        def save(forms, version):
            services.save_event(
                event=event, **forms.service_arguments(), version=version, by=request.user
            )

        forms = EventForms(request.POST, instance=event, refresh_url=request.path)
        return self.saved_or_shown(forms, save, detail="workshops:detail")

    def show(self, forms: EventForms, status: int = 200):
        return self.render_to_response(
            {"forms": forms, "form": forms.form, "event": forms.instance, "lazy_rows": True},
            status=status,
        )


@predicate_required(can_edit_workshops)
@require_POST
def duplicate_event(request, pk):
    """Copy an event to plan the next meeting of a series, then edit the copy; with
    ``next_in_series`` ticked, the copy is linked as the next of the series."""
    event = get_object_or_404(Event, pk=pk)
    copy = services.duplicate_event(
        event=event, by=request.user, next_in_series=bool(request.POST.get("next_in_series"))
    )
    messages.success(request, _("Copy created: set its dates."))
    return redirect("workshops:edit", pk=copy.pk)
