from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops and mandates")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from workshops.choices import CACHED_MODELS, forget_choices

        for model in CACHED_MODELS:
            post_save.connect(forget_choices, sender=model, dispatch_uid=f"choices-{model}")
            post_delete.connect(forget_choices, sender=model, dispatch_uid=f"choices-del-{model}")
