"""An event's documents: the upload form, and downloads through a view that checks permission.

Files live under MEDIA_ROOT and no URL serves that folder: the download view is the only way out.
"""

import logging
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import FormView

from ssrportal.access import predicate_required
from workshops import services
from workshops.forms.documents import DOCUMENT_TYPES, DocumentForm
from workshops.models import Document, Event
from workshops.permissions import EditorRequired, can_read_workshops
from workshops.views.participants import title_language

log = logging.getLogger(__name__)


class DocumentUploadView(EditorRequired, FormView):
    """Upload an agenda, concept note, report... to the event; back to the event page after.

    Queries: the user, the event, the event's documents.
    """

    template_name = "workshops/document_upload.html"
    form_class = DocumentForm

    @cached_property
    def event(self) -> Event:
        return get_object_or_404(Event.objects.with_reader_language(), pk=self.kwargs["pk"])

    def get_initial(self):
        return {"language": self.event.language}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["title_language"] = title_language(self.event)
        context["documents"] = list(
            Document.objects.filter(event=self.event).order_by("kind", "title")
        )
        return context

    def form_valid(self, form):
        document = services.add_document(
            event=self.event,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            language=form.cleaned_data["language"],
            file=form.cleaned_data["file"],
            by=self.request.user,
        )
        messages.success(self.request, _("“%(title)s” is uploaded.") % {"title": document.title})
        return redirect(self.event)


@predicate_required(can_read_workshops)
@require_GET
def document_download(request, pk):
    """The document's file as an attachment, with its type and name. Everyone who reads events
    reads their documents. Queries: the user, the document."""
    document = get_object_or_404(Document, pk=pk)
    return stored_file_response(document.file, _("The file of this document is missing."))


def stored_file_response(file, missing: str) -> FileResponse:
    """An uploaded document (PDF, DOCX...) as an attachment with its type and name; a 404
    saying ``missing`` when the file is gone from the disk (logged: someone must restore it)."""
    name = Path(file.name).name
    kind = DOCUMENT_TYPES.get(Path(name).suffix.lower())
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        log.error("file %s is missing", file.name)
        raise Http404(missing) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
