"""The roles' permissions on the models added after 0003: lesson attachments and notices.

Same rules as 0003: Admin everything; Secretariat everything in workshops (notices are its
ledger) and view on lesson attachments; Focal point view on notices, add and view on
attachments (they attach files to their own lessons through the portal).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

RULES = {
    ("lessons", "attachment"): {
        "Admin": ALL,
        "Secretariat": ("view",),
        "Focal point": ("add", "view"),
    },
    ("workshops", "notice"): {
        "Admin": ALL,
        "Secretariat": ALL,
        "Focal point": ("view",),
    },
}


def forward(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for (app_label, model), roles in RULES.items():
        for group_name, actions in roles.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0005_attachment"),
        ("workshops", "0002_notice"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
