from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from homeward.core.changes import register_changed
from homeward.organisations.models import Organisation, Programme, User, UserRole


class _CountedAdmin(admin.ModelAdmin):
    """An organisation's type and a programme's code are in the year report's figures: a change counts as a change
    of the register (core/changes.py). Neither can be deleted while a case points to it (PROTECT)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        register_changed()


@admin.register(Organisation)
class OrganisationAdmin(_CountedAdmin):
    list_display = ["name", "type", "country", "city", "is_active"]
    list_filter = ["type", "country", "is_active"]
    search_fields = ["name", "city"]


@admin.register(Programme)
class ProgrammeAdmin(_CountedAdmin):
    list_display = ["code", "name", "host_country", "managed_by", "is_active"]


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [UserRoleInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["organisation__type", "roles__role", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), (_("Organisation"), {"fields": ["organisation"]}))
