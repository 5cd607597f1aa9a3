from django.contrib import admin

from homeward.core.models import AccessLog

_FIELDS = ("at", "user", "action", "object_type", "object_id", "ip_address")


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = _FIELDS
    list_filter = ["action", "object_type", "at", "user__organisation"]
    date_hierarchy = "at"
    search_fields = ["object_id", "user__username", "ip_address"]
    readonly_fields = _FIELDS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
