"""Mandates: create and edit with their ordered outputs, outcome objectives and sources."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin

from workshops import services
from workshops.forms import MandateForm, MandateForms
from workshops.forms.ordered import with_related_ids
from workshops.models import Mandate
from workshops.permissions import EditorRequired

from .record_form import SavesRecordWithRows


class MandateFormView(EditorRequired, SavesRecordWithRows, TemplateResponseMixin, View):
    """/mandates/new/ and /mandates/<id>/edit/: the mandate and its lists, saved all at once."""

    template_name = "workshops/mandate_form.html"
    created_message = gettext_lazy("Mandate created.")

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

        def save(forms, version):
            services.save_mandate(
                mandate=mandate, **forms.service_arguments(), version=version, by=request.user
            )

        forms = MandateForms(request.POST, instance=mandate)
        return self.saved_or_shown(forms, save, detail="mandates:detail")

    def show(self, forms: MandateForms, status: int = 200):
        return self.render_to_response(
            {"forms": forms, "form": forms.form, "mandate": forms.instance}, status=status
        )
