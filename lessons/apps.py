from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons identified")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from workshops.choices import forget_choices
        from workshops.models.notice import LESSON_KINDS
        from workshops.notices.compose import register_context
        from workshops.services import register_reference_data

        from .models import LessonCategory
        from .notices import lesson_context
        from .services import load_reference_data

        # The sender fills the placeholders of the notices about lessons from this app.
        register_context(LESSON_KINDS, lesson_context)
        # load_reference_data (workshops) loads the lesson categories too.
        register_reference_data(load_reference_data)
        # The category choices are cached like the workshops' lists (lessons/choices.py).
        post_save.connect(forget_choices, sender=LessonCategory, dispatch_uid="choices-category")
        post_delete.connect(
            forget_choices, sender=LessonCategory, dispatch_uid="choices-del-category"
        )
