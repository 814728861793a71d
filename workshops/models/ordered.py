from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrderedText(models.Model):
    """One numbered item of a list whose order matters (objectives, outputs, results).

    Concrete subclasses add the parent foreign key and a unique (parent, position) constraint.
    """

    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self):
        return f"{self.position}. {self.text[:80]}"


def unique_position(parent: str, prefix: str) -> list:
    """Constraints for a numbered list: positions unique within the parent, counted from 1."""
    return [
        models.UniqueConstraint(
            fields=[parent, "position"],
            name=f"{prefix}_unique_position",
            violation_error_message=_("Two items cannot have the same position."),
        ),
        models.CheckConstraint(condition=Q(position__gte=1), name=f"{prefix}_position_from_one"),
    ]
