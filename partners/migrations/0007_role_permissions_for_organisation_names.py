"""The roles' permissions on organisations' other names, as 0003 of lessons rules for the
directory: Admin changes them, the Secretariat and focal points view them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
RULES = {"Admin": ALL, "Secretariat": ("view",), "Focal point": ("view",)}


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
                content_type__app_label="partners",
                content_type__model="organisationname",
                codename__in=[f"{action}_organisationname" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_fill_search_names"),
        ("lessons", "0003_create_role_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
