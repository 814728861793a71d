"""The roles' permissions on the tables of 0005: organiser roles, links between events and
sources, by lessons/0003's rules for the workshops app: Admin and Secretariat everything, focal
points view. The roles are reference data (workshops/data/organiser_roles.csv) like the
thematic areas, which the same rules cover."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
RULES = {"Admin": ALL, "Secretariat": ALL, "Focal point": ("view",)}
MODELS = ("organiserrole", "eventlink", "source")


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
                content_type__model__in=MODELS,
                codename__in=[f"{action}_{model}" for action in actions for model in MODELS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0006_event_search_on_postgresql"),
        ("lessons", "0003_create_role_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
