"""The roles' permissions on notice wordings: Admin and Secretariat edit them, as 0003 rules."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
RULES = {"Admin": ALL, "Secretariat": ALL}


def forward(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, actions in RULES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="workshops",
                content_type__model="noticetemplate",
                codename__in=[f"{action}_noticetemplate" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0003_notice_sending"),
        ("lessons", "0003_create_role_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
