"""The centre's view of the audit log: read-only, filterable by action, actor and date, searchable."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "actor_email", "object_type", "object_id", "summary", "ip")
    list_filter = ("action", "object_type", "at")
    search_fields = ("summary", "actor_email", "object_id")
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
