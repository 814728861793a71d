import csv
import io

import tablib
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from ssrportal.roles import ADMIN, group_name
from ssrportal.uploads import UploadRefused, capped, workbook_rows

from .models import (
    AUSuspension,
    CoordinationFramework,
    Country,
    FrameworkMember,
    Membership,
    Organisation,
    OrganisationName,
    Person,
    User,
    WorkingGroup,
)
from .models.country import format_partial_date
from .models.organisation import REGIONAL_KINDS
from .resources import OrganisationResource, PersonResource

admin.site.site_header = _("SSR Coordination Portal")
admin.site.site_title = _("SSR Coordination Portal")


# Django 6 makes https the scheme of a URL typed without one; say so now (and hear no warning).
URL_FIELD_HTTPS = {models.URLField: {"assume_scheme": "https"}}


MAX_IMPORT_SIZE = 5 * 1024 * 1024
MAX_IMPORT_COLUMNS = 100


class CappedCSV(CSV):
    """CSV, refused past ssrportal.uploads' rows and cells before tablib reads it all."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        try:
            for _row in capped(csv.reader(io.StringIO(in_stream, newline=""))):
                pass
        # tablib meets the same error and reports it.
        except csv.Error:
            pass
        return super().create_dataset(in_stream, **kwargs)


class CappedXLSX(XLSX):
    """XLSX checked and streamed by ssrportal.uploads (import_export's own reader loads every
    shared string and every row): the first sheet, its first row as the headers."""

    def create_dataset(self, in_stream):
        rows = workbook_rows(in_stream, max_columns=MAX_IMPORT_COLUMNS)
        headers = list(next(rows, ()))
        while headers and headers[-1] is None:
            headers.pop()
        dataset = tablib.Dataset(headers=headers)
        ignore_blanks = getattr(settings, "IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES", False)
        for values in rows:
            values = values[: len(headers)]
            if not (ignore_blanks and all(value is None for value in values)):
                dataset.append(values)
        return dataset


class DirectoryImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_SIZE:
            raise ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": MAX_IMPORT_SIZE // (1024 * 1024)}
            )
        return upload


class DirectoryImportExportMixin(ImportExportMixin):
    """CSV and XLSX only: the formats the RECs and the secretariat exchange.

    An import is refused, with the reason next to the file and a 400, past MAX_IMPORT_SIZE or
    the limits of ssrportal.uploads (how much a workbook unpacks to, rows, cells)."""

    formats = [CSV, XLSX]
    import_formats = [CappedCSV, CappedXLSX]
    import_form_class = DirectoryImportForm

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UploadRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        form = response.context_data["form"]
        if request.method == "POST" and form.errors:
            response.status_code = 400
        return response


# Memberships


class MembershipInlineForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Membership.clean() compares a row with the saved rows, which this formset may be
        # changing in the same save (ending one period and starting the next):
        # MembershipFormSet.clean() compares the rows as they will be saved instead.
        self.instance.overlapping = Membership.objects.none


class MembershipFormSet(BaseInlineFormSet):
    """Memberships of one organisation (or one country), checked against each other."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed())
            and form.is_valid()
            and not form.cleaned_data.get("DELETE")
        ]
        others = []
        if self.instance.pk:
            in_formset = [form.instance.pk for form in self.forms if form.instance.pk]
            others = list(
                Membership.objects.filter(**{self.fk.name: self.instance})
                .exclude(pk__in=in_formset)
                .select_related("organisation", "country")
            )
        for index, form in enumerate(kept):
            row = form.instance
            earlier = [other.instance for other in kept[:index]] + others
            for other in earlier:
                if (
                    other.country_id == row.country_id
                    and other.organisation_id == row.organisation_id
                    and row.overlaps(other)
                ):
                    form.add_error(
                        None,
                        ValidationError(
                            _(
                                "%(country)s already has a membership of %(organisation)s in "
                                "this period: periods of one country in one organisation must "
                                "not overlap."
                            ),
                            code="overlap",
                            params={"country": row.country, "organisation": row.organisation},
                        ),
                    )
                    break


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    formset = MembershipFormSet
    extra = 0


PERIOD_FIELDS = ("joined_on", "joined_precision", "left_on", "left_precision", "sources")


class OrganisationMembershipInline(MembershipInline):
    fk_name = "organisation"
    fields = ("country", *PERIOD_FIELDS)
    autocomplete_fields = ("country",)
    verbose_name_plural = _("member states")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")


class CountryMembershipInline(MembershipInline):
    fk_name = "country"
    fields = ("organisation", *PERIOD_FIELDS)
    autocomplete_fields = ("organisation",)
    verbose_name_plural = _("memberships of RECs and RMs")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class MemberTodayFilter(admin.SimpleListFilter):
    title = _("member today")
    parameter_name = "member_today"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.filter(Membership.on_q(today))
        if self.value() == "no":
            return queryset.exclude(Membership.on_q(today))
        return queryset


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("organisation", "country", "period_display", "sources")
    list_select_related = ("organisation", "country")
    list_filter = (
        MemberTodayFilter,
        ("organisation", admin.RelatedOnlyFieldListFilter),
        ("country", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "organisation__acronym",
        "organisation__name",
        "country__name_en",
        "country__name_fr",
        "country__iso2",
    )
    autocomplete_fields = ("organisation", "country")
    fields = (
        "organisation",
        "country",
        ("joined_on", "joined_precision"),
        ("left_on", "left_precision"),
        "note",
        "sources",
    )

    @admin.display(description=_("period"), ordering="joined_on")
    def period_display(self, membership):
        return membership.period_display


# Countries


class AUSuspensionInline(admin.TabularInline):
    model = AUSuspension
    fields = ("suspended_on", "lifted_on", "lifted_precision", "decision", "sources")
    extra = 0


class SuspendedTodayFilter(admin.SimpleListFilter):
    title = _("suspended by the AU today")
    parameter_name = "suspended_today"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(suspended_today=True)
        if self.value() == "no":
            return queryset.filter(suspended_today=False)
        return queryset


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = (
        "iso2",
        "iso3",
        "name_en",
        "name_fr",
        "au_region",
        "au_member",
        "suspended_today",
    )
    list_display_links = ("iso2", "name_en")
    list_filter = ("au_member", "au_region", SuspendedTodayFilter)
    search_fields = ("iso2", "iso3", "name_en", "name_fr", "name_pt", "name_ar")
    inlines = (AUSuspensionInline, CountryMembershipInline)

    def get_queryset(self, request):
        in_force = AUSuspension.objects.filter(
            AUSuspension.in_force_on_q(timezone.localdate()), country=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(suspended_today=Exists(in_force))

    @admin.display(description=_("suspended today"), boolean=True, ordering="suspended_today")
    def suspended_today(self, country):
        return country.suspended_today


@admin.register(AUSuspension)
class AUSuspensionAdmin(admin.ModelAdmin):
    list_display = ("country", "suspended_on", "lifted", "decision")
    list_select_related = ("country",)
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    date_hierarchy = "suspended_on"
    search_fields = ("country__name_en", "country__name_fr", "country__iso2", "decision")
    autocomplete_fields = ("country",)

    @admin.display(description=_("lifted on"), ordering="lifted_on")
    def lifted(self, suspension):
        return format_partial_date(suspension.lifted_on, suspension.lifted_precision) or _(
            "in force"
        )


# Organisations and people


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    fields = (
        "name",
        "kind",
        "language",
        "used_from",
        "used_from_precision",
        "used_until",
        "used_until_precision",
        "source",
    )
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 1})}}
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(DirectoryImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = (
        "acronym",
        "name",
        "kind",
        "parent",
        "headquarters",
        "member_states_today",
        "active",
    )
    list_display_links = ("acronym", "name")
    list_select_related = ("parent", "headquarters")
    list_filter = ("kind", "active", ("headquarters", admin.RelatedOnlyFieldListFilter))
    search_fields = (
        "acronym",
        "acronym_fr",
        "acronym_pt",
        "name",
        "name_fr",
        "name_pt",
        "aliases__name",
    )
    autocomplete_fields = ("parent", "headquarters", "successor")
    formfield_overrides = URL_FIELD_HTTPS
    fieldsets = (
        (None, {"fields": ("acronym", "name", "kind", "parent", "active")}),
        (
            _("In other languages"),
            {"fields": ("acronym_fr", "name_fr", "acronym_pt", "name_pt")},
        ),
        (_("Contact"), {"fields": ("headquarters", "website")}),
        (_("End"), {"fields": ("ended_on", "ended_precision", "successor")}),
        (_("About"), {"fields": ("description", "note")}),
    )

    def get_queryset(self, request):
        members_today = Count(
            "memberships", filter=Membership.on_q(timezone.localdate(), prefix="memberships__")
        )
        # An aggregate drops Meta.ordering; autocomplete pages need an order.
        queryset = super().get_queryset(request).annotate(member_states_today=members_today)
        return queryset.order_by(*Organisation._meta.ordering)

    @admin.display(description=_("member states today"), ordering="member_states_today")
    def member_states_today(self, organisation):
        return organisation.member_states_today if organisation.kind in REGIONAL_KINDS else ""

    def get_inlines(self, request, obj):
        # Countries are members of RECs and RMs only (Membership.organisation's choices).
        if obj is not None and obj.kind in REGIONAL_KINDS:
            return [OrganisationMembershipInline, OrganisationNameInline]
        return [OrganisationNameInline]


@admin.register(OrganisationName)
class OrganisationNameAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "language", "organisation", "used_from", "used_until")
    list_select_related = ("organisation",)
    list_filter = ("kind", "language")
    search_fields = ("name", "plain", "organisation__acronym", "organisation__name")
    autocomplete_fields = ("organisation",)


@admin.register(Person)
class PersonAdmin(DirectoryImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PersonResource]
    list_display = (
        "full_name",
        "position",
        "organisation",
        "email",
        "preferred_language",
        "is_focal_point",
    )
    list_select_related = ("organisation",)
    list_filter = ("is_focal_point", "preferred_language", "organisation__kind")
    # 20,000 people at ten years of data: pages of 50, and no count of every row on each page.
    list_per_page = 50
    show_full_result_count = False
    search_fields = (
        "full_name",
        "email",
        "position",
        "organisation__acronym",
        "organisation__name",
    )
    autocomplete_fields = ("organisation", "user")
    fieldsets = (
        (None, {"fields": ("title", "full_name", "position", "organisation", "is_focal_point")}),
        (_("Contact"), {"fields": ("email", "phone", "preferred_language", "time_zone")}),
        (_("Other"), {"fields": ("user", "note")}),
    )


class StaffIsAdminMixin:
    """Staff status opens the Django admin, which is for the Admin group only."""

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        in_admin = groups is not None and any(group.name == group_name(ADMIN) for group in groups)
        if groups is None and self.instance.pk:
            in_admin = self.instance.groups.filter(name=group_name(ADMIN)).exists()
        superuser = cleaned.get("is_superuser", self.instance.is_superuser)
        if cleaned.get("is_staff") and not (in_admin or superuser):
            self.add_error(
                "is_staff",
                _(
                    "Staff status opens the Django admin, which is for the Admin group only: "
                    "add the user to the Admin group, or leave it off (focal points and the "
                    "secretariat work in the portal)."
                ),
            )
        return cleaned


class PortalUserChangeForm(StaffIsAdminMixin, UserChangeForm):
    pass


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PortalUserChangeForm
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("organisation", "language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Portal"), {"fields": ("email", "organisation", "language")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_staff")
    list_select_related = ("organisation",)
    list_filter = (*DjangoUserAdmin.list_filter, "language")
    search_fields = (*DjangoUserAdmin.search_fields, "organisation__acronym")
    autocomplete_fields = ("organisation",)

    # Roles are groups: only a superuser may hand out superuser status or permissions outside
    # them, or change a superuser's account, or an Admin-group user could raise their own rights.
    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser", "user_permissions")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


# Coordination frameworks


class FrameworkMemberInline(admin.TabularInline):
    model = FrameworkMember
    fields = ("organisation", "role", "note")
    autocomplete_fields = ("organisation",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class WorkingGroupInline(admin.TabularInline):
    model = WorkingGroup
    fields = ("position", "name", "description")
    ordering = ("position",)
    extra = 0


@admin.register(CoordinationFramework)
class CoordinationFrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "cadence", "established")
    search_fields = ("name", "acronym", "description")
    inlines = (FrameworkMemberInline, WorkingGroupInline)


@admin.register(FrameworkMember)
class FrameworkMemberAdmin(admin.ModelAdmin):
    list_display = ("organisation", "framework", "role", "note")
    list_select_related = ("organisation", "framework")
    list_filter = ("role", ("framework", admin.RelatedOnlyFieldListFilter))
    search_fields = ("organisation__acronym", "organisation__name", "framework__name")
    autocomplete_fields = ("framework", "organisation")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "framework", "position")
    list_select_related = ("framework",)
    list_filter = (("framework", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "description", "framework__name", "framework__acronym")
    autocomplete_fields = ("framework",)
