"""The roles' permissions on the lesson categories (0008), by 0003's rules for the lessons app:
Admin everything; Secretariat and Focal point view (the list is reference data, edited in the
admin and in lessons/data/lesson_categories.csv)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RULES = {
    "Admin": ("add", "change", "delete", "view"),
    "Secretariat": ("view",),
    "Focal point": ("view",),
}


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
                content_type__app_label="lessons",
                content_type__model="lessoncategory",
                codename__in=[f"{action}_lessoncategory" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0008_lessoncategory_lesson_category"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
