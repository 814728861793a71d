"""The portal's roles (the groups of migration lessons/0003), read once and cached.

Pages ask for a user's roles on every request; the cache keeps that off the database, and any
change of a user's groups clears the user's entry.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed

ADMIN = "admin"
SECRETARIAT = "secretariat"
FOCAL_POINT = "focal_point"

GROUP_ROLES = {"Admin": ADMIN, "Secretariat": SECRETARIAT, "Focal point": FOCAL_POINT}
CACHE_SECONDS = 300


def group_name(role: str) -> str:
    """The name of the group that gives ``role`` ("Focal point" for FOCAL_POINT)."""
    return next(name for name, value in GROUP_ROLES.items() if value == role)


def _cache_key(user_pk) -> str:
    return f"ssrportal:roles:{user_pk}"


def roles_of(user) -> frozenset[str]:
    """The roles of ``user``: empty for anonymous visitors; a superuser counts as admin."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if hasattr(user, "_portal_roles"):
        return user._portal_roles
    roles = cache.get(_cache_key(user.pk))
    if roles is None:
        names = user.groups.values_list("name", flat=True)
        roles = frozenset(GROUP_ROLES[name] for name in names if name in GROUP_ROLES)
        cache.set(_cache_key(user.pk), roles, CACHE_SECONDS)
    if user.is_superuser:
        roles |= {ADMIN}
    user._portal_roles = roles
    return roles


def forget_roles(sender, instance, pk_set, reverse, **kwargs):
    if kwargs["action"] not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    user_pks = (pk_set or ()) if reverse else (instance.pk,)
    if reverse and kwargs["action"] in {"pre_clear", "post_clear"}:
        user_pks = instance.user_set.values_list("pk", flat=True)
    cache.delete_many([_cache_key(pk) for pk in user_pks])


def connect_signals() -> None:
    """Forget a user's roles when their groups change (SsrportalConfig.ready)."""
    m2m_changed.connect(
        forget_roles, sender=get_user_model().groups.through, dispatch_uid="forget-roles"
    )
