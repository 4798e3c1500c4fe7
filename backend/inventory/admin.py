"""Inventory admin. Warehouses are editable; Stock, StockMovement, Allocation and Reservation are
read-only: quantities change only through inventory.services (which write the ledger). Transfer and
count drafts can be edited here; shipping, receiving and closing happen on /kho/ or via the API."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_filters import commune_filter
from core.admin_labels import VietnameseLabelsMixin, titled

from .models import (
    Allocation,
    ChannelWarehouse,
    LowStockThreshold,
    Reservation,
    Stock,
    StockCount,
    StockCountLine,
    StockMovement,
    StockTransfer,
    StockTransferLine,
    VariantCost,
    Warehouse,
)


class ReadOnlyAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    """View-only: no add, change or delete, whatever the user's permissions. Its detail page shows
    the `field_labels` fields (with their Vietnamese labels) followed by `extra_fields`."""

    extra_fields: tuple[str, ...] = ()

    def get_fields(self, request, obj=None):
        if self.fields:
            return self.fields
        return tuple(f"vi_{name}" for name in self.field_labels) + self.extra_fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WarehouseChannelInline(admin.TabularInline):
    model = ChannelWarehouse
    extra = 0
    fields = ("channel", "sort_order")
    verbose_name = _("kênh bán")
    verbose_name_plural = _("kênh bán (thứ tự phân bổ)")


@admin.register(Warehouse)
class WarehouseAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("mã"), "click_and_collect_option": _("nhận hàng tại điểm"),
                    "is_active": _("đang hoạt động"), "metadata": _("dữ liệu bổ sung")}
    list_display = ("name", "kind", "ward_name", "producer", "vi_click_and_collect_option", "is_active")
    list_filter = ("kind", ("click_and_collect_option", titled(_("nhận hàng tại điểm"), admin.ChoicesFieldListFilter)),
                   ("is_active", titled(_("đang hoạt động"), admin.BooleanFieldListFilter)), commune_filter("ward_code"))
    search_fields = ("name", "slug", "street_address", "ward_name", "producer__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("producer",)
    filter_horizontal = ("staff",)
    inlines = (WarehouseChannelInline,)


@admin.register(Stock)
class StockAdmin(ReadOnlyAdmin):
    field_labels = {"product_variant": _("phân loại sản phẩm"), "warehouse": _("kho / điểm bán"),
                    "quantity": _("số lượng"), "quantity_allocated": _("đã phân bổ cho đơn")}
    extra_fields = ("available",)
    list_display = ("vi_product_variant", "sku", "vi_warehouse", "vi_quantity", "vi_quantity_allocated", "available")
    list_filter = (("warehouse", titled(_("kho / điểm bán"), admin.RelatedOnlyFieldListFilter)),)
    search_fields = ("product_variant__sku", "product_variant__gtin", "product_variant__product__name")
    list_select_related = ("product_variant__product", "warehouse")

    @admin.display(description="SKU", ordering="product_variant__sku")
    def sku(self, obj) -> str:
        return obj.product_variant.sku

    @admin.display(description=_("có thể bán"))
    def available(self, obj) -> int:
        return obj.available


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    field_labels = {"created_at": _("thời điểm"), "product_variant": _("phân loại sản phẩm"),
                    "warehouse": _("kho / điểm bán"), "quantity": _("số lượng (+ nhập, − xuất)"),
                    "balance_after": _("tồn sau"), "reason": _("lý do"), "reference_type": _("loại chứng từ"),
                    "reference_id": _("số chứng từ"), "user": _("người thực hiện"), "note": _("ghi chú")}
    list_display = ("vi_created_at", "vi_product_variant", "vi_warehouse", "vi_quantity", "vi_balance_after",
                    "vi_reason", "vi_reference_type", "vi_reference_id", "vi_user")
    list_filter = (("reason", titled(_("lý do"), admin.ChoicesFieldListFilter)),
                   ("warehouse", titled(_("kho / điểm bán"), admin.RelatedOnlyFieldListFilter)),
                   ("reference_type", titled(_("loại chứng từ"), admin.AllValuesFieldListFilter)))
    search_fields = ("product_variant__sku", "product_variant__product__name", "reference_id", "note")
    list_select_related = ("product_variant__product", "warehouse", "user")
    date_hierarchy = "created_at"


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    field_labels = {"order_line": _("dòng đơn hàng"), "stock": _("tồn kho"), "quantity_allocated": _("số lượng phân bổ")}
    list_display = ("vi_order_line", "vi_stock", "vi_quantity_allocated")
    list_select_related = ("order_line__order", "stock__warehouse", "stock__product_variant__product")
    search_fields = ("order_line__product_sku",)


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ("checkout_token", "product_variant", "warehouse", "quantity_reserved", "expires_at")
    list_select_related = ("product_variant__product", "warehouse")


class StockTransferLineInline(admin.TabularInline):
    model = StockTransferLine
    extra = 0
    readonly_fields = ("quantity_received", "quantity_damaged", "quantity_missing")
    raw_id_fields = ("product_variant",)

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == "draft"

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(StockTransfer)
class StockTransferAdmin(admin.ModelAdmin):
    """Drafts can be edited here; shipping and receiving happen on /kho/ or via the API (services)."""

    list_display = ("__str__", "kind", "status", "source", "destination", "created_at", "shipped_at", "received_at")
    list_filter = ("status", "kind")
    readonly_fields = ("status", "created_by", "shipped_by", "received_by", "shipped_at", "received_at")
    inlines = [StockTransferLineInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status == "draft")


class StockCountLineInline(admin.TabularInline):
    model = StockCountLine
    extra = 0
    readonly_fields = ("expected_quantity", "unit_cost", "counted_by")
    raw_id_fields = ("product_variant",)


@admin.register(StockCount)
class StockCountAdmin(admin.ModelAdmin):
    """Counted quantities may be entered here while open; closing happens on /kho/ or via the API."""

    list_display = ("__str__", "warehouse", "status", "created_at", "closed_at")
    list_filter = ("status", "warehouse")
    readonly_fields = ("status", "created_by", "closed_by", "closed_at")
    inlines = [StockCountLineInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status == "open")


@admin.register(LowStockThreshold)
class LowStockThresholdAdmin(admin.ModelAdmin):
    list_display = ("product_variant", "warehouse", "threshold", "is_below", "last_alerted_at")
    list_filter = ("warehouse", "is_below")
    raw_id_fields = ("product_variant",)


@admin.register(VariantCost)
class VariantCostAdmin(admin.ModelAdmin):
    list_display = ("product_variant", "unit_cost")
    raw_id_fields = ("product_variant",)
