"""URLs of the secretariat workspace: events at /workshops/, mandates at /mandates/.

Each area keeps its lines under its comment; every URL has a row in tests/access_matrix.py.
"""

from django.urls import path

from workshops.views import (
    answer,
    calendar,
    documents,
    event_form,
    event_history,
    event_page,
    events,
    mandate_form,
    mandates,
    notices,
    participants,
    search,
    wordings,
)

app_name = "workshops"

urlpatterns = [
    # Events: list, page, form, duplicate, history, export
    path("", events.EventListView.as_view(), name="list"),
    path("export/", events.EventExportView.as_view(), name="export"),
    path("<int:pk>/", event_page.EventDetailView.as_view(), name="detail"),
    path("<int:pk>/history/", event_history.EventHistoryView.as_view(), name="history"),
    path("new/", event_form.EventFormView.as_view(), name="create"),
    path("<int:pk>/edit/", event_form.EventFormView.as_view(), name="edit"),
    path("<int:pk>/duplicate/", event_form.duplicate_event, name="duplicate"),
    path("search/", search.event_search, name="event_search"),
    path("people/search/", search.person_search, name="person_search"),
    path("mandates/search/", search.mandate_search, name="mandate_search"),
    path("time-zones/search/", search.time_zone_search, name="time_zone_search"),
    # Calendar and iCalendar
    path("calendar/", calendar.CalendarView.as_view(), name="calendar"),
    path("calendar/subscribe/", calendar.FeedLinkView.as_view(), name="feed_link"),
    path("<int:pk>/event.ics", calendar.EventIcsView.as_view(), name="ics"),
    path("feed/<str:token>.ics", calendar.feed, name="feed"),
    # Participants
    path("<int:pk>/participants/", participants.ParticipantListView.as_view(), name="participants"),
    path("<int:pk>/participants/add/", participants.participant_add, name="participant_add"),
    path("<int:pk>/participants/bulk/", participants.participants_bulk, name="participants_bulk"),
    path(
        "<int:pk>/participants/import/",
        participants.ParticipantImportView.as_view(),
        name="participants_import",
    ),
    path(
        "<int:pk>/participants/export/",
        participants.participants_export,
        name="participants_export",
    ),
    path(
        "<int:pk>/participants/sheet/",
        participants.AttendanceSheetView.as_view(),
        name="attendance_sheet",
    ),
    path("people/autocomplete/", participants.person_autocomplete, name="person_autocomplete"),
    # Documents
    path(
        "<int:pk>/documents/upload/", documents.DocumentUploadView.as_view(), name="document_upload"
    ),
    path("documents/<int:pk>/", documents.document_download, name="document_download"),
    # Notices: invitations, previews, the ledger; the secretariat's wordings
    path("<int:pk>/notices/", notices.NoticeListView.as_view(), name="notices"),
    path("<int:pk>/notices/invite/", notices.invite, name="notices_invite"),
    path("<int:pk>/notices/preview/", notices.NoticePreviewView.as_view(), name="notice_preview"),
    path("<int:pk>/notices/preview.html", notices.notice_preview_html, name="notice_preview_html"),
    path(
        "<int:pk>/notices/participants/search/",
        notices.participant_search,
        name="notice_participant_search",
    ),
    path("notices/<int:pk>/resend/", notices.resend, name="notice_resend"),
    path("notices/wordings/", wordings.WordingListView.as_view(), name="wordings"),
    path(
        "notices/wordings/<str:kind>/<str:language>/",
        wordings.WordingEditView.as_view(),
        name="wording_edit",
    ),
    # Answer link
    path("answer/<str:token>/", answer.answer_view, name="answer"),
]

mandate_patterns = (
    [
        # Mandates
        path("", mandates.MandateListView.as_view(), name="list"),
        path("<int:pk>/", mandates.MandateDetailView.as_view(), name="detail"),
        path("new/", mandate_form.MandateFormView.as_view(), name="create"),
        path("<int:pk>/edit/", mandate_form.MandateFormView.as_view(), name="edit"),
    ],
    "mandates",
)
