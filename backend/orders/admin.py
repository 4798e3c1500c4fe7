"""Orders in the admin are view-only: orders change through the order services (back office, POS)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.money import format_vnd
from inventory.admin import ReadOnlyAdmin

from .models import Fulfillment, FulfillmentLine, Order, OrderEvent, OrderLine


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ("product_name", "variant_name", "product_sku", "producer", "quantity", "quantity_fulfilled",
              "unit_price", "total_price", "vat_rate", "vat_amount")
    readonly_fields = fields


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("date", "type", "user", "parameters")
    readonly_fields = fields


class FulfillmentInline(ReadOnlyInline):
    model = Fulfillment
    fields = ("fulfillment_order", "status", "tracking_number", "created_at")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "created_at", "channel", "origin", "status", "charge_status", "total", "user_email",
                    "customer_phone")
    list_filter = ("status", "charge_status", "origin", ("channel", admin.RelatedOnlyFieldListFilter),
                   "payment_method", "delivery_method")
    search_fields = ("number", "user_email", "customer_phone", "external_reference", "lines__product_sku")
    list_select_related = ("channel",)
    date_hierarchy = "created_at"
    inlines = (OrderLineInline, FulfillmentInline, OrderEventInline)

    @admin.display(description=_("tổng tiền"), ordering="total_amount")
    def total(self, obj) -> str:
        return format_vnd(obj.total_amount)


@admin.register(FulfillmentLine)
class FulfillmentLineAdmin(ReadOnlyAdmin):
    list_display = ("fulfillment", "order_line", "stock", "quantity")
    list_select_related = ("fulfillment__order", "order_line", "stock")
