"""How a view states who may use it. The rules themselves are predicates in <app>/permissions.py.

- ``public`` / ``Public``: anyone, signed in or not.
- ``PredicateRequiredMixin`` / ``predicate_required``: signed-out visitors are sent to sign in;
  signed-in users for whom the predicate is false get 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def public(view):
    """Anyone, signed in or not, may use this view."""
    view.access = "public"
    return view


class Public:
    """Class-based views: anyone, signed in or not, may use this view (it scopes what it shows
    by the user itself)."""

    access = "public"


def signed_in(user) -> bool:
    """Any signed-in user, whatever their role."""
    return user.is_authenticated


class PredicateRequiredMixin(AccessMixin):
    """Class-based views: set ``predicate`` to a function of the user."""

    predicate: Callable = staticmethod(lambda user: False)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.predicate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def requires(predicate: Callable) -> type:
    """A mixin class for views that ``predicate(user)`` allows: ``class V(requires(p), View)``."""
    return type(
        f"Requires_{predicate.__name__}",
        (PredicateRequiredMixin,),
        {"predicate": staticmethod(predicate)},
    )


def predicate_required(predicate: Callable):
    """Function views: ``@predicate_required(can_edit_workshops)`` as the top decorator."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access = predicate.__name__
        return wrapped

    return decorator


def sign_in_name(request, credentials) -> str:
    """The user name a sign-in attempt gave, as django-axes records it: at most 150 characters
    (a user name's length), so that 300 typed characters fail like any wrong name."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(name)[:150]
