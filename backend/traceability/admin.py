"""Read-mostly admin views of traceability data (changes go through the services and pages)."""

from django.contrib import admin

from .models import Batch, BatchDocument, Stamp, StampScanAlert, TraceEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ("lot_code", "variant", "producer", "production_date", "expiry_date", "quantity", "stamps_issued")
    list_select_related = ("variant__product", "producer")
    search_fields = ("lot_code", "variant__sku", "variant__gtin")


@admin.register(BatchDocument)
class BatchDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "batch", "uploaded_at")


@admin.register(Stamp)
class StampAdmin(ReadOnlyAdmin):
    list_display = ("serial", "batch", "status", "issue_run", "scan_count", "sold_at")
    list_filter = ("status",)
    search_fields = ("serial",)
    list_select_related = ("batch",)


@admin.register(TraceEvent)
class TraceEventAdmin(ReadOnlyAdmin):
    list_display = ("event_time", "biz_step", "disposition", "action", "batch", "quantity", "warehouse")
    list_filter = ("biz_step",)
    list_select_related = ("batch", "warehouse")
    exclude = ("serials",)


@admin.register(StampScanAlert)
class StampScanAlertAdmin(ReadOnlyAdmin):
    list_display = ("serial", "distinct_ips", "first_scan_at", "last_scan_at", "is_resolved")
    list_filter = ("is_resolved",)
