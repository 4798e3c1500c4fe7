"""Orders in the admin are view-only: orders change through the order services (back office, POS)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.admin_mixins import PersonalDataAccessLogged
from core.admin_labels import VietnameseLabelsMixin, titled
from core.money import format_vnd
from inventory.admin import ReadOnlyAdmin

from .models import Fulfillment, FulfillmentLine, Order, OrderEvent, OrderLine


class ReadOnlyInline(VietnameseLabelsMixin, admin.TabularInline):
    """View-only rows showing the `field_labels` fields with their Vietnamese labels."""

    extra = 0
    can_delete = False

    def get_fields(self, request, obj=None):
        return tuple(f"vi_{name}" for name in self.field_labels)

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    field_labels = {"product_name": pgettext_lazy("order line", "sản phẩm"), "variant_name": _("phân loại"), "product_sku": "SKU",
                    "producer": _("chủ thể"), "quantity": _("số lượng"), "quantity_fulfilled": _("đã giao"),
                    "unit_price": _("đơn giá (VND)"), "total_price": _("thành tiền (VND)"),
                    "vat_rate": _("thuế suất GTGT (%)"), "vat_amount": _("tiền thuế (VND)")}
    verbose_name = _("dòng đơn hàng")
    verbose_name_plural = _("các dòng đơn hàng")


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    field_labels = {"date": _("thời điểm"), "type": _("sự kiện"), "user": _("người thực hiện"),
                    "parameters": _("chi tiết")}
    verbose_name = _("sự kiện đơn hàng")
    verbose_name_plural = _("lịch sử đơn hàng")


class FulfillmentInline(ReadOnlyInline):
    model = Fulfillment
    field_labels = {"fulfillment_order": _("lần giao"), "status": _("trạng thái"),
                    "tracking_number": _("mã vận đơn"), "created_at": _("ngày tạo")}
    verbose_name = _("lần giao hàng")
    verbose_name_plural = _("giao hàng")


@admin.register(Order)
class OrderAdmin(PersonalDataAccessLogged, ReadOnlyAdmin):
    field_labels = {
        "number": _("số đơn"), "created_at": _("ngày tạo"), "channel": _("kênh bán"), "origin": _("nguồn đơn"),
        "status": _("trạng thái"), "charge_status": _("thanh toán"), "user": _("tài khoản"),
        "user_email": _("email"), "customer_phone": _("điện thoại"), "delivery_method": _("hình thức nhận hàng"),
        "shipping_method_name": _("phương thức giao"), "collection_point": _("điểm nhận hàng"),
        "warehouse": _("kho xuất (POS, sự kiện)"), "shipping_address": _("địa chỉ giao hàng"),
        "billing_address": _("địa chỉ hoá đơn"), "subtotal_amount": _("tạm tính (VND)"),
        "shipping_amount": _("phí giao hàng (VND)"), "discount_amount": _("giảm giá (VND)"),
        "total_amount": _("tổng cộng (VND)"), "vat_amount": _("thuế GTGT (VND)"),
        "total_charged_amount": _("đã thu (VND)"), "total_refunded_amount": _("đã hoàn (VND)"),
        "voucher_code": _("mã giảm giá"), "payment_method": _("phương thức thanh toán"),
        "customer_note": _("ghi chú của khách"), "external_reference": _("mã tham chiếu ngoài"),
        "invoice_data": _("thông tin hoá đơn điện tử"), "created_by": _("người tạo"),
    }
    list_display = ("vi_number", "vi_created_at", "vi_channel", "vi_origin", "vi_status", "vi_charge_status", "total",
                    "vi_user_email", "vi_customer_phone")
    list_filter = (("status", titled(_("trạng thái"), admin.ChoicesFieldListFilter)),
                   ("charge_status", titled(_("thanh toán"), admin.ChoicesFieldListFilter)),
                   ("origin", titled(_("nguồn đơn"), admin.ChoicesFieldListFilter)),
                   ("channel", titled(_("kênh bán"), admin.RelatedOnlyFieldListFilter)),
                   ("payment_method", titled(_("phương thức thanh toán"), admin.AllValuesFieldListFilter)),
                   ("delivery_method", titled(_("hình thức nhận hàng"), admin.AllValuesFieldListFilter)))
    search_fields = ("number", "user_email", "customer_phone", "external_reference", "lines__product_sku")
    list_select_related = ("channel",)
    date_hierarchy = "created_at"
    inlines = (OrderLineInline, FulfillmentInline, OrderEventInline)

    @admin.display(description=_("tổng tiền"), ordering="total_amount")
    def total(self, obj) -> str:
        return format_vnd(obj.total_amount)


@admin.register(FulfillmentLine)
class FulfillmentLineAdmin(ReadOnlyAdmin):
    field_labels = {"fulfillment": _("lần giao"), "order_line": _("dòng đơn hàng"), "stock": _("tồn kho"),
                    "quantity": _("số lượng")}
    list_display = ("vi_fulfillment", "vi_order_line", "vi_stock", "vi_quantity")
    list_select_related = ("fulfillment__order", "order_line", "stock")
