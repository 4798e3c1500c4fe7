"""Payments are view-only in the admin: they change only through gateway events and services."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_labels import titled
from inventory.admin import ReadOnlyAdmin
from orders.admin import ReadOnlyInline

from .models import TransactionEvent, TransactionItem


class TransactionEventInline(ReadOnlyInline):
    model = TransactionEvent
    field_labels = {"created_at": _("thời điểm"), "type": _("loại sự kiện"), "amount": _("số tiền (VND)"),
                    "psp_reference": _("mã giao dịch cổng thanh toán"), "message": _("thông điệp"),
                    "created_by": _("người thực hiện")}
    verbose_name = _("sự kiện thanh toán")
    verbose_name_plural = _("lịch sử thanh toán")


@admin.register(TransactionItem)
class TransactionItemAdmin(ReadOnlyAdmin):
    field_labels = {
        "token": _("mã giao dịch nội bộ"), "order": _("đơn hàng"), "method": _("phương thức"),
        "currency": _("tiền tệ"), "amount_authorized": _("đã cấp phép (VND)"), "amount_charged": _("đã thu (VND)"),
        "amount_refunded": _("đã hoàn (VND)"), "amount_canceled": _("đã huỷ (VND)"),
        "psp_reference": _("mã giao dịch cổng thanh toán"), "name": _("tên"), "created_at": _("ngày tạo"),
        "modified_at": _("cập nhật"),
    }
    list_display = ("vi_token", "vi_order", "vi_method", "vi_amount_authorized", "vi_amount_charged",
                    "vi_amount_refunded", "vi_psp_reference", "vi_created_at")
    list_filter = (("method", titled(_("phương thức"), admin.ChoicesFieldListFilter)),
                   ("currency", titled(_("tiền tệ"), admin.AllValuesFieldListFilter)))
    search_fields = ("psp_reference", "order__number", "token")
    list_select_related = ("order",)
    date_hierarchy = "created_at"
    inlines = (TransactionEventInline,)
