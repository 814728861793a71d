"""The lesson categories as a choice list, read from the cache like workshops.choices (saving
or deleting a category gives the list a new version: LessonsConfig.ready)."""

from workshops.choices import Choices, reference_choices

from .models import LessonCategory


def categories() -> Choices:
    """(pk, label) of every category, in their position's order and the reader's language."""
    return reference_choices("lesson-categories", LessonCategory.objects.all(), sort=False)
