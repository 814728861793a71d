"""Mandates: create and edit with their ordered outputs, outcome objectives and sources."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin

from workshops import services
from workshops.forms import MandateForm, MandateForms
from workshops.forms.ordered import with_related_ids
from workshops.models import Mandate
from workshops.permissions import EditorRequired
from workshops.versions import StaleRecord


class MandateFormView(EditorRequired, TemplateResponseMixin, View):
    """/mandates/new/ and /mandates/<id>/edit/: the mandate and its lists, saved all at once."""

    template_name = "workshops/mandate_form.html"

    def get_mandate(self) -> Mandate:
        if "pk" not in self.kwargs:
            return Mandate()
        return get_object_or_404(
            with_related_ids(Mandate.objects.all(), *MandateForm.related_fields),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.show(MandateForms(instance=self.get_mandate()))

    def post(self, request, *args, **kwargs):
        mandate = self.get_mandate()
        forms = MandateForms(request.POST, instance=mandate)
        if not forms.is_valid():
            return self.show(forms, status=409 if forms.is_stale else 200)
        adding = mandate._state.adding
        try:
            services.save_mandate(
                mandate=mandate,
                **forms.service_arguments(),
                version=forms.sent_version if not adding else None,
                by=request.user,
            )
        except StaleRecord:  # saved by someone else between the check and the lock
            forms.refuse_as_stale()
            return self.show(forms, status=409)
        if adding:
            messages.success(request, _("Mandate created."))
        else:
            messages.success(request, _("Changes saved."))
        return redirect("mandates:detail", pk=mandate.pk)

    def show(self, forms: MandateForms, status: int = 200):
        return self.render_to_response(
            {"forms": forms, "form": forms.form, "mandate": forms.instance}, status=status
        )
