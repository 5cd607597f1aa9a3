"""The admin shows cases for support and audit only: the workflow fields are read-only (use the case page)."""

from django.contrib import admin

from homeward.cases.models import Case, CaseEvent, CaseMember

_MEMBER_FIELDS = ("person", "relation", "outcome", "departed_on")
_EVENT_FIELDS = ("at", "actor", "kind", "from_state", "to_state", "reason", "changes")


class CaseMemberInline(admin.TabularInline):
    model = CaseMember
    fields = _MEMBER_FIELDS
    readonly_fields = _MEMBER_FIELDS
    extra = 0
    can_delete = False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = _EVENT_FIELDS
    readonly_fields = _EVENT_FIELDS
    extra = 0
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "programme", "referring_partner", "destination", "state", "registered_on"]
    list_filter = ["state", "programme"]
    search_fields = ["reference"]
    list_select_related = ["programme", "referring_partner"]
    readonly_fields = [
        "reference", "programme", "referring_partner", "reab_category", "destination", "state", "registered_on",
        "approved_on", "departed_on", "notes", "version", "created_by", "created_at", "updated_at",
    ]
    inlines = [CaseMemberInline, CaseEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
