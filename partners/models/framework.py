from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Organisation


class FrameworkRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    CO_CHAIR = "co_chair", _("co-chair")
    SECRETARIAT = "secretariat", _("secretariat")
    MEMBER = "member", _("member")


class CoordinationFramework(models.Model):
    """A standing group of partners that meets regularly (seed 003)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    cadence = models.CharField(
        _("cadence"), max_length=200, blank=True, help_text=_("For example: biannual plenaries.")
    )
    established = models.CharField(
        _("established"), max_length=100, blank=True, help_text=_("When and where, as known.")
    )
    members = models.ManyToManyField(
        Organisation, through="FrameworkMember", related_name="frameworks", blank=True
    )

    class Meta:
        verbose_name = _("coordination framework")
        verbose_name_plural = _("coordination frameworks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FrameworkMember(models.Model):
    framework = models.ForeignKey(
        CoordinationFramework,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("coordination framework"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="framework_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=FrameworkRole.choices, default=FrameworkRole.MEMBER
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("framework member")
        verbose_name_plural = _("framework members")
        ordering = ["framework", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "organisation", "role"],
                name="partners_frameworkmember_unique_role",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


class WorkingGroup(models.Model):
    framework = models.ForeignKey(
        CoordinationFramework,
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("coordination framework"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "position"], name="partners_workinggroup_unique_position"
            )
        ]

    def __str__(self):
        return self.name
