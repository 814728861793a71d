"""URLs of the lessons register at /lessons/; every URL has a row in tests/access_matrix.py."""

from django.urls import path

from lessons.views import form, lesson, planning, register

app_name = "lessons"

urlpatterns = [
    # The register and its export
    path("", register.LessonListView.as_view(), name="list"),
    path("export/", register.LessonExportView.as_view(), name="export"),
    # Planning and follow-up
    path("consider/", planning.ConsiderView.as_view(), name="consider"),
    path("follow-up/", planning.FollowUpView.as_view(), name="follow_up"),
    # A lesson
    path("new/", form.LessonFormView.as_view(), name="create"),
    path("<int:pk>/", lesson.lesson_detail, name="detail"),
    path("<int:pk>/edit/", form.LessonFormView.as_view(), name="edit"),
    path("<int:pk>/move/", lesson.lesson_move, name="move"),
    path("<int:pk>/comment/", lesson.lesson_comment, name="comment"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        lesson.attachment_download,
        name="attachment",
    ),
]
