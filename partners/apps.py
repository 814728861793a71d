from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner directory")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models.organisation import OrganisationName, alias_changed

        # An alias changes what its organisation is found by (Organisation.search_names).
        post_save.connect(alias_changed, sender=OrganisationName, dispatch_uid="alias-saved")
        post_delete.connect(alias_changed, sender=OrganisationName, dispatch_uid="alias-deleted")
