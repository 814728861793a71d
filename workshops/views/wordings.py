"""The secretariat's wordings of the notices: which kind and language it has edited, and the
editor, with the placeholders beside it and a preview on a participant before saving."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ssrportal.languages import Language
from workshops.forms.notices import PreviewParticipantForm, WordingForm, recent_participant_label
from workshops.models import NoticeKind, NoticeTemplate, Participant
from workshops.models.notice import PARTICIPANT_KINDS
from workshops.notices import compose, wording
from workshops.permissions import EditorRequired
from workshops.views.notices import NOTICE_FIELDS, preview_notice

RECENT_PARTICIPANTS = 50


def edited_wordings():
    """The secretariat's wordings, with who last changed them (not their text)."""
    return NoticeTemplate.objects.select_related("updated_by").only(
        "kind",
        "language",
        "updated_at",
        "updated_by__username",
        "updated_by__first_name",
        "updated_by__last_name",
    )


def recent_participants() -> list[Participant]:
    """Participants with an e-mail address to preview a wording on, those of the latest events
    first, at most 50: one query."""
    return list(
        Participant.objects.exclude(person__email="")
        .select_related("person", "event")
        .only(*NOTICE_FIELDS, "event__title", "event__start", "event__time_zone")
        .order_by("-event__start", "-pk")[:RECENT_PARTICIPANTS]
    )


class WordingListView(EditorRequired, TemplateView):
    """Every kind of notice in every language: the portal's wording, or the secretariat's with
    who edited it and when. Queries: the user; the edited wordings with their editor."""

    template_name = "workshops/notice_wording_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edited = {(row.kind, row.language): row for row in edited_wordings()}
        context["languages"] = Language.choices
        context["kinds"] = [
            {
                "kind": kind,
                "label": capfirst(label),
                "for_participants": kind in PARTICIPANT_KINDS,
                "cells": [(code, edited.get((kind, code))) for code in Language.values],
            }
            for kind, label in NoticeKind.choices
        ]
        return context


class WordingEditView(EditorRequired, View):
    """The wording of one kind of notice in one language: the secretariat's, or the portal's
    until it is edited.

    POST ``action``: ``preview`` renders the text as typed on a participant (nothing saved),
    ``save`` keeps it for the next notices, ``reset`` deletes the secretariat's wording so the
    portal's is used again. A wording that does not render is refused next to its field.
    Unknown kind or language: 404.
    """

    template_name = "workshops/notice_wording_form.html"

    def get(self, request, kind, language):
        self.check(kind, language)
        row = self.edited(kind, language)
        current = row or wording.default_wording(kind, language)
        form = WordingForm(initial={"subject": current.subject, "body": current.body}, kind=kind)
        return self.show(kind, language, form=form, row=row, picker=self.picker(kind))

    def post(self, request, kind, language):
        self.check(kind, language)
        names = {"kind": NoticeKind(kind).label, "language": Language(language).label}
        action = request.POST.get("action", "save")
        if action == "reset":
            NoticeTemplate.objects.filter(kind=kind, language=language).delete()
            messages.success(
                request,
                _("The %(kind)s in %(language)s uses the portal's wording again.") % names,
            )
            return redirect("workshops:wording_edit", kind=kind, language=language)
        form = WordingForm(request.POST, kind=kind)
        if action == "preview":
            picker = self.picker(kind, request.POST)
        else:  # shown again as chosen, but not checked: saving needs no participant
            picker = self.picker(kind, initial={"participant": request.POST.get("participant")})
        row = self.edited(kind, language)
        if not form.is_valid():
            return self.show(kind, language, form=form, row=row, picker=picker)
        if action == "preview":
            return self.preview(kind, language, form=form, row=row, picker=picker)
        NoticeTemplate.objects.update_or_create(
            kind=kind,
            language=language,
            defaults={
                "subject": form.cleaned_data["subject"],
                "body": form.cleaned_data["body"],
                "updated_by": request.user,
            },
        )
        messages.success(
            request,
            _("The wording of the %(kind)s in %(language)s is saved: the next notices use it.")
            % names,
        )
        return redirect("workshops:wordings")

    @staticmethod
    def check(kind: str, language: str) -> None:
        if kind not in NoticeKind.values or language not in Language.values:
            raise Http404(_("No such notice or language."))

    @staticmethod
    def edited(kind: str, language: str) -> NoticeTemplate | None:
        return (
            NoticeTemplate.objects.select_related("updated_by")
            .filter(kind=kind, language=language)
            .first()
        )

    @staticmethod
    def picker(kind: str, data=None, **kwargs) -> PreviewParticipantForm | None:
        """The participant to preview on; none for lesson notices (they go to accounts)."""
        if kind not in PARTICIPANT_KINDS:
            return None
        return PreviewParticipantForm(
            data, participants=recent_participants(), label=recent_participant_label, **kwargs
        )

    def preview(self, kind, language, *, form, row, picker):
        """The typed wording rendered on the chosen participant, in this language: not saved."""
        context = {}
        if picker is not None and picker.is_valid():
            custom = wording.Wording(
                kind, language, form.cleaned_data["subject"], form.cleaned_data["body"], True
            )
            try:
                context["preview"] = preview_notice(
                    picker.chosen(), kind=kind, language=language, custom=custom
                )
            except compose.NoticeNotComposable as error:
                form.add_error(None, str(error))
        return self.show(kind, language, form=form, row=row, picker=picker, **context)

    def show(self, kind, language, *, form, row, picker, preview=None):
        for name in ("subject", "body"):  # typed in the notice's language, not the page's
            form.fields[name].widget.attrs.update(lang=language, dir="auto")
        return render(
            self.request,
            self.template_name,
            {
                "kind": kind,
                "kind_label": capfirst(NoticeKind(kind).label),
                "language": language,
                "language_label": Language(language).label,
                "form": form,
                "row": row,
                "picker": picker,
                "placeholders": wording.PLACEHOLDERS[kind].items(),
                "preview": preview,
            },
        )
