"""Payments are view-only in the admin: they change only through gateway events and services."""

from __future__ import annotations

from django.contrib import admin

from inventory.admin import ReadOnlyAdmin
from orders.admin import ReadOnlyInline

from .models import TransactionEvent, TransactionItem


class TransactionEventInline(ReadOnlyInline):
    model = TransactionEvent
    fields = ("created_at", "type", "amount", "psp_reference", "message", "created_by")
    readonly_fields = fields


@admin.register(TransactionItem)
class TransactionItemAdmin(ReadOnlyAdmin):
    list_display = ("token", "order", "method", "currency", "amount_authorized", "amount_charged",
                    "amount_refunded", "psp_reference", "created_at")
    list_filter = ("method", "currency")
    search_fields = ("psp_reference", "order__number", "token")
    list_select_related = ("order",)
    date_hierarchy = "created_at"
    inlines = (TransactionEventInline,)
