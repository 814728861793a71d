from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons identified")

    def ready(self):
        from workshops.models.notice import LESSON_KINDS
        from workshops.notices.compose import register_context

        from .notices import lesson_context

        # The sender fills the placeholders of the notices about lessons from this app.
        register_context(LESSON_KINDS, lesson_context)
