"""The portal's three roles as groups with their model permissions.

Object-level rules (a focal point edits only its own organisation's lessons) are in each app's
permissions.py; these groups say what each role may touch at all.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

ROLES = {
    "Admin": {
        "partners": {"*": ALL},
        "workshops": {"*": ALL},
        "lessons": {"*": ALL},
        "auth": {"group": VIEW},
    },
    "Secretariat": {
        "partners": {"*": VIEW, "person": ("add", "change", "view")},
        "workshops": {"*": ALL},
        "lessons": {
            "*": VIEW,
            "lesson": ("change", "view"),
            "followupaction": ALL,
            "stagechange": ("add", "view"),
            "comment": ("add", "view"),
        },
    },
    "Focal point": {
        "partners": {"*": VIEW},
        "workshops": {"*": VIEW},
        "lessons": {
            "*": VIEW,
            "lesson": ("add", "change", "view"),
            "stagechange": ("add", "view"),
            "comment": ("add", "view"),
        },
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
    for group_name, apps_rules in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, rules in apps_rules.items():
            for perm in Permission.objects.filter(content_type__app_label=app_label).select_related(
                "content_type"
            ):
                action, _, model = perm.codename.partition("_")
                if model.startswith("historical"):
                    allowed = VIEW if "view" in rules.get(model[len("historical") :], rules.get("*", ())) else ()
                else:
                    allowed = rules.get(model, rules.get("*", ()))
                if action in allowed:
                    group.permissions.add(perm)


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0002_membership_no_overlap_on_postgresql"),
        ("workshops", "0001_initial"),
        ("lessons", "0002_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
