from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ssrportal.languages import Language
from ssrportal.validators import validate_time_zone

from .organisation import Organisation


class User(AbstractUser):
    """A portal account. A focal point's account names the organisation it speaks for."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
        help_text=_("For a focal point: the REC, RM or AUC department it speaks for."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("The language of the portal for this account; empty: the browser's."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


class Person(models.Model):
    """Someone in the directory: a participant, a contact, a focal point. Needs no account."""

    title = models.CharField(
        _("title"), max_length=30, blank=True, help_text=_("Mr., Ms., Dr., H.E. …")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Where the person works, e.g. Africa/Nairobi: notices give times in it."),
    )
    is_focal_point = models.BooleanField(
        _("SSR focal point"),
        default=False,
        help_text=_("Answers for SSR in their organisation."),
    )
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("portal account"),
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="partners_person_unique_email_ci",
                violation_error_message=_("A person with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        if self.organisation_id:
            org = self.organisation
            return f"{self.full_name} ({org.acronym or org.name})"
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.full_name}".strip()
