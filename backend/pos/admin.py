from django.contrib import admin

from .models import PosReconciliation, PosRegister, PosShift


@admin.register(PosRegister)
class PosRegisterAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "warehouse", "channel", "is_active")
    list_filter = ("channel", "is_active")
    filter_horizontal = ("staff",)
    search_fields = ("name", "code")


@admin.register(PosShift)
class PosShiftAdmin(admin.ModelAdmin):
    list_display = ("register", "status", "opened_by", "opened_at", "closed_at", "difference_amount")
    list_filter = ("status", "register")
    readonly_fields = [f.name for f in PosShift._meta.fields]

    def has_add_permission(self, request):
        return False  # shifts are opened from the till (posShiftOpen), never by hand


@admin.register(PosReconciliation)
class PosReconciliationAdmin(admin.ModelAdmin):
    list_display = ("sale", "variant", "warehouse", "quantity_sold", "shortfall", "resolved_at")
    list_filter = ("resolved_at",)
    readonly_fields = ("sale", "variant", "warehouse", "quantity_sold", "shortfall", "created_at")
