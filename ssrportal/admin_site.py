"""The Django admin is for the Admin group (and superusers) only.

Staff status alone opens nothing: a focal point or a secretariat officer given staff status by
mistake would otherwise read and change every organisation's lessons, people, notices and
accounts there, past the scoping of the portal's own pages. The user admin also refuses staff
status to anyone outside the Admin group, with the reason next to the box.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from ssrportal.roles import ADMIN, roles_of


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and ADMIN in roles_of(user)


class PortalAdminConfig(AdminConfig):
    default_site = "ssrportal.admin_site.PortalAdminSite"
