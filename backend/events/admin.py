from django.contrib import admin

from .models import Event, EventDailyStat, EventParticipant, EventSalesImport


class ParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ()


class DailyStatInline(admin.TabularInline):
    model = EventDailyStat
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Create events from the centre's event page (it also creates the channel, stand and registers)."""

    list_display = ("name", "kind", "venue", "start_date", "end_date", "status")
    list_filter = ("kind", "status", "province_name")
    search_fields = ("name", "venue", "organiser")
    readonly_fields = ("channel", "warehouse", "status", "close_out", "closed_at")
    inlines = [ParticipantInline, DailyStatInline]

    def has_add_permission(self, request):
        return False


@admin.register(EventSalesImport)
class EventSalesImportAdmin(admin.ModelAdmin):
    list_display = ("event", "filename", "row_count", "total_amount", "imported_at")
    readonly_fields = [f.name for f in EventSalesImport._meta.fields]

    def has_add_permission(self, request):
        return False
